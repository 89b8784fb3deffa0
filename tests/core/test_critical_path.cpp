// Wait reasons and the critical path: exact reasons, waits and attribution on hand-made programs;
// on random kernel configurations the path is as long as the makespan, the attribution adds up
// to 1, every reason points at an op that finished before it, and recording changes no timing.
#include <gtest/gtest.h>

#include <numeric>
#include <random>
#include <sstream>

#include "core/hw/hardware_presets.h"
#include "core/kernel/amla_program.h"
#include "core/run/explain.h"
#include "core/sim/simulator.h"
#include "tests/core/fixed_program.h"
#include "tests/core/random_kernel_config.h"

namespace amla {
namespace {

using testing::compute;
using testing::FixedProgram;
using testing::slot_use;
using testing::transfer;

std::size_t op(const Trace& t, Unit u, Pipe p, int i = 0) {
  return static_cast<std::size_t>(t.ops.lane_begin[static_cast<std::size_t>(lane_index(0, u, p))] +
                                  i);
}

std::int64_t cycles(const CriticalPath& path, PathCategory c) {
  return path.cycles[static_cast<std::size_t>(c)];
}

TEST(CriticalPath, AFlagWaitIsReasonedToItsSetterAndItsLatencyIsOnThePath) {
  FixedProgram p;
  const int f = p.flag(1000);
  Instr set = compute(OpKind::kMmadQK, 100);
  set.set(f);
  Instr wait = compute(OpKind::kVecSoftmax, 10);
  wait.wait(f);
  p.add(Unit::kAic, Pipe::kCube, set);
  p.add(Unit::kAiv0, Pipe::kVector, wait);
  const Trace t = simulate(p, {});
  const std::size_t a = op(t, Unit::kAic, Pipe::kCube), b = op(t, Unit::kAiv0, Pipe::kVector);
  ASSERT_TRUE(t.ops.has_reasons());
  EXPECT_EQ(t.ops.reason[a], WaitReason::kLane);
  EXPECT_EQ(t.ops.blocker[a], -1);
  EXPECT_EQ(t.ops.reason[b], WaitReason::kFlag);
  EXPECT_EQ(t.ops.blocker[b], static_cast<std::int64_t>(a));
  EXPECT_EQ(t.ops.reason_id[b], f);
  EXPECT_EQ(op_wait_cycles(t.ops, b), 1100);

  const CriticalPath path = critical_path(t);
  EXPECT_EQ(path.ops, (std::vector<std::int64_t>{static_cast<std::int64_t>(a),
                                                 static_cast<std::int64_t>(b)}));
  EXPECT_EQ(path.length_cycles, 1110);
  EXPECT_EQ(cycles(path, PathCategory::kCube), 100);
  EXPECT_EQ(cycles(path, PathCategory::kFlagLatency), 1000);
  EXPECT_EQ(cycles(path, PathCategory::kVector), 10);
  EXPECT_EQ(path.hand_offs[static_cast<std::size_t>(WaitReason::kFlag)], 1);
}

TEST(CriticalPath, ASlotWaitIsReasonedToTheOpThatFreedIt) {
  FixedProgram p;
  BufferTrack track;
  track.name = "L1";
  track.capacity = 100;
  p.layout_.tracks.push_back(track);
  p.layout_.slot_defs.push_back({0, 0, 100, "only"});
  p.layout_.uses.push_back(slot_use(0, 1, 0, OpKind::kLoadK));
  p.layout_.uses.push_back(slot_use(0, 1, 1, OpKind::kLoadK));
  Instr load1 = compute(OpKind::kLoadK, 10);
  load1.take(0);
  Instr load2 = compute(OpKind::kLoadK, 10);
  load2.take(1);
  Instr use1 = compute(OpKind::kMoveL0B, 500);
  use1.give(0);
  p.add(Unit::kAic, Pipe::kMte2, load1);
  p.add(Unit::kAic, Pipe::kMte2, load2);
  p.add(Unit::kAic, Pipe::kMte1, use1);
  const Trace t = simulate(p, {});
  const std::size_t l2 = op(t, Unit::kAic, Pipe::kMte2, 1), u = op(t, Unit::kAic, Pipe::kMte1);
  EXPECT_EQ(t.ops.reason[l2], WaitReason::kSlot);
  EXPECT_EQ(t.ops.blocker[l2], static_cast<std::int64_t>(u));
  EXPECT_EQ(t.ops.reason_id[l2], 0);
  EXPECT_EQ(op_wait_cycles(t.ops, l2), 490);  // its lane was free at 10, it started at 500

  const CriticalPath path = critical_path(t);
  EXPECT_EQ(path.ops, (std::vector<std::int64_t>{static_cast<std::int64_t>(u),
                                                 static_cast<std::int64_t>(l2)}));
  EXPECT_EQ(path.length_cycles, 510);
  EXPECT_EQ(cycles(path, PathCategory::kMte1), 500);
  EXPECT_EQ(cycles(path, PathCategory::kMte2L2), 10);  // core-local in this program
  EXPECT_EQ(path.hand_offs[static_cast<std::size_t>(WaitReason::kSlot)], 1);
}

TEST(CriticalPath, SharingAResourceIsMeasuredAgainstTheTransfersOwnPeak) {
  FixedProgram p;
  p.layout_.resources.push_back({"HBM", 100.0});
  Instr a;
  a.kind = OpKind::kLoadK;
  a.work = 10000;
  a.peak = 80;
  a.resource = 0;
  Instr b = a;
  b.kind = OpKind::kLoadS;
  p.add(Unit::kAic, Pipe::kMte2, a);
  p.add(Unit::kAiv0, Pipe::kMte2, b);
  const Trace t = simulate(p, {});
  // Alone: 10000 / 80 = 125 cycles; shared at 50 B/cycle each: 200.
  for (std::size_t i = 0; i < t.ops.size(); ++i) EXPECT_FLOAT_EQ(t.ops.shared_cycles[i], 75.0f);
  const CriticalPath path = critical_path(t);
  EXPECT_EQ(path.length_cycles, 200);
  EXPECT_EQ(cycles(path, PathCategory::kMte2Hbm), 125);
  EXPECT_EQ(cycles(path, PathCategory::kSharing), 75);
}

TEST(CriticalPath, ASetterHeldAtMaxPendingIsReasonedToTheConsumer) {
  FixedProgram p;
  const int f = p.flag(0, 1);
  for (int i = 0; i < 2; ++i) {
    Instr set = compute(OpKind::kMmadQK, 10);
    set.set(f);
    p.add(Unit::kAic, Pipe::kCube, set);
  }
  p.add(Unit::kAiv0, Pipe::kVector, compute(OpKind::kVecSoftmax, 500));
  for (int i = 0; i < 2; ++i) {
    Instr wait = compute(OpKind::kVecSoftmax, 1);
    wait.wait(f);
    p.add(Unit::kAiv0, Pipe::kVector, wait);
  }
  const Trace t = simulate(p, {});
  const std::size_t set2 = op(t, Unit::kAic, Pipe::kCube, 1);
  EXPECT_EQ(t.ops.start[set2], 500);
  EXPECT_EQ(t.ops.reason[set2], WaitReason::kFlagRoom);
  EXPECT_EQ(t.ops.blocker[set2], static_cast<std::int64_t>(op(t, Unit::kAiv0, Pipe::kVector, 1)));
  // The last op (the second wait, 510..511) <- the second set <- room made by the first wait at
  // 500 (its own time not counted) <- the slow Vector op from 0.
  const CriticalPath path = critical_path(t);
  EXPECT_EQ(path.length_cycles, 511);
  EXPECT_EQ(cycles(path, PathCategory::kVector), 501);
  EXPECT_EQ(cycles(path, PathCategory::kCube), 10);
  EXPECT_EQ(path.hand_offs[static_cast<std::size_t>(WaitReason::kFlagRoom)], 1);
}

TEST(CriticalPath, AttributionAddsTheLaunchAndSumsToTheMakespan) {
  CriticalPath path;
  path.length_cycles = 1800;
  path.cycles[static_cast<std::size_t>(PathCategory::kCube)] = 1800;
  const auto a = attribute_makespan(path, 1.8, 1.0);
  ASSERT_EQ(a.size(), static_cast<std::size_t>(kPathCategoryCount));
  EXPECT_DOUBLE_EQ(a[static_cast<std::size_t>(PathCategory::kCube)].us, 1.0);
  EXPECT_DOUBLE_EQ(a[static_cast<std::size_t>(PathCategory::kCube)].share, 0.5);
  EXPECT_DOUBLE_EQ(a[static_cast<std::size_t>(PathCategory::kLaunch)].share, 0.5);
}

TEST(CriticalPath, PathEqualsMakespanOnRandomConfigurationsAndReasonsChangeNoTiming) {
  std::mt19937 rng(11);
  for (int i = 0; i < 16; ++i) {
    const testing::RandomRun r = testing::random_kernel_run(rng, i);
    const HardwareModel& hw = r.hardware;
    const KernelConfig& c = r.config;
    std::ostringstream what;
    what << r.what;
    const SimulationRun run = run_simulation(hw, c);
    const OpTrace& ops = run.trace.ops;
    ASSERT_TRUE(ops.has_reasons()) << what.str();
    for (std::size_t k = 0; k < ops.size(); ++k) {
      ASSERT_GE(op_wait_cycles(ops, k), 0) << what.str();
      ASSERT_GE(ops.shared_cycles[k], 0.0f) << what.str();
      const std::int64_t b = ops.blocker[k];
      if (b < 0) continue;
      const auto bi = static_cast<std::size_t>(b);
      ASSERT_NE(bi, k) << what.str();
      const std::int64_t released =
          ops.reason[k] == WaitReason::kFlagRoom ? ops.start[bi] : ops.end[bi];
      ASSERT_LE(released, ops.start[k]) << what.str() << " op " << k;
    }
    const RunExplanation e = explain_run(run);
    EXPECT_EQ(e.path.length_cycles, run.metrics.makespan_cycles) << what.str();
    EXPECT_NEAR(e.critical_path_us, run.metrics.makespan_us, 1e-9 * run.metrics.makespan_us)
        << what.str();
    double shares = 0;
    for (const AttributionEntry& a : e.attribution) {
      EXPECT_GE(a.share, 0.0) << what.str();
      shares += a.share;
    }
    EXPECT_NEAR(shares, 1.0, 1e-12) << what.str();
    EXPECT_FALSE(e.advice.empty()) << what.str();

    // The same program simulated without reasons: identical timing, no reason arrays.
    const Plan plan = make_plan(c, hw);
    auto program = make_kernel_program(c, hw, plan);
    SimulationOptions options;
    options.clock_ghz = hw.clock_ghz;
    options.record_reasons = false;
    const Trace bare = simulate(*program, options);
    EXPECT_FALSE(bare.ops.has_reasons()) << what.str();
    EXPECT_EQ(bare.ops.start, ops.start) << what.str();
    EXPECT_EQ(bare.ops.end, ops.end) << what.str();
  }
}

TEST(CriticalPath, TheBoundIsTheBusiestUnitAndPipeOfThePerUnitTable) {
  const HardwareModel hw = find_preset("910C-package");
  KernelConfig c;
  c.problem.batch = 8;
  c.problem.kv_len = 2048;
  const SimulationRun run = run_simulation(hw, c);
  const SimulationMetrics& m = run.metrics;
  for (const Unit unit : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
    for (int p = 0; p < kPipeCount; ++p) {
      EXPECT_LE(m.pipe(unit, static_cast<Pipe>(p)).busy_fraction, m.bound_busy);
    }
  }
  EXPECT_DOUBLE_EQ(m.pipe(m.bound_unit, m.bound_pipe).busy_fraction, m.bound_busy);
  // The bound unit's busy figure from the ops themselves.
  const OpTrace& ops = run.trace.ops;
  double busy = 0;
  int lanes = 0;
  for (int l = 0; l + 1 < static_cast<int>(ops.lane_begin.size()); ++l) {
    if (lane_unit(l) != m.bound_unit || lane_pipe(l) != m.bound_pipe) continue;
    ++lanes;
    for (std::int64_t i = ops.lane_begin[l]; i < ops.lane_begin[l + 1]; ++i) {
      busy += static_cast<double>(ops.end[i] - ops.start[i]);
    }
  }
  EXPECT_NEAR(busy / lanes / static_cast<double>(m.makespan_cycles), m.bound_busy, 1e-12);
}

}  // namespace
}  // namespace amla
