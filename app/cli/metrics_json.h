#pragma once
// The simulation metrics as JSON, with the keys `simulate --json` documents (makespan_us,
// makespan_cycles, total_flops, tflops, peak_tflops, flops_utilization, hbm_bytes,
// hbm_bandwidth_utilization, bound, pipes, events, ...), shared by simulate and sweep.
#include <nlohmann/json.hpp>

#include "core/run/run_metrics.h"

namespace amla::cli {

nlohmann::json simulation_metrics_json(const amla::SimulationMetrics& m);

}  // namespace amla::cli
