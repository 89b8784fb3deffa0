#include "ui/compare/compare_model.h"

#include "ui/common/screen_units.h"

#include <QStringList>

#include "core/kernel/config_json.h"
#include "core/ops/pipes.h"
#include "core/run/metric_catalogue.h"
#include "core/run/simulation_run.h"
#include "core/sweep/knobs.h"

namespace amla::ui {

namespace {

// The Compare table shows the run-level metrics and each unit's pipe busy fractions.
bool compared(const MetricDef& m) {
  if (m.needs_numerics()) return false;
  if (m.group != MetricGroup::kPipes) return true;
  return m.key.size() > 5 && m.key.compare(m.key.size() - 5, 5, ".busy") == 0;
}

// Ratios of percentages read as "utilisation went up by 1.1x", which misleads; only absolute
// quantities get one.
bool has_ratio(const MetricDef& m) { return m.format != MetricFormat::kPercent; }

DeltaVerdict verdict(const MetricDef& m, double a, double b) {
  switch (compare_metric(m, a, b)) {
    case 1:
      return DeltaVerdict::kBetter;
    case -1:
      return DeltaVerdict::kWorse;
    default:
      return DeltaVerdict::kNeutral;
  }
}

}  // namespace

std::vector<DeltaRow> compare_rows(const SimulationRun* a, const SimulationRun* b) {
  std::vector<DeltaRow> rows;
  for (const MetricDef& m : metric_catalogue()) {
    if (!compared(m)) continue;
    DeltaRow row;
    row.label = QString::fromStdString(m.label);
    row.key = QString::fromStdString(m.key);
    row.description = QString::fromStdString(m.description);
    if (m.is_text()) {
      if (a) row.a = QString::fromStdString(m.text({a->metrics, std::nullopt}));
      if (b) row.b = QString::fromStdString(m.text({b->metrics, std::nullopt}));
      if (a && b) row.delta = row.a == row.b ? QStringLiteral("same") : QStringLiteral("changed");
      rows.push_back(std::move(row));
      continue;
    }
    if (a) {
      row.a_value = m.value({a->metrics, std::nullopt}).value_or(NAN);
      row.a = screen_text(format_metric(m, row.a_value, true));
    }
    if (b) {
      row.b_value = m.value({b->metrics, std::nullopt}).value_or(NAN);
      row.b = screen_text(format_metric(m, row.b_value, true));
    }
    if (a && b) {
      row.delta_value = row.b_value - row.a_value;
      row.delta = screen_text(format_metric_delta(m, row.delta_value));
      if (has_ratio(m) && row.a_value != 0) {
        row.ratio_value = row.b_value / row.a_value;
        row.ratio = QString::number(row.ratio_value, 'f', 3) + QStringLiteral("x");
      }
      row.verdict = verdict(m, row.a_value, row.b_value);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

QString compare_run_title(const QString& tag, const SimulationRun* run,
                          const SimulationRun* other) {
  if (!run) return tag + QStringLiteral(": no run");
  const RunConfig config{run->hardware, run->config};
  QString title = run->is_profile() ? QStringLiteral("%1: %2").arg(
                                          tag, QString::fromStdString(run_kind_label(*run)))
                                    : QStringLiteral("%1: %2, %3")
                                          .arg(tag, QString::fromStdString(run->hardware.name),
                                               QString::fromStdString(run_kind_label(*run)));
  // A profile's kernel settings are unknown: nothing to list as differing.
  if (!other || run->is_profile() || other->is_profile()) return title;
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
