#pragma once
// "Why is this run slow": the critical path's attribution of the makespan, the bound per unit
// and pipe, and the advice, gathered for one run (the CLI's --explain and the studio's Why panel).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/run/advice.h"
#include "core/run/critical_path.h"
#include "core/run/simulation_run.h"

namespace amla {

struct RunExplanation {
  CriticalPath path;
  double critical_path_us = 0;  // the path plus the launch: the makespan
  std::vector<AttributionEntry> attribution;
  std::vector<std::string> advice;
};

// Without a trace (Trace::has_ops() false) the path and attribution stay empty.
RunExplanation explain_run(const SimulationRun& run);

// {"critical_path_us", "attribution": [{"category", "label", "us", "share"}], "bound": {"unit",
// "pipe", "busy"}, "per_unit_busy": {"aic"|"aiv0"|"aiv1": {PIPE: fraction}}, "hand_offs":
// {reason: count}, "advice": [...]}.
nlohmann::json explanation_to_json(const RunExplanation& e, const SimulationMetrics& m);

}  // namespace amla
