#pragma once
// What the A/B comparison says, independent of how it is shown: one row per metric with A, B,
// B - A and B / A (where a ratio means something) as numbers and as text, and whether B is better
// or worse; and the line that names a run by preset, variant, preload and the knobs in which it
// differs from the other run. The page's table and its exported figure both read these.
#include <QString>
#include <cmath>
#include <vector>

namespace amla {
struct SimulationRun;
}

namespace amla::ui {

enum class DeltaVerdict { kNeutral, kBetter, kWorse };

struct DeltaRow {
  QString label;
  QString key;                 // the metric catalogue's key
  QString description;         // the catalogue's sentence, for tooltips
  QString a, b, delta, ratio;  // empty where there is nothing to say
  double a_value = NAN, b_value = NAN, delta_value = NAN, ratio_value = NAN;
  DeltaVerdict verdict = DeltaVerdict::kNeutral;
};

// One row per run-level metric of the catalogue (metric_catalogue.h) and per unit's pipe busy
// fraction, in catalogue order, with the catalogue's direction deciding better or worse. Either run
// may be null: its column stays empty and so do the deltas.
std::vector<DeltaRow> compare_rows(const amla::SimulationRun* a, const amla::SimulationRun* b);

// "A: 910B2, amla, preload 2; rows-per-task 64, kv-block 256" (the knobs after ";" are those
// whose value differs in `other`).
QString compare_run_title(const QString& tag, const amla::SimulationRun* run,
                          const amla::SimulationRun* other);

}  // namespace amla::ui
