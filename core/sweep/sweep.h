#pragma once
// Tile exploration: one or two knobs, each over a list of values; every combination is a cell,
// simulated in parallel on all cores (or --jobs), cached by its full configuration. Invalid
// cells keep the validation message that rules them out. The metric of each cell can be any of
// the simulation's metrics, or AMLA's max error from the numerics emulation of the same
// (rows per task, KV block) decomposition.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/common/job_control.h"
#include "core/kernel/config_json.h"
#include "core/run/metric_catalogue.h"
#include "core/run/run_metrics.h"

namespace amla {

struct SweepParameter {
  std::string name;                 // a run knob ("rows-per-task")
  std::vector<std::string> values;  // as text, in order
};

// "rows-per-task=64,128,256" -> {name, values}; throws InputError naming the parameter when the
// knob is unknown, a value is empty or the list is empty.
SweepParameter parse_sweep_parameter(const std::string& text);

// The metrics a sweep can rank by: every numeric metric of the catalogue (metric_catalogue.h).
std::vector<const MetricDef*> sweep_metrics();
// The catalogue entry for `key`; InputError("--metric", ...) when unknown or not a number.
const MetricDef& find_sweep_metric(const std::string& key);

struct SweepCell {
  std::vector<std::string> values;  // one per parameter
  RunConfig config;
  bool valid = false;
  std::string reason;        // why the cell is invalid (the validation message)
  std::string reason_field;  // the parameter that message names
  SimulationMetrics metrics;
  std::optional<double> amla_max_error;  // when the metric needs the numerics
  double wall_seconds = 0;
  bool from_cache = false;
};

struct SweepResult {
  std::vector<SweepParameter> params;
  std::string metric;
  std::vector<SweepCell> cells;  // row-major: the last parameter varies fastest
  int best = -1;                 // index of the best valid cell, -1 if none
  double seconds = 0;
};

// A cache of finished cells keyed by the canonical JSON of their configuration (and whether the
// numerics were computed). Thread-safe.
class SweepCache {
 public:
  std::optional<SweepCell> find(const std::string& key) const;
  void store(const std::string& key, const SweepCell& cell);
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, SweepCell> cells_;
};

struct SweepOptions {
  std::string metric = "flops_utilization";
  int jobs = 0;    // 0 = hardware threads
  JobControl job;  // progress: cells done / cells, from worker threads; cancel: throws Cancelled
  SweepCache* cache = nullptr;
  std::uint64_t memory_budget_bytes = 0;  // per cell; 0 = default budget / jobs
};

// The value of the chosen metric for a valid cell, as the catalogue computes it (raw: fractions
// 0..1, bytes, cycles); NaN when the cell lacks it.
double sweep_metric_value(const SweepCell& cell, const std::string& metric);

SweepResult run_sweep(const RunConfig& base, const std::vector<SweepParameter>& params,
                      const SweepOptions& options);

}  // namespace amla
