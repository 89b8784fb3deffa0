#include "core/sweep/sweep.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

#include "core/common/cancelled.h"
#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/kernel/kernel_params.h"
#include "core/numerics/numerics_run.h"
#include "core/run/simulation_run.h"
#include "core/sweep/knobs.h"

namespace amla {

namespace {

constexpr int kMaxCells = 4096;

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

// AMLA's max abs error against the FP64 golden, for the rows of one task and the run's S_k,
// walked in the run's (rows per task, KV block) blocks.
double amla_max_error(const RunConfig& c) {
  InputSpec spec;
  spec.rows = std::min(c.kernel.problem.rows_per_batch(), c.kernel.tiling.blocking.rows_per_task);
  spec.kv_len =
      c.kernel.problem.kv_lens.empty()
          ? c.kernel.problem.kv_len
          : *std::max_element(c.kernel.problem.kv_lens.begin(), c.kernel.problem.kv_lens.end());
  NumericsConfig nc;
  nc.blocking = c.kernel.tiling.blocking;
  nc.record_growth = false;
  nc.threads = 1;
  const NumericsRun run = run_numerics(generate_inputs(spec), nc);
  return run.amla.metrics.max_abs_err;
}

}  // namespace

SweepParameter parse_sweep_parameter(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos) {
    throw InputError("--param", text, "expected NAME=V1,V2,... with NAME a simulate flag");
  }
  SweepParameter p;
  p.name = trim(text.substr(0, eq));
  if (!is_run_knob(p.name)) {
    RunConfig probe;
    apply_knob(probe, p.name, "");  // throws the unknown-parameter message
  }
  std::string rest = text.substr(eq + 1);
  std::size_t start = 0;
  while (start <= rest.size()) {
    const auto comma = rest.find(',', start);
    const std::string value =
        trim(rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (value.empty()) {
      throw InputError("--param " + p.name, text, "every value must be non-empty");
    }
    p.values.push_back(value);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (p.values.empty()) throw InputError("--param " + p.name, text, "needs at least one value");
  return p;
}

std::vector<const MetricDef*> sweep_metrics() {
  std::vector<const MetricDef*> list;
  for (const MetricDef& m : metric_catalogue()) {
    if (!m.is_text()) list.push_back(&m);
  }
  return list;
}

const MetricDef& find_sweep_metric(const std::string& key) {
  const MetricDef& m = require_metric("--metric", key);
  if (m.is_text()) throw InputError("--metric", key, "a sweep ranks cells by a number");
  return m;
}

double sweep_metric_value(const SweepCell& cell, const std::string& metric) {
  const MetricDef* m = find_metric(metric);
  if (!m || m->is_text()) return std::nan("");
  return m->value({cell.metrics, cell.amla_max_error}).value_or(std::nan(""));
}

SweepShard parse_sweep_shard(const std::string& field, const std::string& text) {
  const std::string limit = "K/N with N in [1, " + std::to_string(kMaxSweepShards) +
                            "] and K in [0, N - 1] (shards count from 0)";
  const auto slash = text.find('/');
  const auto whole = [&](const std::string& part) {
    if (part.empty() || part.size() > 6 ||
        part.find_first_not_of("0123456789") != std::string::npos) {
      throw InputError(field, text, limit);
    }
    return std::stoi(part);
  };
  if (slash == std::string::npos) throw InputError(field, text, limit);
  SweepShard shard;
  shard.index = whole(text.substr(0, slash));
  shard.count = whole(text.substr(slash + 1));
  if (shard.count < 1 || shard.count > kMaxSweepShards) throw InputError(field, text, limit);
  if (shard.index >= shard.count) {
    throw InputError(field, text,
                     "K in [0, " + std::to_string(shard.count - 1) +
                         "] for N = " + std::to_string(shard.count) + " (shards count from 0)");
  }
  return shard;
}

namespace {

std::string cache_key(const RunConfig& config, bool numerics) {
  return run_config_to_json(config).dump() + (numerics ? "+numerics" : "");
}

}  // namespace

std::optional<SweepCell> SweepCache::find(const RunConfig& config, bool numerics) {
  const std::string key = cache_key(config, numerics);
  std::lock_guard lock(mutex_);
  const auto it = cells_.find(key);
  if (it == cells_.end()) return std::nullopt;
  return it->second;
}

void SweepCache::store(const SweepCell& cell, bool numerics) {
  const std::string key = cache_key(cell.config, numerics);
  std::lock_guard lock(mutex_);
  cells_[key] = cell;
}

std::size_t SweepCache::size() const {
  std::lock_guard lock(mutex_);
  return cells_.size();
}

SweepResult plan_sweep(const RunConfig& base, const std::vector<SweepParameter>& params,
                       const std::string& metric_key) {
  if (params.empty() || params.size() > 2) {
    throw InputError("--param", std::to_string(params.size()) + " parameters", "give one or two");
  }
  if (params.size() == 2 && params[0].name == params[1].name) {
    throw InputError("--param " + params[1].name, "given twice", "sweep two different knobs");
  }
  const MetricDef& metric = find_sweep_metric(metric_key);
  SweepResult result;
  result.params = params;
  result.metric = metric.key;
  std::size_t total = 1;
  for (const auto& p : params) total *= p.values.size();
  if (total > static_cast<std::size_t>(kMaxCells)) {
    throw InputError("--param", std::to_string(total) + " cells",
                     "at most " + std::to_string(kMaxCells) + " per sweep");
  }
  // Build every cell's configuration first: a bad value is an error of the sweep itself.
  result.cells.resize(total);
  for (std::size_t i = 0; i < total; ++i) {
    SweepCell& cell = result.cells[i];
    cell.config = base;
    cell.pending = true;
    std::size_t rest = i;
    std::vector<std::string> values(params.size());
    for (std::size_t k = params.size(); k-- > 0;) {
      values[k] = params[k].values[rest % params[k].values.size()];
      rest /= params[k].values.size();
    }
    for (std::size_t k = 0; k < params.size(); ++k)
      apply_knob(cell.config, params[k].name, values[k]);
    cell.values = values;
  }
  return result;
}

int best_sweep_cell(const SweepResult& result) {
  // A metric that is neither better higher nor lower (bandwidth use, op counts) has no best.
  const MetricDef& metric = find_sweep_metric(result.metric);
  if (metric.better == Better::kNeither) return -1;
  int best = -1;
  double best_value = 0;
  for (std::size_t i = 0; i < result.cells.size(); ++i) {
    const SweepCell& c = result.cells[i];
    if (!c.valid || c.pending) continue;
    const double v = sweep_metric_value(c, metric.key);
    if (std::isnan(v)) continue;
    if (best < 0 || compare_metric(metric, best_value, v) > 0) {
      best = static_cast<int>(i);
      best_value = v;
    }
  }
  return best;
}

SweepResult run_sweep(const RunConfig& base, const std::vector<SweepParameter>& params,
                      const SweepOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  SweepResult result = plan_sweep(base, params, options.metric);
  const MetricDef& metric = find_sweep_metric(result.metric);
  // This shard's cells, in row-major order.
  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < result.cells.size(); ++i) {
    if (options.shard.contains(i)) mine.push_back(i);
  }
  const std::size_t total = mine.size();

  int jobs = options.jobs > 0 ? options.jobs
                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = std::max(1, std::min<int>(jobs, static_cast<int>(std::max<std::size_t>(total, 1))));
  const std::uint64_t budget = options.memory_budget_bytes ? options.memory_budget_bytes
                                                           : default_memory_budget_bytes() /
                                                                 static_cast<std::uint64_t>(jobs);
  const bool numerics = metric.needs_numerics();
  std::atomic<int> next{0}, done{0}, reused{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&] {
    for (int n = next++; n < static_cast<int>(total); n = next++) {
      if (options.job.cancelled()) return;
      const std::size_t i = mine[static_cast<std::size_t>(n)];
      SweepCell& cell = result.cells[i];
      try {
        if (auto cached =
                options.cache ? options.cache->find(cell.config, numerics) : std::nullopt) {
          cached->values = cell.values;
          cached->config = cell.config;
          cached->from_cache = true;
          cached->pending = false;
          cell = *cached;
          ++reused;
        } else {
          const auto c0 = std::chrono::steady_clock::now();
          cell.pending = false;
          try {
            SimulationControl control;
            control.job.cancel = options.job.cancel;
            control.memory_budget_bytes = budget;
            control.keep = TraceKeeping::kMetricsOnly;  // a cell keeps its metrics only
            const SimulationRun run =
                run_simulation(cell.config.hardware, cell.config.kernel, control);
            cell.metrics = run.metrics;
            if (numerics) cell.amla_max_error = amla_max_error(cell.config);
            cell.valid = true;
          } catch (const InputError& e) {
            cell.valid = false;
            cell.reason = render_input_error(e, ParamNaming::kFlag);
            cell.reason_field = e.field();
          }
          cell.wall_seconds =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
          if (options.cache) options.cache->store(cell, numerics);
        }
        if (options.on_cell) options.on_cell(i, cell);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        return;
      }
      const int d = ++done;
      options.job.report(static_cast<double>(d) / static_cast<double>(total));
    }
  };
  std::vector<std::thread> pool;
  for (int j = 1; j < jobs; ++j) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  options.job.check_cancelled();

  result.best = best_sweep_cell(result);
  result.reused = reused.load();
  result.simulated = static_cast<int>(total) - result.reused;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace amla
