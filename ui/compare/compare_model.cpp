#include "ui/compare/compare_model.h"

#include <QStringList>
#include <functional>

#include "core/common/memory_budget.h"
#include "core/kernel/config_json.h"
#include "core/ops/pipes.h"
#include "core/run/simulation_run.h"
#include "core/sweep/knobs.h"

namespace amla::ui {

namespace {

enum class Better { kHigher, kLower, kNeither };
enum class Kind { kPlain, kPercent, kBytes };

struct MetricSpec {
  QString label;
  std::function<double(const SimulationMetrics&)> value;
  Kind kind;
  int decimals;
  Better better;
};

QString signed_number(double v, int decimals) {
  return (v > 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', decimals);
}

QString value_text(double v, Kind kind, int decimals) {
  if (kind == Kind::kBytes) return QString::fromStdString(amla::format_bytes(v));
  return QString::number(v, 'f', decimals);
}

QString delta_text(double d, Kind kind, int decimals) {
  if (kind == Kind::kBytes) {
    const QString sign = d > 0 ? QStringLiteral("+") : d < 0 ? QStringLiteral("-") : QString();
    return sign + QString::fromStdString(amla::format_bytes(std::fabs(d)));
  }
  return signed_number(d, decimals) + (kind == Kind::kPercent ? QStringLiteral(" pp") : QString());
}

DeltaVerdict verdict(double a, double b, Better better) {
  // Differences at the noise level of printed numbers are no change.
  if (better == Better::kNeither || std::fabs(b - a) <= 1e-9 * std::max(std::fabs(a), 1.0)) {
    return DeltaVerdict::kNeutral;
  }
  const bool higher = b > a;
  return higher == (better == Better::kHigher) ? DeltaVerdict::kBetter : DeltaVerdict::kWorse;
}

std::vector<MetricSpec> metric_specs() {
  using M = SimulationMetrics;
  std::vector<MetricSpec> specs = {
      {QStringLiteral("makespan (us)"), [](const M& m) { return m.makespan_us; }, Kind::kPlain, 2,
       Better::kLower},
      {QStringLiteral("TFLOPS"), [](const M& m) { return m.tflops; }, Kind::kPlain, 1,
       Better::kHigher},
      {QStringLiteral("FLOPS utilisation (%)"),
       [](const M& m) { return 100.0 * m.flops_utilization; }, Kind::kPercent, 1, Better::kHigher},
      {QStringLiteral("HBM bytes"), [](const M& m) { return m.hbm_bytes; }, Kind::kBytes, 0,
       Better::kLower},
      // Higher bandwidth use is neither good nor bad by itself: it depends on the bound.
      {QStringLiteral("HBM BW utilisation (%)"),
       [](const M& m) { return 100.0 * m.hbm_bandwidth_utilization; }, Kind::kPercent, 1,
       Better::kNeither},
      {QStringLiteral("L2 bytes"), [](const M& m) { return m.l2_bytes; }, Kind::kBytes, 0,
       Better::kLower},
  };
  for (int p = 0; p < kPipeCount; ++p) {
    const auto pipe = static_cast<Pipe>(p);
    // A busier Cube is more of the peak used; for the other pipes busier is only different.
    specs.push_back(
        {QStringLiteral("%1 busy (%)").arg(QString::fromLatin1(pipe_name(pipe))),
         [p](const M& m) { return 100.0 * m.pipes[static_cast<std::size_t>(p)].busy_fraction; },
         Kind::kPercent, 1, pipe == Pipe::kCube ? Better::kHigher : Better::kNeither});
  }
  return specs;
}

// Ratios of percentages read as "utilisation went up by 1.1x", which misleads; only absolute
// quantities get one.
bool has_ratio(Kind kind) { return kind != Kind::kPercent; }

}  // namespace

std::vector<DeltaRow> compare_rows(const SimulationRun* a, const SimulationRun* b) {
  std::vector<DeltaRow> rows;
  const auto specs = metric_specs();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const MetricSpec& spec = specs[i];
    DeltaRow row;
    row.label = spec.label;
    if (a) {
      row.a_value = spec.value(a->metrics);
      row.a = value_text(row.a_value, spec.kind, spec.decimals);
    }
    if (b) {
      row.b_value = spec.value(b->metrics);
      row.b = value_text(row.b_value, spec.kind, spec.decimals);
    }
    if (a && b) {
      row.delta_value = row.b_value - row.a_value;
      row.delta = delta_text(row.delta_value, spec.kind, spec.decimals);
      if (has_ratio(spec.kind) && row.a_value != 0) {
        row.ratio_value = row.b_value / row.a_value;
        row.ratio = QString::number(row.ratio_value, 'f', 3) + QStringLiteral("x");
      }
      row.verdict = verdict(row.a_value, row.b_value, spec.better);
    }
    rows.push_back(std::move(row));
    // The bound is words, not a number: it sits after the traffic rows.
    if (spec.label == QLatin1String("L2 bytes")) {
      DeltaRow bound;
      bound.label = QStringLiteral("bound");
      if (a) bound.a = QString::fromStdString(a->metrics.bound);
      if (b) bound.b = QString::fromStdString(b->metrics.bound);
      if (a && b)
        bound.delta = bound.a == bound.b ? QStringLiteral("same") : QStringLiteral("changed");
      rows.push_back(std::move(bound));
    }
  }
  return rows;
}

QString compare_run_title(const QString& tag, const SimulationRun* run,
                          const SimulationRun* other) {
  if (!run) return tag + QStringLiteral(": no run");
  const RunConfig config{run->hardware, run->config};
  QString title = QStringLiteral("%1: %2, %3, preload %4")
                      .arg(tag, QString::fromStdString(run->hardware.name),
                           QString::fromLatin1(variant_name(run->config.variant)))
                      .arg(run->config.tiling.preload);
  if (!other) return title;
  const RunConfig other_config{other->hardware, other->config};
  QStringList differing;
  for (const auto& knob : amla::run_knobs()) {
    if (knob.name == "preset" || knob.name == "variant" || knob.name == "preload") continue;
    const std::string mine = amla::knob_value(config, knob.name);
    if (mine != amla::knob_value(other_config, knob.name)) {
      differing << QStringLiteral("%1 %2").arg(QString::fromStdString(knob.name),
                                               QString::fromStdString(mine));
    }
  }
  if (!differing.isEmpty()) title += QStringLiteral("; ") + differing.join(QStringLiteral(", "));
  return title;
}

}  // namespace amla::ui
