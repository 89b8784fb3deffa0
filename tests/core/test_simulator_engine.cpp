// The simulator's mechanics on hand-made programs: in-order pipes, flags as counters with
// latency, slots that an op waits for, fair sharing of a resource, deadlock reports.
#include <gtest/gtest.h>

#include "core/common/input_error.h"
#include "core/sim/simulator.h"
#include "tests/core/fixed_program.h"

namespace amla {
namespace {

using testing::compute;
using testing::FixedProgram;
using testing::slot_use;
using testing::transfer;

std::pair<std::int64_t, std::int64_t> span(const Trace& t, Unit u, Pipe p, int i = 0) {
  const int lane = lane_index(0, u, p);
  const std::int64_t k = t.ops.lane_begin[static_cast<std::size_t>(lane)] + i;
  return {t.ops.start[static_cast<std::size_t>(k)], t.ops.end[static_cast<std::size_t>(k)]};
}

TEST(SimulatorEngine, PipesAreInOrderAndParallelAcrossPipes) {
  FixedProgram p(/*cross_core_flags=*/true);
  p.add(Unit::kAic, Pipe::kCube, compute(OpKind::kMmadQK, 100));
  p.add(Unit::kAic, Pipe::kCube, compute(OpKind::kMmadQK, 50));
  p.add(Unit::kAiv0, Pipe::kVector, compute(OpKind::kVecSoftmax, 70));
  const Trace t = simulate(p, {});
  using Span = std::pair<std::int64_t, std::int64_t>;
  EXPECT_EQ(span(t, Unit::kAic, Pipe::kCube, 0), Span(0, 100));
  EXPECT_EQ(span(t, Unit::kAic, Pipe::kCube, 1), Span(100, 150));
  EXPECT_EQ(span(t, Unit::kAiv0, Pipe::kVector), Span(0, 70));
}

TEST(SimulatorEngine, FlagLatencyDelaysTheWaiterAndIsRecordedAsAnEdge) {
  FixedProgram p(/*cross_core_flags=*/true);
  const int f = p.flag(1000);
  Instr set = compute(OpKind::kMmadQK, 100);
  set.set(f);
  Instr wait = compute(OpKind::kVecSoftmax, 10);
  wait.wait(f);
  p.add(Unit::kAic, Pipe::kCube, set);
  p.add(Unit::kAiv0, Pipe::kVector, wait);
  const Trace t = simulate(p, {});
  EXPECT_EQ(span(t, Unit::kAiv0, Pipe::kVector).first, 1100);
  ASSERT_EQ(t.flags.size(), 1u);
  EXPECT_EQ(t.flags[0].set_cycle, 100);
  EXPECT_EQ(t.flags[0].ready_cycle, 1100);
}

TEST(SimulatorEngine, CountersPairTheNthWaitWithTheNthSet) {
  FixedProgram p(/*cross_core_flags=*/true);
  const int f = p.flag(0);
  for (int i = 0; i < 3; ++i) {
    Instr set = compute(OpKind::kMmadQK, 100);
    set.set(f);
    p.add(Unit::kAic, Pipe::kCube, set);
  }
  Instr wait_two = compute(OpKind::kVecSoftmax, 1);
  wait_two.wait(f, 2);  // needs two sets: the second ends at 200
  p.add(Unit::kAiv0, Pipe::kVector, wait_two);
  Instr wait_one = compute(OpKind::kVecSoftmax, 1);
  wait_one.wait(f);  // the third set, at 300
  p.add(Unit::kAiv0, Pipe::kVector, wait_one);
  const Trace t = simulate(p, {});
  EXPECT_EQ(span(t, Unit::kAiv0, Pipe::kVector, 0).first, 200);
  EXPECT_EQ(span(t, Unit::kAiv0, Pipe::kVector, 1).first, 300);
}

TEST(SimulatorEngine, AnOpWaitsForItsSlotUntilTheTenantIsReleased) {
  FixedProgram p(/*cross_core_flags=*/true);
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
  EXPECT_EQ(span(t, Unit::kAic, Pipe::kMte2, 1).first, 500);  // after the consumer released it
  ASSERT_EQ(t.buffers.size(), 1u);
  for (std::int64_t used : t.buffers[0].used) EXPECT_LE(used, 100);
  ASSERT_EQ(t.slot_intervals.size(), 2u);
  EXPECT_EQ(t.slot_intervals[0].end, 500u);
}

TEST(SimulatorEngine, SharedResourceIsSplitFairlyAndCappedPerTransfer) {
  FixedProgram p(/*cross_core_flags=*/true);
  p.layout_.resources.push_back({"HBM", 100.0});
  // Two transfers of 10000 B, each allowed 80 B/cycle: together they get 50 each -> 200 cycles.
  p.add(Unit::kAic, Pipe::kMte2, transfer(OpKind::kLoadK, 10000, 80, 0));
  p.add(Unit::kAiv0, Pipe::kMte2, transfer(OpKind::kLoadS, 10000, 80, 0));
  // A third on its own afterwards runs at its cap: 8000 / 80 = 100 cycles.
  p.add(Unit::kAiv1, Pipe::kMte2, transfer(OpKind::kLoadS, 8000, 80, -1));
  const Trace t = simulate(p, {});
  EXPECT_EQ(span(t, Unit::kAic, Pipe::kMte2).second, 200);
  EXPECT_EQ(span(t, Unit::kAiv0, Pipe::kMte2).second, 200);
  EXPECT_EQ(span(t, Unit::kAiv1, Pipe::kMte2).second, 100);
}

TEST(SimulatorEngine, UnequalCapsGetMaxMinFairShares) {
  FixedProgram p(/*cross_core_flags=*/true);
  p.layout_.resources.push_back({"L2", 100.0});
  // Caps 20 and 200 on a 100 B/cycle resource: the small one keeps 20, the big one gets 80.
  p.add(Unit::kAic, Pipe::kMte2, transfer(OpKind::kLoadK, 2000, 20, 0));
  p.add(Unit::kAiv0, Pipe::kMte2, transfer(OpKind::kLoadS, 8000, 200, 0));
  const Trace t = simulate(p, {});
  EXPECT_EQ(span(t, Unit::kAic, Pipe::kMte2).second, 100);
  EXPECT_EQ(span(t, Unit::kAiv0, Pipe::kMte2).second, 100);
}

TEST(SimulatorEngine, AWaitNobodySatisfiesIsReportedNotHung) {
  FixedProgram p(/*cross_core_flags=*/true);
  const int f = p.flag(0);
  Instr wait = compute(OpKind::kVecSoftmax, 10);
  wait.wait(f);
  p.add(Unit::kAiv0, Pipe::kVector, wait);
  try {
    simulate(p, {});
    FAIL() << "no deadlock reported";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "tiling");
    EXPECT_NE(std::string(e.what()).find("flag 0"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("AIV0 VECTOR"), std::string::npos) << e.what();
  }
}

TEST(SimulatorEngine, MaxPendingBlocksTheSetterUntilAWaitConsumes) {
  FixedProgram p(/*cross_core_flags=*/true);
  const int f = p.flag(0, 1);
  for (int i = 0; i < 2; ++i) {
    Instr set = compute(OpKind::kMmadQK, 10);
    set.set(f);
    p.add(Unit::kAic, Pipe::kCube, set);
  }
  Instr slow = compute(OpKind::kVecSoftmax, 500);
  p.add(Unit::kAiv0, Pipe::kVector, slow);
  Instr wait = compute(OpKind::kVecSoftmax, 1);
  wait.wait(f);
  p.add(Unit::kAiv0, Pipe::kVector, wait);
  Instr wait2 = compute(OpKind::kVecSoftmax, 1);
  wait2.wait(f);
  p.add(Unit::kAiv0, Pipe::kVector, wait2);
  const Trace t = simulate(p, {});
  // The second set may only start once the first was consumed at 500.
  EXPECT_EQ(span(t, Unit::kAic, Pipe::kCube, 1).first, 500);
}

}  // namespace
}  // namespace amla
