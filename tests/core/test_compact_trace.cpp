// The trace's compact storage: columns narrow while their values fit and wide from the first that
// does not, op shapes shared through a table, and the lanes' totals the metrics are computed from.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "core/ops/compact_column.h"
#include "core/ops/op_shapes.h"
#include "core/ops/trace.h"
#include "core/run/simulation_run.h"
#include "tests/core/random_kernel_config.h"

namespace amla {
namespace {

TEST(CompactColumn, StaysNarrowWhileValuesFitAndWidensWithoutLosingAny) {
  CompactColumn<std::uint32_t, std::int64_t> c;
  c.push_back(0);
  c.push_back(4294967295LL);  // the largest 32-bit value still fits
  EXPECT_TRUE(c.is_narrow());
  c.push_back(4294967296LL);  // 2^32 does not
  EXPECT_FALSE(c.is_narrow());
  c.push_back(-5);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0], 0);
  EXPECT_EQ(c[1], 4294967295LL);
  EXPECT_EQ(c[2], 4294967296LL);
  EXPECT_EQ(c[3], -5);
  // Reads are wide: differences of narrow values never wrap.
  CompactColumn<std::uint32_t, std::int64_t> t = {10, 3};
  EXPECT_TRUE(t.is_narrow());
  EXPECT_EQ(t[1] - t[0], -7);
}

TEST(CompactColumn, SetWidensOnAValueThatDoesNotFit) {
  CompactColumn<std::int32_t, std::int64_t> c;
  c.resize(3, -1);
  c.set(1, 7);
  EXPECT_TRUE(c.is_narrow());
  c.set(2, std::int64_t{1} << 40);
  EXPECT_FALSE(c.is_narrow());
  EXPECT_EQ(c[0], -1);
  EXPECT_EQ(c[1], 7);
  EXPECT_EQ(c[2], std::int64_t{1} << 40);
  // Resizing with a value that does not fit widens first.
  CompactColumn<std::uint16_t, std::int32_t> lanes;
  lanes.resize(2, 70000);
  EXPECT_FALSE(lanes.is_narrow());
  EXPECT_EQ(lanes[1], 70000);
}

TEST(CompactColumn, IteratorsServeBinarySearchAndEqualityComparesValues) {
  CompactColumn<std::uint32_t, std::int64_t> c = {1, 4, 4, 9, 12};
  const auto it = std::lower_bound(c.begin(), c.end(), 4);
  EXPECT_EQ(it - c.begin(), 1);
  EXPECT_EQ(std::upper_bound(c.begin(), c.end(), 4) - c.begin(), 3);
  CompactColumn<std::uint32_t, std::int64_t> wide = {1, 4, 4, 9, 12};
  wide.push_back(std::int64_t{1} << 33);
  wide.pop_back();
  EXPECT_FALSE(wide.is_narrow());
  EXPECT_EQ(c, wide);  // the same values, stored differently
  wide.set(0, 2);
  EXPECT_FALSE(c == wide);
}

TEST(OpShapeTable, EqualShapesShareANumberBitForBit) {
  OpShapeTable t;
  const std::uint32_t a = t.intern({4096, 0, 4096, 2});
  const std::uint32_t b = t.intern({0, 1e6, 0, 0});
  EXPECT_NE(a, b);
  EXPECT_EQ(t.intern({4096, 0, 4096, 2}), a);
  EXPECT_EQ(t.size(), 2u);
  // -0 and 0 differ in their bits; a NaN equals itself, so it is stored once.
  EXPECT_NE(t.intern({-0.0, 0, 0, 0}), t.intern({0.0, 0, 0, 0}));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(t.intern({nan, 0, 0, 0}), t.intern({nan, 0, 0, 0}));
  EXPECT_EQ(t[a].bytes, 4096);
  EXPECT_EQ(t[a].level, 2);
}

TEST(CompactTrace, SimulatedTracesAreNarrowAndTheRecordersTotalsEqualTheOps) {
  std::mt19937 rng(16);
  for (int i = 0; i < 6; ++i) {
    const testing::RandomRun r = testing::random_kernel_run(rng, i);
    const SimulationRun run = run_simulation(r.hardware, r.config);
    const OpTrace& ops = run.trace.ops;
    ASSERT_TRUE(run.trace.has_ops()) << r.what;
    ASSERT_TRUE(ops.columns_agree()) << r.what;
    EXPECT_TRUE(ops.start.is_narrow() && ops.end.is_narrow() && ops.lane.is_narrow() &&
                ops.blocker.is_narrow())
        << r.what;
    // A few dozen distinct shapes, whatever the run's size.
    EXPECT_LT(ops.shapes.size(), 200u) << r.what;
    const std::vector<LaneTotals> summed = totals_from_ops(ops);
    ASSERT_EQ(summed.size(), run.trace.lane_totals.size()) << r.what;
    for (std::size_t l = 0; l < summed.size(); ++l) {
      const LaneTotals& a = summed[l];
      const LaneTotals& b = run.trace.lane_totals[l];
      EXPECT_EQ(a.ops, b.ops) << r.what << " lane " << l;
      EXPECT_EQ(a.busy_cycles, b.busy_cycles) << r.what << " lane " << l;
      EXPECT_EQ(a.bubbles, b.bubbles) << r.what << " lane " << l;
      EXPECT_EQ(a.bubble_cycles, b.bubble_cycles) << r.what << " lane " << l;
      EXPECT_EQ(a.bytes, b.bytes) << r.what << " lane " << l;
      EXPECT_EQ(a.hbm_traffic, b.hbm_traffic) << r.what << " lane " << l;
      EXPECT_EQ(a.l2_traffic, b.l2_traffic) << r.what << " lane " << l;
      EXPECT_EQ(a.max_end, b.max_end) << r.what << " lane " << l;
    }
    // Every slot interval lies within the run, on a slot the trace places.
    for (const SlotInterval& s : run.trace.slot_intervals) {
      ASSERT_LT(static_cast<std::size_t>(s.slot), run.trace.slot_places.size()) << r.what;
      ASSERT_LE(s.start, s.end) << r.what;
      ASSERT_LE(static_cast<std::int64_t>(s.end), run.metrics.makespan_cycles) << r.what;
    }
  }
}

}  // namespace
}  // namespace amla
