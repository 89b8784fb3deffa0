#include "app/cli/metrics_json.h"

namespace amla::cli {

nlohmann::json simulation_metrics_json(const amla::SimulationMetrics& m) {
  nlohmann::json j;
  j["makespan_us"] = m.makespan_us;
  j["makespan_cycles"] = m.makespan_cycles;
  j["total_flops"] = m.total_flops;
  j["tflops"] = m.tflops;
  j["peak_tflops"] = m.peak_tflops;
  j["flops_utilization"] = m.flops_utilization;
  j["hbm_bytes"] = m.hbm_bytes;
  j["hbm_gb_per_s"] = m.hbm_gb_per_s;
  j["hbm_bandwidth_utilization"] = m.hbm_bandwidth_utilization;
  j["l2_bytes"] = m.l2_bytes;
  j["l2_bandwidth_utilization"] = m.l2_bandwidth_utilization;
  j["bound"] = m.bound;
  nlohmann::json pipes, bubbles;
  for (int p = 0; p < kPipeCount; ++p) {
    const auto& ps = m.pipes[static_cast<std::size_t>(p)];
    pipes[pipe_name(static_cast<Pipe>(p))] = ps.busy_fraction;
    bubbles[pipe_name(static_cast<Pipe>(p))] = {{"gaps", ps.bubbles},
                                                {"idle_cycles", ps.bubble_cycles}};
  }
  j["pipes"] = pipes;
  j["bubbles"] = bubbles;
  j["load_imbalance"] = m.load_imbalance;
  j["core_cube_busy"] = {{"min", m.core_cube_busy_min},
                         {"mean", m.core_cube_busy_mean},
                         {"max", m.core_cube_busy_max}};
  j["events"] = m.events;
  return j;
}

}  // namespace amla::cli
