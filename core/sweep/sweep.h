#pragma once
// Tile exploration: one or two knobs, each over a list of values; every combination is a cell,
// simulated in parallel on all cores (or --jobs), cached by its full configuration. Invalid
// cells keep the validation message that rules them out. The metric of each cell can be any of
// the simulation's metrics, or AMLA's max error from the numerics emulation of the same
// (rows per task, KV block) decomposition.
#include <functional>
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
  // No result: a cell of another shard, or one that has not finished yet.
  bool pending = false;
};

struct SweepResult {
  std::vector<SweepParameter> params;
  std::string metric;
  std::vector<SweepCell> cells;  // row-major: the last parameter varies fastest
  int best = -1;                 // index of the best valid cell, -1 if none
  double seconds = 0;
  int reused = 0;     // cells answered by the cache or the store
  int simulated = 0;  // cells run (valid or found invalid) by this sweep
};

// Which part of the cells a sweep runs: cell i (row-major) belongs to shard i mod count. Every
// cell is in exactly one shard and shard sizes differ by at most one.
struct SweepShard {
  int index = 0;  // 0 .. count - 1
  int count = 1;
  bool contains(std::size_t cell) const {
    return cell % static_cast<std::size_t>(count) == static_cast<std::size_t>(index);
  }
};
// "K/N" -> {K, N}; InputError naming `field` with the limits when malformed or out of range.
SweepShard parse_sweep_shard(const std::string& field, const std::string& text);
constexpr int kMaxSweepShards = 4096;

// Where finished cells are looked up before simulating and kept after: the in-memory SweepCache
// below, or the SQLite result store (core/store) for sweeps that outlive the process. Called
// from the sweep's worker threads, so implementations are thread-safe.
class SweepCellCache {
 public:
  virtual ~SweepCellCache() = default;
  // A finished cell of `config` (with AMLA's error when `numerics`), or nullopt.
  virtual std::optional<SweepCell> find(const RunConfig& config, bool numerics) = 0;
  virtual void store(const SweepCell& cell, bool numerics) = 0;
};

// A cache of finished cells in memory, keyed by the JSON of their configuration (and whether
// the numerics were computed). Thread-safe.
class SweepCache : public SweepCellCache {
 public:
  std::optional<SweepCell> find(const RunConfig& config, bool numerics) override;
  void store(const SweepCell& cell, bool numerics) override;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, SweepCell> cells_;
};

struct SweepOptions {
  std::string metric = "flops_utilization";
  int jobs = 0;    // 0 = hardware threads
  JobControl job;  // progress: cells done / cells, from worker threads; cancel: throws Cancelled
  SweepCellCache* cache = nullptr;
  std::uint64_t memory_budget_bytes = 0;  // per cell; 0 = default budget / jobs
  SweepShard shard;                       // the cells outside it stay pending
  // Called once per finished cell of the shard (index, cell), from the worker threads, in no
  // particular order: the CLI's rate and ETA, the studio's heatmap filling in.
  std::function<void(std::size_t, const SweepCell&)> on_cell;
};

// The cells `run_sweep` would run, built but not simulated: every combination's values and
// configuration, all pending. Bad values and too many cells throw InputError.
SweepResult plan_sweep(const RunConfig& base, const std::vector<SweepParameter>& params,
                       const std::string& metric);

// The value of the chosen metric for a valid cell, as the catalogue computes it (raw: fractions
// 0..1, bytes, cycles); NaN when the cell lacks it.
double sweep_metric_value(const SweepCell& cell, const std::string& metric);

// The best finished valid cell by the metric's own direction, or -1 (also for a metric that is
// neither better higher nor lower).
int best_sweep_cell(const SweepResult& result);

SweepResult run_sweep(const RunConfig& base, const std::vector<SweepParameter>& params,
                      const SweepOptions& options);

}  // namespace amla
