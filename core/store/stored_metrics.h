#pragma once
// A cell's metrics as the store keeps them: the metric catalogue's JSON (metrics_to_json), the
// same document `amla-cli simulate --json` prints. Reading it back restores the simulation's
// metrics; the result is checked by writing it again with the catalogue and comparing, so a
// catalogue that gained a metric this reader does not restore makes old cells a miss (they are
// simulated again), never a cell with a silently missing figure.
#include <nlohmann/json.hpp>
#include <optional>

#include "core/run/run_metrics.h"

namespace amla {

struct StoredMetrics {
  SimulationMetrics sim;
  std::optional<double> amla_max_error;
};

// nullopt when `j` is not exactly what metrics_to_json writes for the restored metrics.
std::optional<StoredMetrics> metrics_from_json(const nlohmann::json& j);

}  // namespace amla
