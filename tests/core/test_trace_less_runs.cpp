// A run whose trace would not fit the memory budget, or that outlasts the trace's 32-bit cycle
// counts, keeps only its lanes' totals and still reports the same metrics.
#include <gtest/gtest.h>

#include <random>

#include "core/common/input_error.h"
#include "core/run/simulation_run.h"
#include "core/sim/simulator.h"
#include "tests/core/fixed_program.h"
#include "tests/core/random_kernel_config.h"

namespace amla {
namespace {

void expect_same_metrics(const SimulationMetrics& a, const SimulationMetrics& b,
                         const std::string& what) {
  EXPECT_EQ(a.makespan_cycles, b.makespan_cycles) << what;
  EXPECT_EQ(a.events, b.events) << what;
  EXPECT_EQ(a.tflops, b.tflops) << what;
  EXPECT_EQ(a.hbm_bytes, b.hbm_bytes) << what;
  EXPECT_EQ(a.l2_bytes, b.l2_bytes) << what;
  EXPECT_EQ(a.bound, b.bound) << what;
  EXPECT_EQ(a.load_imbalance, b.load_imbalance) << what;
  for (std::size_t u = 0; u < kUnitCount; ++u) {
    for (std::size_t p = 0; p < kPipeCount; ++p) {
      const PipeStats& x = a.unit_pipes[u][p];
      const PipeStats& y = b.unit_pipes[u][p];
      EXPECT_EQ(x.busy_fraction, y.busy_fraction) << what << " unit " << u << " pipe " << p;
      EXPECT_EQ(x.bubbles, y.bubbles) << what;
      EXPECT_EQ(x.bubble_cycles, y.bubble_cycles) << what;
      EXPECT_EQ(x.ops, y.ops) << what;
    }
  }
  for (std::size_t r = 0; r < a.roofline.ceilings.size(); ++r) {
    EXPECT_EQ(a.roofline.ceilings[r].bytes, b.roofline.ceilings[r].bytes) << what;
  }
}

TEST(TraceLessRuns, MetricsOnlyRunsReportTheSameMetricsAsTracedOnes) {
  std::mt19937 rng(1616);
  for (int i = 0; i < 6; ++i) {
    const testing::RandomRun r = testing::random_kernel_run(rng, i);
    const SimulationRun traced = run_simulation(r.hardware, r.config);
    SimulationControl control;
    control.keep = TraceKeeping::kMetricsOnly;
    const SimulationRun bare = run_simulation(r.hardware, r.config, control);
    ASSERT_TRUE(traced.trace.has_ops());
    ASSERT_FALSE(bare.trace.has_ops()) << r.what;
    EXPECT_EQ(bare.trace.ops.size(), 0u);
    EXPECT_TRUE(bare.trace.slot_intervals.empty());
    EXPECT_TRUE(bare.trace.flags.empty());
    expect_same_metrics(traced.metrics, bare.metrics, r.what);
  }
}

TEST(TraceLessRuns, ARunOverTheBudgetForItsTraceKeepsItsMetricsAndSaysWhy) {
  KernelConfig config;
  config.problem.batch = 8;
  config.problem.kv_len = 4096;
  const HardwareModel hw = find_preset("910C-die");
  const SimulationRun traced = run_simulation(hw, config);
  // A budget between the run's metrics-only need and its trace's.
  const auto ops = traced.metrics.events;
  SimulationControl control;
  control.memory_budget_bytes =
      static_cast<std::uint64_t>(0.5 * (metrics_only_memory_bytes(ops) + trace_memory_bytes(ops)));
  const SimulationRun bare = run_simulation(hw, config, control);
  ASSERT_FALSE(bare.trace.has_ops());
  EXPECT_NE(bare.trace.trace_dropped.find("would not fit the memory budget"), std::string::npos)
      << bare.trace.trace_dropped;
  expect_same_metrics(traced.metrics, bare.metrics, "budget");
  // Asked to keep the trace, the same budget refuses the run, naming the trace.
  control.keep = TraceKeeping::kRequired;
  try {
    run_simulation(hw, config, control);
    FAIL() << "the trace was required but did not fit";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "trace");
  }
  // Below even the metrics-only need, the run is refused.
  control.keep = TraceKeeping::kIfItFits;
  control.memory_budget_bytes = static_cast<std::uint64_t>(metrics_only_memory_bytes(ops) / 2);
  EXPECT_THROW(run_simulation(hw, config, control), InputError);
}

TEST(TraceLessRuns, ARunBeyondThirtyTwoBitCyclesKeepsItsMetrics) {
  // Two ops on one lane, the second ending past 2^32 cycles.
  testing::FixedProgram p;
  p.add(Unit::kAic, Pipe::kCube, testing::compute(OpKind::kMmadQK, 1000));
  p.add(Unit::kAic, Pipe::kCube, testing::compute(OpKind::kMmadPV, 5e9));
  const Trace t = simulate(p, {});
  ASSERT_FALSE(t.has_ops());
  EXPECT_NE(t.trace_dropped.find("2^32 cycles"), std::string::npos) << t.trace_dropped;
  EXPECT_TRUE(t.ops.start.empty());
  const LaneTotals& cube =
      t.lane_totals[static_cast<std::size_t>(lane_index(0, Unit::kAic, Pipe::kCube))];
  EXPECT_EQ(cube.ops, 2);
  EXPECT_EQ(cube.max_end, 5000001000LL);
  EXPECT_EQ(cube.busy_cycles, 5000001000.0);
}

}  // namespace
}  // namespace amla
