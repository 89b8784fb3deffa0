#include "ui/sweep/sweep_format.h"

#include "ui/common/screen_units.h"

#include <QStringList>
#include <cmath>

#include "core/kernel/kernel_params.h"
#include "core/run/metric_catalogue.h"
#include "core/sweep/knobs.h"

namespace amla::ui {

namespace {

// The knobs that identify a run in a title, in reading order.
const char* const kIdentifyingKnobs[] = {"preset", "variant", "batch",  "q-tokens",
                                         "heads",  "kv-len",  "preload"};

QString cell_values(const amla::SweepResult& result, const amla::SweepCell& cell,
                    const QString& separator, const QString& format) {
  QStringList parts;
  for (std::size_t k = 0; k < result.params.size() && k < cell.values.size(); ++k) {
    parts << format.arg(QString::fromStdString(result.params[k].name),
                        QString::fromStdString(cell.values[k]));
  }
  return parts.join(separator);
}

bool swept(const amla::SweepResult& result, const std::string& knob) {
  for (const auto& p : result.params) {
    if (p.name == knob) return true;
  }
  return false;
}

}  // namespace

QString format_sweep_value(const std::string& metric, double value) {
  if (std::isnan(value)) return QStringLiteral("n/a");
  const amla::MetricDef* m = amla::find_metric(metric);
  return m ? screen_text(amla::format_metric(*m, value)) : QString::number(value, 'g', 4);
}

QString sweep_metric_label(const std::string& metric) {
  const amla::MetricDef* m = amla::find_metric(metric);
  if (!m) return QString::fromStdString(metric);
  const std::string unit = m->format == amla::MetricFormat::kPercent ? "%" : m->unit;
  return unit.empty()
             ? QString::fromStdString(m->label)
             : QStringLiteral("%1 (%2)").arg(QString::fromStdString(m->label), screen_unit(unit));
}

QString sweep_cell_text(const amla::SweepResult& result, int index) {
  const amla::SweepCell& cell = result.cells.at(static_cast<std::size_t>(index));
  if (cell.pending) return {};
  if (!cell.valid) {
    return cell.reason_field.empty() ? QStringLiteral("invalid")
                                     : QStringLiteral("invalid\n%1")
                                           .arg(QString::fromStdString(amla::render_field(
                                               cell.reason_field, amla::ParamNaming::kFlag)));
  }
  return format_sweep_value(result.metric, amla::sweep_metric_value(cell, result.metric));
}

QString describe_sweep_cell(const amla::SweepResult& result, int index) {
  const amla::SweepCell& cell = result.cells.at(static_cast<std::size_t>(index));
  QString text = cell_values(result, cell, QStringLiteral("\n"), QStringLiteral("%1 = %2"));
  if (cell.pending) return text + QStringLiteral("\nno result yet");
  if (!cell.valid) {
    return text + QStringLiteral("\ninvalid: ") + QString::fromStdString(cell.reason);
  }
  text +=
      QStringLiteral("\n%1 = %2")
          .arg(sweep_metric_label(result.metric),
               format_sweep_value(result.metric, amla::sweep_metric_value(cell, result.metric)));
  if (index == result.best) text += QStringLiteral("\nbest of the sweep");
  text += cell.from_cache ? QStringLiteral("\n(from cache)")
                          : QStringLiteral("\nsimulated in %1 s").arg(cell.wall_seconds, 0, 'f', 2);
  return text + QStringLiteral("\nclick to open its timeline");
}

QString sweep_title(const amla::SweepResult& result) {
  QStringList names;
  for (const auto& p : result.params) names << QString::fromStdString(p.name);
  return QStringLiteral("%1 over %2")
      .arg(sweep_metric_label(result.metric), names.join(QStringLiteral(" x ")));
}

QString sweep_fixed_knobs(const amla::SweepResult& result) {
  if (result.cells.empty()) return {};
  const amla::RunConfig& config = result.cells.front().config;
  QStringList parts;
  for (const char* knob : kIdentifyingKnobs) {
    if (swept(result, knob)) continue;
    const QString value = QString::fromStdString(amla::knob_value(config, knob));
    const bool bare = std::string(knob) == "preset" || std::string(knob) == "variant";
    parts << (bare ? value : QStringLiteral("%1 %2").arg(QString::fromLatin1(knob), value));
  }
  return parts.join(QStringLiteral(", "));
}

QString sweep_status(const amla::SweepResult& result) {
  int cached = 0, invalid = 0;
  for (const auto& cell : result.cells) {
    cached += cell.from_cache ? 1 : 0;
    invalid += cell.valid || cell.pending ? 0 : 1;
  }
  QString text = QStringLiteral("%1 cells in %2 s, %3 from cache, %4 invalid")
                     .arg(result.cells.size())
                     .arg(result.seconds, 0, 'f', 2)
                     .arg(cached)
                     .arg(invalid);
  if (result.best < 0) return text + QStringLiteral("; no valid cell");
  const amla::SweepCell& best = result.cells[static_cast<std::size_t>(result.best)];
  return text +
         QStringLiteral("; best: %1 at %2")
             .arg(format_sweep_value(result.metric, amla::sweep_metric_value(best, result.metric)),
                  cell_values(result, best, QStringLiteral(", "), QStringLiteral("%1 %2")));
}

}  // namespace amla::ui
