#pragma once
// "Why is B slower": the makespan of A and of B attributed along each run's critical path
// (core/run/explain.h: Cube compute, MTE2 from HBM, flag latency, waiting on a buffer slot...),
// side by side, with B - A per category. The rows of a run add up to its makespan, so the
// differences add up to the makespan's difference: the categories that moved are the answer.
#include <QString>
#include <cmath>
#include <vector>

namespace amla {
struct SimulationRun;
}

namespace amla::ui {

struct AttributionRow {
  QString label;  // "MTE2 from HBM"; "Makespan" for the total row
  QString key;    // "mte2_hbm"; "makespan" for the total row
  double a_us = NAN, b_us = NAN;
  double a_share = NAN, b_share = NAN;
  double delta_us = NAN;  // B - A, when both runs are there
  bool total = false;
};

// One row per category either run spends time in (the launch included), in the attribution's
// order, then the total row. Either run may be null or without a trace: its values stay NaN.
std::vector<AttributionRow> compare_attribution(const amla::SimulationRun* a,
                                                const amla::SimulationRun* b);

}  // namespace amla::ui
