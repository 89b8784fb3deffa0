// Counting a program before it runs (for the memory budget and the trace's arrays): the counts
// equal what the run then records, lane by lane, with the cores split between two counting
// threads (an odd number of busy cores among them); a cancelled count throws Cancelled.
#include <gtest/gtest.h>

#include <atomic>

#include "core/common/cancelled.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/amla_program.h"
#include "core/run/simulation_run.h"

namespace amla {
namespace {

// Ops per lane as the run recorded them.
std::vector<std::int64_t> recorded_lane_ops(const SimulationRun& run) {
  std::vector<std::int64_t> per_lane(run.trace.ops.lane_begin.size() - 1);
  for (std::size_t l = 0; l < per_lane.size(); ++l) {
    per_lane[l] = run.trace.ops.lane_begin[l + 1] - run.trace.ops.lane_begin[l];
  }
  return per_lane;
}

TEST(CountProgram, EqualsWhatTheRunRecordsLaneByLane) {
  const HardwareModel hw = find_preset("910C-package");
  // An odd number of busy cores, KV splits with combines on some cores only, and the baseline.
  for (const int batch : {3, 5}) {
    for (const KernelVariant variant : {KernelVariant::kAmla, KernelVariant::kBaseline}) {
      KernelConfig config;
      config.problem.batch = batch;
      config.problem.kv_len = 3000;
      config.tiling.kv_split = KvSplitPolicy::kFixed;
      config.tiling.kv_splits = 3;
      config.variant = variant;
      const Plan plan = make_plan(config, hw);
      const ProgramCounts counts = count_program(config, hw, plan);
      const SimulationRun run = run_simulation(hw, config);
      ASSERT_EQ(counts.ops, static_cast<std::int64_t>(run.trace.ops.size()));
      EXPECT_EQ(counts.lane_ops, recorded_lane_ops(run)) << "batch " << batch;
      // Uses never taken are left out of the trace.
      EXPECT_GE(counts.slot_uses, static_cast<std::int64_t>(run.trace.slot_intervals.size()));
    }
  }
}

TEST(CountProgram, ACancelledCountThrowsCancelled) {
  const HardwareModel hw = find_preset("910C-package");
  const KernelConfig config;
  const Plan plan = make_plan(config, hw);
  std::atomic<bool> cancel{true};
  JobControl job;
  job.cancel = &cancel;
  EXPECT_THROW(count_program(config, hw, plan, job), Cancelled);
}

}  // namespace
}  // namespace amla
