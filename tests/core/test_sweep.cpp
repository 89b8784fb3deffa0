// Tile sweeps: every cell is the run a single simulation of its configuration gives, invalid
// cells keep the validation message and field, the cache answers repeats, parameter parsing names
// what is wrong, cancelling throws, and the number of jobs does not change the result.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <mutex>
#include <set>

#include "core/common/cancelled.h"
#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_params.h"
#include "core/run/simulation_run.h"
#include "core/sweep/knobs.h"
#include "core/sweep/sweep.h"

namespace amla {
namespace {

RunConfig small_base() {
  RunConfig c;
  c.hardware = find_preset("910B2");
  c.kernel.problem.batch = 2;
  c.kernel.problem.kv_len = 2048;
  return c;
}

std::vector<SweepParameter> params(std::initializer_list<const char*> texts) {
  std::vector<SweepParameter> out;
  for (const char* t : texts) out.push_back(parse_sweep_parameter(t));
  return out;
}

SweepOptions options_with(int jobs, SweepCache* cache = nullptr) {
  SweepOptions o;
  o.jobs = jobs;
  o.cache = cache;
  return o;
}

// The message an InputError carries, or "" when `f` does not throw one.
template <typename F>
std::string input_error_of(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return render_input_error(e, ParamNaming::kFlag);
  }
  return {};
}

TEST(Sweep, CellsEqualIndividualRunsInRowMajorOrder) {
  const RunConfig base = small_base();
  const auto p = params({"rows-per-task=64,128", "kv-block=256,512,1024"});
  const SweepResult r = run_sweep(base, p, options_with(2));
  ASSERT_EQ(r.cells.size(), 6u);
  for (std::size_t i = 0; i < r.cells.size(); ++i) {
    const SweepCell& cell = r.cells[i];
    // Row-major, the last parameter fastest.
    EXPECT_EQ(cell.values[0], p[0].values[i / 3]);
    EXPECT_EQ(cell.values[1], p[1].values[i % 3]);
    RunConfig expected = base;
    apply_knob(expected, "rows-per-task", cell.values[0]);
    apply_knob(expected, "kv-block", cell.values[1]);
    EXPECT_EQ(run_config_to_json(cell.config), run_config_to_json(expected));
    ASSERT_TRUE(cell.valid) << cell.reason;
    const SimulationRun single = run_simulation(expected.hardware, expected.kernel);
    EXPECT_EQ(cell.metrics.makespan_cycles, single.metrics.makespan_cycles) << i;
    EXPECT_DOUBLE_EQ(cell.metrics.hbm_bytes, single.metrics.hbm_bytes) << i;
    EXPECT_DOUBLE_EQ(cell.metrics.flops_utilization, single.metrics.flops_utilization) << i;
    EXPECT_FALSE(cell.from_cache);
  }
}

TEST(Sweep, BestIsTheArgmaxOfTheMetric) {
  const SweepResult r =
      run_sweep(small_base(), params({"rows-per-task=64,128,256"}), options_with(2));
  ASSERT_GE(r.best, 0);
  for (const SweepCell& cell : r.cells) {
    EXPECT_GE(sweep_metric_value(r.cells[static_cast<std::size_t>(r.best)], r.metric),
              sweep_metric_value(cell, r.metric));
  }
  SweepOptions makespan = options_with(2);
  makespan.metric = "makespan_us";
  const SweepResult m = run_sweep(small_base(), params({"rows-per-task=64,128,256"}), makespan);
  for (const SweepCell& cell : m.cells) {
    EXPECT_LE(m.cells[static_cast<std::size_t>(m.best)].metrics.makespan_us,
              cell.metrics.makespan_us);
  }
}

TEST(Sweep, InvalidCellsCarryTheValidationMessageAndField) {
  const RunConfig base = small_base();
  const SweepResult r =
      run_sweep(base, params({"rows-per-task=128", "kv-block=2048,512"}), options_with(1));
  ASSERT_EQ(r.cells.size(), 2u);
  const SweepCell& bad = r.cells[0];
  EXPECT_FALSE(bad.valid);
  // 2048 tokens = 8 P~ tiles per row tile: more than the 4 QP buffers can keep resident.
  EXPECT_EQ(bad.reason_field, "tiling.qp_buffers");
  // The same words a single simulate run gives.
  RunConfig c = base;
  apply_knob(c, "rows-per-task", "128");
  apply_knob(c, "kv-block", "2048");
  const std::string expected = input_error_of([&] { run_simulation(c.hardware, c.kernel); });
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(bad.reason, expected);
  EXPECT_NE(bad.reason.find("--qp-buffers"), std::string::npos) << bad.reason;
  EXPECT_TRUE(r.cells[1].valid);
  EXPECT_EQ(r.best, 1);
}

TEST(Sweep, NoValidCellMeansNoBest) {
  const SweepResult r = run_sweep(small_base(), params({"kv-block=1024,2048"}), options_with(1));
  for (const SweepCell& cell : r.cells) EXPECT_FALSE(cell.valid);
  EXPECT_EQ(r.best, -1);
}

TEST(Sweep, CacheAnswersARepeatedSweepWithIdenticalCells) {
  SweepCache cache;
  const auto p = params({"rows-per-task=64,128", "kv-block=256,1024"});
  const SweepResult first = run_sweep(small_base(), p, options_with(2, &cache));
  EXPECT_EQ(cache.size(), 4u);
  const SweepResult second = run_sweep(small_base(), p, options_with(2, &cache));
  ASSERT_EQ(second.cells.size(), first.cells.size());
  for (std::size_t i = 0; i < first.cells.size(); ++i) {
    EXPECT_FALSE(first.cells[i].from_cache);
    EXPECT_TRUE(second.cells[i].from_cache) << i;
    EXPECT_EQ(second.cells[i].values, first.cells[i].values);
    EXPECT_EQ(second.cells[i].valid, first.cells[i].valid);
    EXPECT_EQ(second.cells[i].reason, first.cells[i].reason);
    EXPECT_EQ(second.cells[i].metrics.makespan_cycles, first.cells[i].metrics.makespan_cycles);
    EXPECT_DOUBLE_EQ(second.cells[i].metrics.tflops, first.cells[i].metrics.tflops);
  }
  EXPECT_EQ(second.best, first.best);
  // A different base is a different configuration: no stale hit.
  RunConfig other = small_base();
  other.kernel.problem.batch = 3;
  const SweepResult third = run_sweep(other, p, options_with(2, &cache));
  for (const SweepCell& cell : third.cells) EXPECT_FALSE(cell.from_cache);
  EXPECT_EQ(cache.size(), 8u);
}

TEST(Sweep, ParameterErrorsNameTheParameter) {
  const std::string unknown = input_error_of([] { parse_sweep_parameter("rows-per-tsk=64"); });
  EXPECT_NE(unknown.find("rows-per-tsk"), std::string::npos) << unknown;
  const std::string empty_list = input_error_of([] { parse_sweep_parameter("kv-block="); });
  EXPECT_NE(empty_list.find("kv-block"), std::string::npos) << empty_list;
  const std::string empty_value =
      input_error_of([] { parse_sweep_parameter("rows-per-task=64,,128"); });
  EXPECT_NE(empty_value.find("rows-per-task"), std::string::npos) << empty_value;
  const std::string no_equals = input_error_of([] { parse_sweep_parameter("preload"); });
  EXPECT_FALSE(no_equals.empty());
  const SweepParameter ok = parse_sweep_parameter(" preload = 0, 1 ,2 ");
  EXPECT_EQ(ok.name, "preload");
  EXPECT_EQ(ok.values, (std::vector<std::string>{"0", "1", "2"}));
}

TEST(Sweep, BadValuesAndShapesFailTheWholeSweep) {
  const RunConfig base = small_base();
  EXPECT_NE(input_error_of([&] {
              run_sweep(base, params({"rows-per-task=64,abc"}), options_with(1));
            }).find("--rows-per-task"),
            std::string::npos);
  EXPECT_FALSE(input_error_of([&] {
                 run_sweep(base, params({"preload=1", "preload=2"}), options_with(1));
               }).empty());
  EXPECT_FALSE(input_error_of([&] { run_sweep(base, {}, options_with(1)); }).empty());
  SweepOptions bad_metric = options_with(1);
  bad_metric.metric = "speed";
  EXPECT_NE(
      input_error_of([&] { run_sweep(base, params({"preload=1"}), bad_metric); }).find("--metric"),
      std::string::npos);
}

TEST(Sweep, CancelThrowsCancelledAndLeavesTheCacheConsistent) {
  SweepCache cache;
  std::atomic<bool> cancel{false};
  SweepOptions o = options_with(1, &cache);
  o.job.cancel = &cancel;
  double reported = 0;
  // Cancel once the first cell is done: the rest must not run.
  o.job.progress = [&](double done) {
    reported = done;
    cancel = true;
  };
  EXPECT_THROW(run_sweep(small_base(), params({"rows-per-task=32,64,128,256"}), o), Cancelled);
  EXPECT_DOUBLE_EQ(reported, 0.25);  // one cell of four
  EXPECT_LE(cache.size(), 1u);
  // Cancelled before starting: nothing runs at all.
  SweepCache empty;
  std::atomic<bool> already{true};
  SweepOptions o2 = options_with(2, &empty);
  o2.job.cancel = &already;
  EXPECT_THROW(run_sweep(small_base(), params({"rows-per-task=64,128"}), o2), Cancelled);
  EXPECT_EQ(empty.size(), 0u);
}

TEST(Sweep, OneJobAndTwoJobsGiveIdenticalResults) {
  const auto p = params({"preload=0,1,2", "kv-block=256,1024,512"});
  const SweepResult one = run_sweep(small_base(), p, options_with(1));
  const SweepResult two = run_sweep(small_base(), p, options_with(2));
  ASSERT_EQ(one.cells.size(), two.cells.size());
  for (std::size_t i = 0; i < one.cells.size(); ++i) {
    EXPECT_EQ(one.cells[i].values, two.cells[i].values);
    EXPECT_EQ(one.cells[i].valid, two.cells[i].valid);
    EXPECT_EQ(one.cells[i].reason, two.cells[i].reason);
    EXPECT_EQ(one.cells[i].metrics.makespan_cycles, two.cells[i].metrics.makespan_cycles);
    EXPECT_DOUBLE_EQ(one.cells[i].metrics.hbm_bytes, two.cells[i].metrics.hbm_bytes);
  }
  EXPECT_EQ(one.best, two.best);
}

TEST(Sweep, ProgressCountsEveryCellOnce) {
  std::mutex mutex;
  std::multiset<double> seen;
  SweepOptions o = options_with(2);
  o.job.progress = [&](double done) {  // cells done / cells
    std::lock_guard lock(mutex);
    seen.insert(done);
  };
  run_sweep(small_base(), params({"rows-per-task=64,128", "kv-block=256,512"}), o);
  EXPECT_EQ(seen, (std::multiset<double>{0.25, 0.5, 0.75, 1.0}));
}

TEST(Sweep, AmlaErrorMetricComesFromTheNumerics) {
  SweepOptions o = options_with(2);
  o.metric = "amla_max_error";
  RunConfig base = small_base();
  base.kernel.problem.heads = 16;
  base.kernel.tiling.blocking.rows_per_task = 16;
  base.kernel.problem.kv_len = 1024;
  const SweepResult r = run_sweep(base, params({"kv-block=256,512"}), o);
  for (const SweepCell& cell : r.cells) {
    ASSERT_TRUE(cell.amla_max_error.has_value());
    EXPECT_TRUE(std::isfinite(*cell.amla_max_error));
    EXPECT_GE(*cell.amla_max_error, 0.0);
    EXPECT_LT(*cell.amla_max_error, 0.1);
  }
}

}  // namespace
}  // namespace amla
