// The dispatch window (SimulationOptions::dispatch_window: how many of a core's instructions may
// wait unstarted before the next task's are generated) places the scalar set-ups and nothing
// else: every other op, every wait reason, every flag edge a set-up does not set, every slot
// interval and buffer step, and every metric but the SCALAR pipes' idle gaps are the same with a
// window of 128 and of 4096, while the set-ups come no earlier in the smaller one.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "core/hw/hardware_presets.h"
#include "core/kernel/amla_program.h"
#include "core/run/metric_catalogue.h"
#include "core/run/run_metrics.h"
#include "core/sim/simulator.h"

namespace amla {
namespace {

struct WindowRun {
  Trace trace;
  nlohmann::json metrics;
};

WindowRun run_with_window(const KernelConfig& config, const HardwareModel& hw,
                          std::int64_t window) {
  const Plan plan = make_plan(config, hw);
  const ProgramCounts counts = count_program(config, hw, plan);
  auto program = make_kernel_program(config, hw, plan);
  SimulationOptions options;
  options.clock_ghz = hw.clock_ghz;
  options.lane_ops = &counts.lane_ops;
  options.dispatch_window = window;
  WindowRun run;
  run.trace = simulate(*program, options);
  const SimulationMetrics metrics = compute_metrics(run.trace, hw, config.problem, JobControl{});
  run.metrics = metrics_to_json(MetricSource{metrics, std::nullopt});
  return run;
}

// Every slot interval as (buffer, offset, size, start, end, task, producer), sorted.
std::vector<std::tuple<int, std::int64_t, std::int64_t, std::uint32_t, std::uint32_t, int, int>>
interval_set(const Trace& trace) {
  std::vector<std::tuple<int, std::int64_t, std::int64_t, std::uint32_t, std::uint32_t, int, int>>
      set;
  for (const SlotInterval& s : trace.slot_intervals) {
    const SlotPlace& place = trace.place_of(s);
    set.emplace_back(place.track, place.offset, place.size, s.start, s.end, s.task,
                     static_cast<int>(s.producer));
  }
  std::sort(set.begin(), set.end());
  return set;
}

struct WindowCase {
  std::string name;
  KernelConfig config;
  std::string preset = "910C-package";
};

std::vector<WindowCase> window_cases() {
  std::vector<WindowCase> cases;
  KernelConfig base;
  base.problem.batch = 16;
  base.problem.kv_len = 8192;
  cases.push_back({"amla", base});
  KernelConfig c = base;
  c.variant = KernelVariant::kBaseline;
  c.tiling.preload = 0;
  cases.push_back({"baseline_preload0", c});
  c = base;
  c.problem.batch = 3;
  c.problem.kv_len = 30000;
  c.tiling.kv_split = KvSplitPolicy::kBalanced;
  cases.push_back({"balanced_split", c});
  c = base;
  c.problem.batch = 8;
  c.problem.q_tokens = 4;
  cases.push_back({"q_tokens4_910B4", c, "910B4"});
  return cases;
}

TEST(DispatchWindow, PlacesOnlyTheScalarSetUps) {
  for (const WindowCase& wc : window_cases()) {
    SCOPED_TRACE(wc.name);
    const HardwareModel hw = find_preset(wc.preset);
    const WindowRun small = run_with_window(wc.config, hw, 128);
    const WindowRun large = run_with_window(wc.config, hw, 4096);
    const OpTrace& a = small.trace.ops;
    const OpTrace& b = large.trace.ops;
    ASSERT_EQ(a.size(), b.size());
    ASSERT_TRUE(a.has_reasons());
    std::size_t setups = 0, later = 0, mismatches = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      ASSERT_EQ(a.lane[i], b.lane[i]) << "op " << i;
      ASSERT_EQ(a.kind[i], b.kind[i]) << "op " << i;
      ASSERT_EQ(a.task[i], b.task[i]) << "op " << i;
      if (a.kind[i] == OpKind::kScalarSetup) {
        ++setups;
        EXPECT_GE(a.start[i], b.start[i]) << "a set-up dispatched earlier in the smaller window";
        if (a.start[i] > b.start[i]) ++later;
        continue;
      }
      const bool same =
          a.start[i] == b.start[i] && a.end[i] == b.end[i] && a.bytes(i) == b.bytes(i) &&
          a.flops(i) == b.flops(i) && a.reason[i] == b.reason[i] && a.blocker[i] == b.blocker[i] &&
          a.reason_id[i] == b.reason_id[i] && a.shared_cycles[i] == b.shared_cycles[i];
      if (!same && ++mismatches <= 5) {
        ADD_FAILURE() << "op " << i << " (" << op_kind_name(a.kind[i])
                      << ") differs: " << a.start[i] << "-" << a.end[i] << " vs " << b.start[i]
                      << "-" << b.end[i];
      }
    }
    EXPECT_EQ(mismatches, 0u);
    EXPECT_GT(setups, 0u);
    // The window is in effect here: some set-ups wait for it.
    EXPECT_GT(later, 0u);
    ASSERT_EQ(small.trace.flags.size(), large.trace.flags.size());
    for (std::size_t e = 0; e < small.trace.flags.size(); ++e) {
      const FlagEdge& x = small.trace.flags[e];
      const FlagEdge& y = large.trace.flags[e];
      EXPECT_EQ(x.set_op, y.set_op);
      EXPECT_EQ(x.wait_op, y.wait_op);
      EXPECT_EQ(x.flag_id, y.flag_id);
      if (a.kind[static_cast<std::size_t>(x.set_op)] != OpKind::kScalarSetup) {
        EXPECT_EQ(x.set_cycle, y.set_cycle);
        EXPECT_EQ(x.ready_cycle, y.ready_cycle);
      }
    }
    // The buffers: the same slot intervals (listed in the order the program was generated in,
    // which the window changes) and the same occupancy.
    EXPECT_EQ(interval_set(small.trace), interval_set(large.trace));
    ASSERT_EQ(small.trace.buffers.size(), large.trace.buffers.size());
    for (std::size_t k = 0; k < small.trace.buffers.size(); ++k) {
      const BufferTrack& x = small.trace.buffers[k];
      const BufferTrack& y = large.trace.buffers[k];
      EXPECT_EQ(x.name, y.name);
      ASSERT_EQ(x.time.size(), y.time.size()) << x.name;
      std::size_t steps_differ = 0;
      for (std::size_t i = 0; i < x.time.size(); ++i) {
        if (x.time[i] != y.time[i] || x.used[i] != y.used[i]) ++steps_differ;
      }
      EXPECT_EQ(steps_differ, 0u) << x.name << " core " << x.core;
    }
    // The SCALAR pipes' own figures (busy time aside, their idle gaps) follow the set-ups.
    nlohmann::json small_metrics = small.metrics, large_metrics = large.metrics;
    for (nlohmann::json* m : {&small_metrics, &large_metrics}) {
      for (auto& [unit, pipes] : (*m)["pipes"].items()) {
        ASSERT_TRUE(pipes.contains("SCALAR")) << unit;
        EXPECT_EQ(small.metrics["pipes"][unit]["SCALAR"]["busy"],
                  large.metrics["pipes"][unit]["SCALAR"]["busy"]);
        pipes.erase("SCALAR");
      }
    }
    EXPECT_EQ(small_metrics, large_metrics);
  }
}

}  // namespace
}  // namespace amla
