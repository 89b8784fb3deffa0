// The simulator's containers and its two ways of recording ops: the ring-buffer FIFO, the 4-ary
// event heap (earliest first, ties in push order), and a run recorded straight into place (ops
// per lane counted beforehand) equal to one gathered per lane at the end.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <limits>
#include <random>

#include "core/hw/hardware_presets.h"
#include "core/kernel/amla_program.h"
#include "core/sim/event_queue.h"
#include "core/sim/op_store.h"
#include "core/sim/ring_queue.h"
#include "core/sim/simulator.h"

namespace amla {
namespace {

TEST(RingQueue, KeepsFifoOrderAcrossGrowthAndWraparound) {
  RingQueue<int> ring;
  std::deque<int> reference;
  std::mt19937 rng(7);
  int next = 0;
  for (int step = 0; step < 20000; ++step) {
    // Pushes slightly more often than pops, so the ring wraps many times and grows a few.
    if (reference.empty() || rng() % 100 < 55) {
      ring.push_back(next);
      reference.push_back(next);
      ++next;
    } else {
      ASSERT_EQ(ring.front(), reference.front());
      ring.pop_front();
      reference.pop_front();
    }
    ASSERT_EQ(ring.size(), reference.size());
    if (!reference.empty()) {
      const std::size_t k = rng() % reference.size();
      ASSERT_EQ(ring[k], reference[k]);
    }
  }
  EXPECT_GT(reference.size(), 100u);
}

// The reference order compares the times as doubles (negative ones included), then push order.
bool earlier(const Event& a, const Event& b) {
  return a.time() != b.time() ? a.time() < b.time() : a.seq() < b.seq();
}

void expect_same_event(const Event& got, const Event& want) {
  ASSERT_EQ(got.seq(), want.seq());
  ASSERT_EQ(got.time(), want.time());
  ASSERT_EQ(got.index(), want.index());
  ASSERT_EQ(got.type(), want.type());
}

TEST(EventQueue, PopsEarliestFirstAndTiesInPushOrder) {
  EventQueue queue;
  std::vector<Event> pushed;
  std::vector<Event> pending;  // the reference: what is in the queue, sorted at each pop
  std::mt19937 rng(11);
  std::uint64_t seq = 0;
  std::size_t popped = 0;
  for (int step = 0; step < 20000; ++step) {
    // Phases that grow and shrink the queue, so the heap's depth and its last level's fill vary
    // (up to a few hundred events, as in a run).
    const unsigned push_percent = (step / 2500) % 2 == 0 ? 70 : 35;
    if (queue.empty() || rng() % 100 < push_percent) {
      // Few distinct times, negative ones too: many ties, which must come out in push order.
      const Event e{0.5 * static_cast<double>(static_cast<int>(rng() % 50) - 25), seq++,
                    static_cast<EventType>(step % 4), static_cast<std::int32_t>(step)};
      queue.push(e);
      pushed.push_back(e);
      pending.push_back(e);
    } else {
      const auto earliest = std::min_element(pending.begin(), pending.end(), earlier);
      ASSERT_NO_FATAL_FAILURE(expect_same_event(queue.top(), *earliest)) << "step " << step;
      ASSERT_NO_FATAL_FAILURE(expect_same_event(queue.pop(), *earliest)) << "step " << step;
      pending.erase(earliest);
      ++popped;
    }
    ASSERT_EQ(queue.size(), pending.size());
  }
  EXPECT_GT(popped, 5000u);
  std::sort(pending.begin(), pending.end(), earlier);
  for (const Event& e : pending) ASSERT_NO_FATAL_FAILURE(expect_same_event(queue.pop(), e));
  EXPECT_TRUE(queue.empty());

  // Draining a filled queue gives the (time, seq) order.
  for (const Event& e : pushed) queue.push(e);
  std::vector<Event> sorted = pushed;
  std::sort(sorted.begin(), sorted.end(), earlier);
  for (const Event& e : sorted) ASSERT_NO_FATAL_FAILURE(expect_same_event(queue.pop(), e));
  EXPECT_TRUE(queue.empty());
}

TEST(EventQueue, HandlesTheLatestTimesAndLargestKeys) {
  // Events at infinity and with the largest seq and index still come out in order, before the
  // slots past the end of the heap.
  EventQueue queue;
  const double inf = std::numeric_limits<double>::infinity();
  const std::uint64_t big = Event::kMaxSeq - 2;
  const std::int32_t index = Event::kMaxIndex - 1;
  std::vector<Event> pushed;
  for (std::uint64_t k = 0; k < 40; ++k) {
    pushed.push_back(
        {k % 3 == 0 ? inf : static_cast<double>(k % 5), big - k, EventType::kRetry, index});
  }
  for (const Event& e : pushed) queue.push(e);
  std::sort(pushed.begin(), pushed.end(), earlier);
  for (const Event& e : pushed) ASSERT_NO_FATAL_FAILURE(expect_same_event(queue.pop(), e));
  EXPECT_TRUE(queue.empty());
}

TEST(OpRecording, CountedInPlaceEqualsGatheredPerLane) {
  const HardwareModel hw = find_preset("910C-package");
  KernelConfig config;
  config.problem.batch = 4;
  config.problem.kv_len = 2048;
  const Plan plan = make_plan(config, hw);
  const ProgramCounts counts = count_program(config, hw, plan);

  auto placed_program = make_kernel_program(config, hw, plan);
  SimulationOptions placed_options;
  placed_options.lane_ops = &counts.lane_ops;
  const Trace placed = simulate(*placed_program, placed_options);

  auto gathered_program = make_kernel_program(config, hw, plan);
  const Trace gathered = simulate(*gathered_program, SimulationOptions{});

  const OpTrace& a = placed.ops;
  const OpTrace& b = gathered.ops;
  ASSERT_EQ(a.size(), static_cast<std::size_t>(counts.ops));
  ASSERT_TRUE(a.has_reasons());
  EXPECT_EQ(a.lane_begin, b.lane_begin);
  EXPECT_EQ(a.lane, b.lane);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.task, b.task);
  EXPECT_EQ(a.start, b.start);
  EXPECT_EQ(a.end, b.end);
  ASSERT_TRUE(a.columns_agree());
  ASSERT_TRUE(b.columns_agree());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a.shape_of(i), b.shape_of(i)) << "op " << i;
  }
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.blocker, b.blocker);
  EXPECT_EQ(a.reason_id, b.reason_id);
  EXPECT_EQ(a.shared_cycles, b.shared_cycles);
  // Blockers are global op indices (or -1).
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_GE(a.blocker[i], -1);
    ASSERT_LT(a.blocker[i], static_cast<std::int64_t>(a.size()));
  }
  ASSERT_EQ(placed.flags.size(), gathered.flags.size());
  for (std::size_t i = 0; i < placed.flags.size(); ++i) {
    EXPECT_EQ(placed.flags[i].set_op, gathered.flags[i].set_op);
    EXPECT_EQ(placed.flags[i].wait_op, gathered.flags[i].wait_op);
  }
}

// An op's blocker is numbered within its lane in 31 bits: a lane counted beyond that is refused
// before anything is allocated, rather than numbered wrong.
TEST(OpRecording, ALaneBeyond31BitsOfOpsIsRefused) {
  EXPECT_NO_THROW(OpStore(2, {5, 7}, true));
  EXPECT_THROW(OpStore(2, {5, std::int64_t{OpStore::kMaxLaneOps} + 1}, true), std::length_error);
}

}  // namespace
}  // namespace amla
