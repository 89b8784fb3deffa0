// The simulator's containers and its two ways of recording ops: the ring-buffer FIFO, the 4-ary
// event heap (earliest first, ties in push order), and a run recorded straight into place (ops
// per lane counted beforehand) equal to one gathered per lane at the end.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <random>

#include "core/hw/hardware_presets.h"
#include "core/kernel/amla_program.h"
#include "core/sim/event_queue.h"
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

TEST(EventQueue, PopsEarliestFirstAndTiesInPushOrder) {
  EventQueue queue;
  std::vector<Event> pushed;
  std::mt19937 rng(11);
  std::uint64_t seq = 0;
  std::vector<Event> popped;
  for (int step = 0; step < 5000; ++step) {
    if (queue.empty() || rng() % 3 != 0) {
      // Few distinct times, negative ones too: many ties, which must come out in push order.
      const Event e{0.5 * static_cast<double>(static_cast<int>(rng() % 50) - 25), seq++,
                    static_cast<EventType>(step % 4), static_cast<std::int32_t>(step)};
      queue.push(e);
      pushed.push_back(e);
    } else {
      popped.push_back(queue.pop());
    }
  }
  while (!queue.empty()) popped.push_back(queue.pop());
  ASSERT_EQ(popped.size(), pushed.size());
  // Pushes and pops interleaved: every pushed event comes out exactly once.
  std::vector<std::uint64_t> seqs;
  for (const Event& e : popped) seqs.push_back(e.seq());
  std::sort(seqs.begin(), seqs.end());
  for (std::size_t i = 0; i < seqs.size(); ++i) ASSERT_EQ(seqs[i], i);

  // Draining a filled queue gives the (time, seq) order.
  for (const Event& e : pushed) queue.push(e);
  std::vector<Event> sorted = pushed;
  // The reference order compares the times as doubles (negative ones included).
  std::sort(sorted.begin(), sorted.end(), [](const Event& a, const Event& b) {
    return a.time() != b.time() ? a.time() < b.time() : a.seq() < b.seq();
  });
  for (const Event& e : sorted) {
    const Event got = queue.pop();
    ASSERT_EQ(got.seq(), e.seq());
    ASSERT_EQ(got.time(), e.time());
    ASSERT_EQ(got.index(), e.index());
    ASSERT_EQ(got.type(), e.type());
  }
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

}  // namespace
}  // namespace amla
