// Flags carry the kernel's names into the trace (one naming function in the kernel's program
// layout): every cross-core hand-off is one of the kernel's stage routes, never a bare number,
// and the whole name says which core, what was handed over and to which pipe. (And the timeline
// index over such a trace stops building when cancelled.)
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"
#include "core/view/timeline_index.h"

namespace amla {
namespace {

const SimulationRun& small_run() {
  static const SimulationRun run = [] {
    KernelConfig config;
    config.problem.batch = 2;
    config.problem.kv_len = 2048;
    return run_simulation(find_preset("910B2"), config);
  }();
  return run;
}

TEST(FlagNames, CrossCoreArrowsAreNamedByTheKernelsStageRoutes) {
  const Trace& t = small_run().trace;
  ASSERT_FALSE(t.flags.empty());
  ASSERT_FALSE(t.flag_names.empty());
  const std::set<std::string> stage_routes = {"C1->V1", "V1->C2", "C2->V2", "V2->C2",
                                              "V2->combine"};
  std::set<std::string> seen;
  for (const FlagEdge& e : t.flags) {
    const std::string route = flag_route(t, e.flag_id);
    EXPECT_EQ(stage_routes.count(route), 1u) << route;
    seen.insert(route);
    const std::string& name = t.flag_names[static_cast<std::size_t>(e.flag_id)].name;
    // "core 3 C1->V1 (S written, to AIV0 VECTOR)": the core of the setter, the route, the what.
    EXPECT_EQ(
        name.rfind("core " + std::to_string(lane_core(t.ops.lane[e.set_op])) + " " + route, 0), 0u)
        << name;
  }
  // MM1 hands S to the softmax, the softmax hands P~ to MM2, MM2 hands P V to the O update.
  EXPECT_EQ(seen.count("C1->V1"), 1u);
  EXPECT_EQ(seen.count("V1->C2"), 1u);
  EXPECT_EQ(seen.count("C2->V2"), 1u);
}

TEST(FlagNames, WaitReasonsOnFlagsNameAFlagTheTraceKnows) {
  const OpTrace& ops = small_run().trace.ops;
  ASSERT_TRUE(ops.has_reasons());
  int flag_waits = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (ops.reason[i] != WaitReason::kFlag) continue;
    ++flag_waits;
    ASSERT_GE(ops.reason_id[i], 0);
    ASSERT_LT(ops.reason_id[i], static_cast<int>(small_run().trace.flag_names.size()));
    EXPECT_FALSE(
        small_run().trace.flag_names[static_cast<std::size_t>(ops.reason_id[i])].route.empty());
  }
  EXPECT_GT(flag_waits, 0);
  // An id the trace does not know still reads as something.
  EXPECT_EQ(flag_route(small_run().trace, -1), "flag -1");
}

TEST(TimelineIndexBuild, StopsWhenCancelled) {
  std::atomic<bool> cancel{true};
  JobControl job;
  job.cancel = &cancel;
  EXPECT_THROW(TimelineIndex(small_run().trace, job), Cancelled);
  cancel = false;
  EXPECT_NO_THROW(TimelineIndex(small_run().trace, job));
}

}  // namespace
}  // namespace amla
