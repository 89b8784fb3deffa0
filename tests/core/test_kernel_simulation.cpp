// The AMLA kernel on the simulated machine: invariants over randomized configurations, the
// physics bounds, determinism, the calibration, and the validation messages.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/amla_program.h"
#include "core/run/simulation_run.h"
#include "core/sim/chrome_trace_writer.h"
#include "tests/core/random_kernel_config.h"

namespace amla {
namespace {

KernelConfig small_config() {
  KernelConfig c;
  c.problem.batch = 4;
  c.problem.kv_len = 2048;
  return c;
}

void expect_invariants(const SimulationRun& run, const std::string& what) {
  const Trace& t = run.trace;
  const OpTrace& ops = t.ops;
  ASSERT_EQ(ops.size(), static_cast<std::size_t>(run.planned_ops)) << what;
  // No two ops overlap on one pipe; every op lies on a pipe its unit has.
  for (std::size_t l = 0; l + 1 < ops.lane_begin.size(); ++l) {
    for (std::int64_t i = ops.lane_begin[l]; i < ops.lane_begin[l + 1]; ++i) {
      ASSERT_TRUE(unit_has_pipe(lane_unit(static_cast<int>(l)), lane_pipe(static_cast<int>(l))))
          << what;
      ASSERT_EQ(op_kind_pipe(ops.kind[i]), lane_pipe(static_cast<int>(l))) << what;
      ASSERT_LE(ops.start[i], ops.end[i]) << what;
      if (i > ops.lane_begin[l]) {
        ASSERT_GE(ops.start[i], ops.end[i - 1]) << what << " lane " << l;
      }
    }
  }
  // Every wait follows its set (plus the flag's latency).
  for (const FlagEdge& e : t.flags) {
    ASSERT_LE(ops.end[e.set_op], e.set_cycle + 1) << what;
    ASSERT_GE(ops.start[e.wait_op] + 1, e.ready_cycle) << what;
    ASSERT_GE(e.ready_cycle, e.set_cycle) << what;
  }
  // Buffers never exceed their capacity, never go negative.
  for (const BufferTrack& b : t.buffers) {
    for (std::size_t i = 0; i < b.used.size(); ++i) {
      ASSERT_LE(b.used[i], b.capacity) << what << " " << b.name << " core " << b.core;
      ASSERT_GE(b.used[i], 0) << what << " " << b.name;
    }
  }
  // Physics: no run beats the Cube peak or the HBM bandwidth.
  const HardwareModel& hw = run.hardware;
  const SimulationMetrics& m = run.metrics;
  const double cube_cycles = m.total_flops / (hw.total_aic() * hw.cube_flops_per_cycle);
  EXPECT_GE(m.makespan_cycles, cube_cycles) << what;
  EXPECT_GE(m.makespan_cycles + 1, m.hbm_bytes / (hw.dies * hw.hbm_bytes_per_cycle_per_die()))
      << what;
  EXPECT_LE(m.flops_utilization, 1.0) << what;
  EXPECT_LE(m.hbm_bandwidth_utilization, 1.0 + 1e-9) << what;
  // The Cube did exactly the problem's FLOPs.
  double flops = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) flops += ops.flops(i);
  EXPECT_NEAR(flops, m.total_flops, m.total_flops * 1e-12) << what;
}

TEST(KernelSimulation, InvariantsHoldOverRandomConfigurations) {
  std::mt19937 rng(2025);
  for (int i = 0; i < 30; ++i) {
    const testing::RandomRun r = testing::random_kernel_run(rng, i);
    const HardwareModel& hw = r.hardware;
    const KernelConfig& c = r.config;
    std::ostringstream what;
    what << r.what;
    SimulationRun run;
    ASSERT_NO_THROW(run = run_simulation(hw, c)) << what.str();
    expect_invariants(run, what.str());
  }
}

TEST(KernelSimulation, SameInputSameTrace) {
  const HardwareModel hw = find_preset("910B2");
  const SimulationRun a = run_simulation(hw, small_config());
  const SimulationRun b = run_simulation(hw, small_config());
  EXPECT_EQ(a.trace.ops.start, b.trace.ops.start);
  EXPECT_EQ(a.trace.ops.end, b.trace.ops.end);
  EXPECT_EQ(a.trace.ops.kind, b.trace.ops.kind);
  EXPECT_EQ(a.trace.flags.size(), b.trace.flags.size());
  EXPECT_EQ(a.metrics.makespan_cycles, b.metrics.makespan_cycles);
}

TEST(KernelSimulation, PreloadTwoIsAtLeastAsFastAsNoPreloadWhenCubeBound) {
  const HardwareModel hw = find_preset("910C-die");
  KernelConfig c;
  c.problem.batch = 24;
  c.problem.kv_len = 4096;
  c.tiling.preload = 0;
  const SimulationRun p0 = run_simulation(hw, c);
  c.tiling.preload = 2;
  const SimulationRun p2 = run_simulation(hw, c);
  EXPECT_EQ(p2.metrics.bound, "cube");
  EXPECT_LT(p2.metrics.makespan_cycles, p0.metrics.makespan_cycles);
  // Without preload the Cube waits for the Vector every task.
  EXPECT_GT(p0.metrics.pipe(Unit::kAic, Pipe::kCube).bubble_cycles,
            2 * p2.metrics.pipe(Unit::kAic, Pipe::kCube).bubble_cycles);
}

// The calibration of the README's model section: the paper's shape lands near 614 TFLOPS.
TEST(KernelSimulation, CalibrationShapeLandsNearThePaper) {
  KernelConfig c;  // 910C package defaults: batch 128, q_tokens 2, 128 heads, S_k 16384
  const HardwareModel hw = find_preset("910C-package");
  const SimulationRun amla = run_simulation(hw, c);
  EXPECT_NEAR(amla.metrics.tflops, 614.0, 614.0 * 0.03);
  EXPECT_EQ(amla.metrics.bound, "cube");
  c.variant = KernelVariant::kBaseline;
  const SimulationRun baseline = run_simulation(hw, c);
  EXPECT_LT(baseline.metrics.tflops, amla.metrics.tflops);
}

TEST(KernelSimulation, SixteenHeadsOneTokenIsHbmBound) {
  KernelConfig c;
  c.problem.batch = 64;
  c.problem.heads = 16;
  c.tiling.blocking.rows_per_task = 16;  // one request has 16 x 1 rows
  c.problem.q_tokens = 1;
  c.problem.kv_len = 8192;
  const SimulationRun run = run_simulation(find_preset("910C-package"), c);
  EXPECT_EQ(run.metrics.bound, "hbm");
  EXPECT_GT(run.metrics.hbm_bandwidth_utilization, 0.5);
  EXPECT_LE(run.metrics.hbm_bandwidth_utilization, 1.0);
}

TEST(KernelSimulation, OpCountMatchesThePlanAndTheTraceNamesEveryLane) {
  const SimulationRun run = run_simulation(find_preset("910C-die"), small_config());
  std::ostringstream out;
  write_chrome_trace(run.trace, out);
  const auto j = nlohmann::json::parse(out.str());
  std::set<std::pair<int, int>> named, used;
  for (const auto& e : j["traceEvents"]) {
    const auto lane = std::make_pair(e.value("pid", -1), e.value("tid", -1));
    if (e["ph"] == "M" && e["name"] == "thread_name") named.insert(lane);
    if (e["ph"] == "X") used.insert(lane);
  }
  EXPECT_FALSE(used.empty());
  for (const auto& lane : used) EXPECT_TRUE(named.count(lane));
}

struct BadTiling {
  const char* field;
  std::function<void(KernelConfig&)> change;
  const char* message_part;
};

TEST(KernelSimulation, ValidationNamesTheParameterTheBytesAndTheCapacity) {
  const std::vector<BadTiling> cases = {
      {"tiling.kv_buffers", [](KernelConfig& c) { c.tiling.kv_buffers = 4; }, "capacity 512.0 KiB"},
      {"tiling.l1_k_split",
       [](KernelConfig& c) {
         c.tiling.l1_k_split = 576;
         c.tiling.m_tile = 512;
       },
       "capacity 512.0 KiB"},
      {"tiling.mm1_k_slice", [](KernelConfig& c) { c.tiling.mm1_k_slice = 288; }, "L0A"},
      {"tiling.l0c_buffers", [](KernelConfig& c) { c.tiling.l0c_buffers = 3; }, "L0C"},
      {"tiling.l0c_buffers", [](KernelConfig& c) { c.tiling.l0c_buffers = 1; }, "row tiles"},
      {"tiling.qp_buffers", [](KernelConfig& c) { c.tiling.qp_buffers = 2; }, "resident"},
      {"tiling.ub_chunk_bytes", [](KernelConfig& c) { c.tiling.ub_chunk_bytes = 65536; }, "UB"},
      {"tiling.ub_chunk_bytes", [](KernelConfig& c) { c.tiling.blocking.kv_block = 16384; },
       "one S row"},
      {"tiling.kv_block", [](KernelConfig& c) { c.tiling.blocking.kv_block = 500; },
       "multiple of 16"},
      {"tiling.preload", [](KernelConfig& c) { c.tiling.preload = 3; }, "[0, 2]"},
      {"problem.batch", [](KernelConfig& c) { c.problem.batch = 0; }, "[1, 65536]"},
      {"problem.heads", [](KernelConfig& c) { c.problem.heads = 5000; }, "[1, 1024]"},
      {"problem.batch",
       [](KernelConfig& c) {
         c.problem.kv_lens = {1, 2};
       },
       "one length per batch"},
      {"tiling.rows_per_task",
       [](KernelConfig& c) {
         c.problem.heads = 64;
         c.problem.q_tokens = 2;
         c.tiling.blocking.rows_per_task = 256;
       },
       "at most the rows of one request"},
  };
  const HardwareModel hw = find_preset("910B2");
  for (const auto& bad : cases) {
    KernelConfig c = small_config();
    bad.change(c);
    try {
      make_plan(c, hw);
      FAIL() << bad.field << " accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), bad.field) << e.what();
      EXPECT_NE(std::string(e.what()).find(bad.message_part), std::string::npos) << e.what();
    }
  }
}

// A run over the budget for its trace keeps its metrics only (test_trace_less_runs); one over the
// budget even for those is refused.
TEST(KernelSimulation, ARunOverTheMemoryBudgetEvenForItsMetricsIsRefusedBeforeItStarts) {
  SimulationControl control;
  control.memory_budget_bytes = 1 << 10;  // 1 KiB
  try {
    run_simulation(find_preset("910B2"), small_config(), control);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "trace");
    EXPECT_NE(std::string(e.what()).find("memory budget"), std::string::npos);
  }
}

TEST(KernelSimulation, BalancedSplitGivesEveryCoreTheSameWork) {
  KernelConfig c;
  c.problem.batch = 7;
  c.problem.kv_len = 8192;
  const HardwareModel hw = find_preset("910C-die");
  const Plan plan = make_plan(c, hw);
  std::vector<int> per_core(static_cast<std::size_t>(plan.cores), 0);
  for (const Task& t : plan.tasks) ++per_core[static_cast<std::size_t>(plan.jobs[t.job].core)];
  const auto [lo, hi] = std::minmax_element(per_core.begin(), per_core.end());
  EXPECT_LE(*hi - *lo, 1);
  EXPECT_FALSE(plan.combines.empty());
  // Every token of every (batch, row block) is covered exactly once.
  std::map<std::pair<int, int>, int> tokens;
  for (const Task& t : plan.tasks)
    tokens[{plan.jobs[t.job].batch, plan.jobs[t.job].row0}] += t.tokens;
  for (const auto& [key, n] : tokens) EXPECT_EQ(n, 8192);
}

}  // namespace
}  // namespace amla
