#include "ui/compare/compare_attribution.h"

#include <optional>

#include "core/run/explain.h"
#include "core/run/simulation_run.h"

namespace amla::ui {

std::vector<AttributionRow> compare_attribution(const SimulationRun* a, const SimulationRun* b) {
  std::optional<RunExplanation> ea, eb;
  // A run that kept no trace has no critical path: its column stays empty, as for no run.
  if (a != nullptr && a->trace.has_ops()) ea = explain_run(*a);
  if (b != nullptr && b->trace.has_ops()) eb = explain_run(*b);
  std::vector<AttributionRow> rows;
  if (!ea && !eb) return rows;
  AttributionRow total;
  total.label = QStringLiteral("Makespan");
  total.key = QStringLiteral("makespan");
  total.total = true;
  if (ea) total.a_us = 0, total.a_share = 0;
  if (eb) total.b_us = 0, total.b_share = 0;
  for (int c = 0; c < kPathCategoryCount; ++c) {
    const auto category = static_cast<PathCategory>(c);
    AttributionRow row;
    row.label = QString::fromLatin1(path_category_label(category));
    row.key = QString::fromLatin1(path_category_key(category));
    // explain_run lists every category in enum order.
    if (ea) {
      row.a_us = ea->attribution[static_cast<std::size_t>(c)].us;
      row.a_share = ea->attribution[static_cast<std::size_t>(c)].share;
      total.a_us += row.a_us;
      total.a_share += row.a_share;
    }
    if (eb) {
      row.b_us = eb->attribution[static_cast<std::size_t>(c)].us;
      row.b_share = eb->attribution[static_cast<std::size_t>(c)].share;
      total.b_us += row.b_us;
      total.b_share += row.b_share;
    }
    if (ea && eb) row.delta_us = row.b_us - row.a_us;
    const bool spent = (ea && row.a_us > 0) || (eb && row.b_us > 0);
    if (spent) rows.push_back(row);
  }
  if (ea && eb) total.delta_us = total.b_us - total.a_us;
  rows.push_back(total);
  return rows;
}

}  // namespace amla::ui
