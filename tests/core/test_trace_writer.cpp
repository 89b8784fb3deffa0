// Keeping the trace on a second thread: the queue between the threads hands over every item once,
// in order, whatever the two threads' speeds; a trace written on its own thread is the same, bit
// for bit, as one written on the simulating thread; and what the writer throws reaches the caller.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <thread>

#include "core/hw/hardware_presets.h"
#include "core/kernel/amla_program.h"
#include "core/sim/simulator.h"
#include "core/sim/spsc_ring.h"

namespace amla {
namespace {

// A small queue, so the producer fills it and waits, and the consumer empties it and waits.
void hand_over(std::uint64_t items, std::chrono::microseconds consumer_pause) {
  SpscRing<std::uint64_t> ring(8, 2);
  std::uint64_t taken = 0;
  bool in_order = true;
  std::thread consumer([&] {
    while (const std::size_t n = ring.wait_for_items()) {
      for (std::size_t i = 0; i < n; ++i) in_order = in_order && ring.item(i) == taken + i;
      taken += n;
      ring.release(n);
      if (consumer_pause.count() > 0 && taken % 1000 == 0)
        std::this_thread::sleep_for(consumer_pause);
    }
  });
  for (std::uint64_t v = 0; v < items; ++v) {
    ring.claim() = v;
    ring.commit();
  }
  ring.close();
  consumer.join();
  EXPECT_EQ(taken, items);
  EXPECT_TRUE(in_order);
}

TEST(SpscRing, HandsOverEveryItemInOrderWithAFastConsumer) { hand_over(200000, {}); }

TEST(SpscRing, HandsOverEveryItemInOrderWithASlowConsumer) {
  hand_over(20000, std::chrono::microseconds(200));
}

TEST(SpscRing, ClosingAnEmptyQueueEndsTheConsumer) {
  SpscRing<int> ring(4, 1);
  std::size_t got = 1;
  std::thread consumer([&] { got = ring.wait_for_items(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let it sleep first
  ring.close();
  consumer.join();
  EXPECT_EQ(got, 0u);
}

struct SmallRun {
  HardwareModel hw = find_preset("910C-package");
  KernelConfig config;
  Plan plan;
  ProgramCounts counts;
  SmallRun() {
    config.problem.batch = 4;
    config.problem.kv_len = 2048;
    plan = make_plan(config, hw);
    counts = count_program(config, hw, plan);
  }
  Trace simulate_with(TraceWriting writing, bool counted) {
    auto program = make_kernel_program(config, hw, plan);
    SimulationOptions options;
    options.trace_writing = writing;
    if (counted) options.lane_ops = &counts.lane_ops;
    return simulate(*program, options);
  }
};

void expect_same_trace(const Trace& a, const Trace& b) {
  ASSERT_EQ(a.ops.size(), b.ops.size());
  ASSERT_GT(a.ops.size(), 0u);
  EXPECT_EQ(a.ops.lane_begin, b.ops.lane_begin);
  EXPECT_EQ(a.ops.lane, b.ops.lane);
  EXPECT_EQ(a.ops.kind, b.ops.kind);
  EXPECT_EQ(a.ops.task, b.ops.task);
  EXPECT_EQ(a.ops.start, b.ops.start);
  EXPECT_EQ(a.ops.end, b.ops.end);
  for (std::size_t i = 0; i < a.ops.size(); ++i) {
    ASSERT_EQ(a.ops.shape_of(i), b.ops.shape_of(i)) << "op " << i;
  }
  EXPECT_EQ(a.ops.reason, b.ops.reason);
  EXPECT_EQ(a.ops.blocker, b.ops.blocker);
  EXPECT_EQ(a.ops.reason_id, b.ops.reason_id);
  EXPECT_EQ(a.ops.shared_cycles, b.ops.shared_cycles);
  ASSERT_EQ(a.buffers.size(), b.buffers.size());
  for (std::size_t k = 0; k < a.buffers.size(); ++k) {
    EXPECT_EQ(a.buffers[k].time, b.buffers[k].time) << a.buffers[k].name;
    EXPECT_EQ(a.buffers[k].used, b.buffers[k].used) << a.buffers[k].name;
  }
  ASSERT_EQ(a.slot_intervals.size(), b.slot_intervals.size());
  ASSERT_EQ(a.flags.size(), b.flags.size());
  for (std::size_t i = 0; i < a.flags.size(); ++i) {
    EXPECT_EQ(a.flags[i].set_op, b.flags[i].set_op);
    EXPECT_EQ(a.flags[i].wait_op, b.flags[i].wait_op);
  }
  ASSERT_EQ(a.lane_totals.size(), b.lane_totals.size());
  for (std::size_t l = 0; l < a.lane_totals.size(); ++l) {
    const LaneTotals& x = a.lane_totals[l];
    const LaneTotals& y = b.lane_totals[l];
    EXPECT_EQ(x.ops, y.ops);
    EXPECT_EQ(x.busy_cycles, y.busy_cycles);
    EXPECT_EQ(x.bubbles, y.bubbles);
    EXPECT_EQ(x.bubble_cycles, y.bubble_cycles);
    EXPECT_EQ(x.bytes, y.bytes);
    EXPECT_EQ(x.hbm_traffic, y.hbm_traffic);
    EXPECT_EQ(x.l2_traffic, y.l2_traffic);
    EXPECT_EQ(x.max_end, y.max_end);
  }
}

TEST(TraceWriting, OwnThreadWritesTheSameTraceAsTheSimulatingThread) {
  SmallRun run;
  for (const bool counted : {true, false}) {
    SCOPED_TRACE(counted ? "ops per lane counted" : "ops gathered per lane");
    const Trace same = run.simulate_with(TraceWriting::kSameThread, counted);
    const Trace own = run.simulate_with(TraceWriting::kOwnThread, counted);
    expect_same_trace(same, own);
    // The buffers' occupancy was written: some buffer was used.
    bool used = false;
    for (const BufferTrack& b : own.buffers) used = used || b.time.size() > 1;
    EXPECT_TRUE(used);
  }
}

// A lane that runs more ops than were counted is a bug the store finds on the writer thread:
// the run must say so, not hang or lose it.
TEST(TraceWriting, WhatTheWriterThrowsReachesTheCaller) {
  for (const TraceWriting writing : {TraceWriting::kSameThread, TraceWriting::kOwnThread}) {
    SmallRun run;
    std::int64_t* busiest = &run.counts.lane_ops[0];
    for (std::int64_t& n : run.counts.lane_ops) {
      if (n > *busiest) busiest = &n;
    }
    *busiest -= 40;  // more than one staged batch short
    EXPECT_THROW(run.simulate_with(writing, true), std::logic_error);
  }
}

}  // namespace
}  // namespace amla
