#pragma once
// What to change, from the bound and the critical path: CANN's FusedInferAttentionScore tuning
// guide picks the optimisation by bound type; here each is phrased with this tool's flags. The
// rules are data (one entry per bound, one per critical-path category), not code paths.
#include <string>
#include <vector>

#include "core/run/critical_path.h"
#include "core/run/run_metrics.h"

namespace amla {

struct BoundAdvice {
  Unit unit;  // kAiv0 stands for either AIV
  Pipe pipe;
  const char* cann;    // the tuning guide's name for the optimisation
  const char* advice;  // in this tool's knobs
};

struct PathAdvice {
  PathCategory category;
  double min_share;  // of the makespan, before the advice applies
  const char* advice;
};

const std::vector<BoundAdvice>& bound_advice_table();
const std::vector<PathAdvice>& path_advice_table();

// The bound's advice first ("AIC MTE2 is the bound (96% busy): ..."), below half busy the
// pipeline-stall advice instead, then one line per large enough critical-path category, largest
// first.
std::vector<std::string> advise(const SimulationMetrics& metrics,
                                const std::vector<AttributionEntry>& attribution);

}  // namespace amla
