#include "core/run/explain.h"

#include <cctype>

namespace amla {

RunExplanation explain_run(const SimulationRun& run) {
  RunExplanation e;
  // A run that kept no trace has no critical path: no attribution, advice from the metrics.
  if (!run.trace.has_ops()) {
    e.advice = advise(run.metrics, e.attribution);
    return e;
  }
  e.path = critical_path(run.trace);
  e.attribution = attribute_makespan(e.path, run.hardware.clock_ghz, run.hardware.kernel_launch_us);
  for (const AttributionEntry& a : e.attribution) e.critical_path_us += a.us;
  e.advice = advise(run.metrics, e.attribution);
  return e;
}

nlohmann::json explanation_to_json(const RunExplanation& e, const SimulationMetrics& m) {
  nlohmann::json j;
  j["critical_path_us"] = e.critical_path_us;
  j["critical_path_ops"] = e.path.ops.size();
  nlohmann::json attribution = nlohmann::json::array();
  for (const AttributionEntry& a : e.attribution) {
    attribution.push_back({{"category", path_category_key(a.category)},
                           {"label", path_category_label(a.category)},
                           {"us", a.us},
                           {"share", a.share}});
  }
  j["attribution"] = attribution;
  j["bound"] = {
      {"unit", unit_name(m.bound_unit)}, {"pipe", pipe_name(m.bound_pipe)}, {"busy", m.bound_busy}};
  nlohmann::json per_unit;
  for (const Unit unit : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
    std::string key = unit_name(unit);
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    nlohmann::json pipes = nlohmann::json::object();
    for (int p = 0; p < kPipeCount; ++p) {
      const auto pipe = static_cast<Pipe>(p);
      if (unit_has_pipe(unit, pipe)) pipes[pipe_name(pipe)] = m.pipe(unit, pipe).busy_fraction;
    }
    per_unit[key] = pipes;
  }
  j["per_unit_busy"] = per_unit;
  nlohmann::json hand_offs = nlohmann::json::object();
  for (int r = 0; r < 4; ++r) {
    hand_offs[wait_reason_name(static_cast<WaitReason>(r))] =
        e.path.hand_offs[static_cast<std::size_t>(r)];
  }
  j["hand_offs"] = hand_offs;
  j["advice"] = e.advice;
  return j;
}

}  // namespace amla
