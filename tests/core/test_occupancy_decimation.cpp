// Per-pixel occupancy summaries: hand-computed step functions (value carried in from before the
// range, buckets spanning several steps, zero-length steps, empty and out-of-run ranges) and the
// tracks of a real small run, checked against sums taken directly from the steps.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"
#include "core/view/occupancy_decimation.h"

namespace amla {
namespace {

BufferTrack make_track(std::vector<std::int64_t> time, std::vector<std::int64_t> used) {
  BufferTrack t;
  t.name = "test";
  t.capacity = 1000;
  t.time.assign(time.begin(), time.end());
  t.used.assign(used.begin(), used.end());
  return t;
}

// 0 until 10, 100 until 20, 50 until 30, then 0.
BufferTrack staircase() { return make_track({0, 10, 20, 30}, {0, 100, 50, 0}); }

TEST(OccupancyDecimation, OneBucketPerStep) {
  const OccupancyBuckets b = decimate_occupancy(staircase(), 0, 40, 4);
  ASSERT_EQ(b.size(), 4u);
  const double expected[] = {0, 100, 50, 0};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_DOUBLE_EQ(b.min[i], expected[i]) << i;
    EXPECT_DOUBLE_EQ(b.max[i], expected[i]) << i;
    EXPECT_DOUBLE_EQ(b.mean[i], expected[i]) << i;
  }
  EXPECT_EQ(b.steps_in_range, 3u);  // 10, 20, 30; the step at 0 is the value carried in
  EXPECT_DOUBLE_EQ(b.bucket_width(), 10.0);
}

TEST(OccupancyDecimation, BucketSpanningSeveralStepsIsTimeWeighted) {
  // [5, 25): 0 for 5 cycles, 100 for 10, 50 for 5.
  const OccupancyBuckets b = decimate_occupancy(staircase(), 5, 25, 1);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_DOUBLE_EQ(b.min[0], 0.0);
  EXPECT_DOUBLE_EQ(b.max[0], 100.0);
  EXPECT_DOUBLE_EQ(b.mean[0], (0 * 5 + 100 * 10 + 50 * 5) / 20.0);
  EXPECT_EQ(b.steps_in_range, 2u);
}

TEST(OccupancyDecimation, FractionalBucketsSplitASegment) {
  // [0, 15) in two buckets of 7.5: the second holds 0 for 2.5 cycles then 100 for 5.
  const OccupancyBuckets b = decimate_occupancy(staircase(), 0, 15, 2);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_DOUBLE_EQ(b.max[0], 0.0);
  EXPECT_DOUBLE_EQ(b.min[1], 0.0);
  EXPECT_DOUBLE_EQ(b.max[1], 100.0);
  EXPECT_NEAR(b.mean[1], 500.0 / 7.5, 1e-12);
}

TEST(OccupancyDecimation, ValueBeforeTheRangeIsCarriedIn) {
  const OccupancyBuckets b = decimate_occupancy(staircase(), 12, 18, 3);
  ASSERT_EQ(b.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(b.min[i], 100.0);
    EXPECT_DOUBLE_EQ(b.max[i], 100.0);
    EXPECT_DOUBLE_EQ(b.mean[i], 100.0);
  }
  EXPECT_EQ(b.steps_in_range, 0u);
}

TEST(OccupancyDecimation, StepExactlyAtABucketEdgeBelongsToTheNextBucket) {
  const OccupancyBuckets b = decimate_occupancy(staircase(), 0, 20, 2);
  EXPECT_DOUBLE_EQ(b.max[0], 0.0);
  EXPECT_DOUBLE_EQ(b.min[1], 100.0);
}

TEST(OccupancyDecimation, ZeroLengthStepIsNotAnOccupancy) {
  // At cycle 10 the value is 300 for no time at all, then 100.
  const BufferTrack t = make_track({0, 10, 10, 20}, {0, 300, 100, 0});
  const OccupancyBuckets b = decimate_occupancy(t, 0, 20, 1);
  EXPECT_DOUBLE_EQ(b.max[0], 100.0);
  EXPECT_DOUBLE_EQ(b.mean[0], 50.0);
}

TEST(OccupancyDecimation, EmptyRangeGivesNoBuckets) {
  EXPECT_EQ(decimate_occupancy(staircase(), 10, 10, 8).size(), 0u);
  EXPECT_EQ(decimate_occupancy(staircase(), 20, 10, 8).size(), 0u);
  EXPECT_EQ(decimate_occupancy(staircase(), 0, 40, 0).size(), 0u);
  EXPECT_EQ(decimate_occupancy(BufferTrack{}, 0, 40, 4).mean, std::vector<double>(4, 0.0));
}

TEST(OccupancyDecimation, RangeBeyondTheEndHoldsTheLastValue) {
  const BufferTrack t = make_track({5, 10}, {70, 30});
  const OccupancyBuckets after = decimate_occupancy(t, 100, 200, 4);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_DOUBLE_EQ(after.mean[i], 30.0);
  EXPECT_EQ(after.steps_in_range, 0u);
  // Before the first step nothing is allocated.
  const OccupancyBuckets before = decimate_occupancy(t, 0, 5, 1);
  EXPECT_DOUBLE_EQ(before.max[0], 0.0);
  EXPECT_EQ(occupancy_at(t, 4.9), 0);
  EXPECT_EQ(occupancy_at(t, 5), 70);
  EXPECT_EQ(step_at(t, 1e12), 1);
}

// The integral of the step function over [t0, t1), taken step by step.
double integral(const BufferTrack& t, double t0, double t1) {
  double sum = 0;
  for (std::size_t i = 0; i < t.time.size(); ++i) {
    const double a = std::max(t0, static_cast<double>(t.time[i]));
    const double b = std::min(t1, i + 1 < t.time.size() ? static_cast<double>(t.time[i + 1]) : t1);
    if (b > a) sum += static_cast<double>(t.used[i]) * (b - a);
  }
  return sum;
}

// The largest value held for a positive time inside [t0, t1).
double peak(const BufferTrack& t, double t0, double t1) {
  double best = static_cast<double>(occupancy_at(t, t0));
  for (std::size_t i = 0; i < t.time.size(); ++i) {
    const double end = i + 1 < t.time.size() ? static_cast<double>(t.time[i + 1]) : t1;
    if (t.time[i] > t0 && t.time[i] < t1 && end > t.time[i]) {
      best = std::max(best, static_cast<double>(t.used[i]));
    }
  }
  return best;
}

TEST(OccupancyDecimation, RealRunStaysWithinCapacityAndMatchesTheSteps) {
  KernelConfig config;
  config.problem.batch = 2;
  config.problem.kv_len = 2048;
  const SimulationRun run = run_simulation(find_preset("910B2"), config);
  ASSERT_FALSE(run.trace.buffers.empty());
  std::int64_t end = 0;
  for (const BufferTrack& t : run.trace.buffers) end = std::max(end, t.time.back());
  ASSERT_GT(end, 0);

  std::size_t busy_tracks = 0;
  for (const BufferTrack& t : run.trace.buffers) {
    ASSERT_EQ(t.time.size(), t.used.size());
    // Whole run and a window in its middle that starts between steps.
    for (const auto& [t0, t1] : {std::pair<double, double>{0.0, end * 1.0},
                                 std::pair<double, double>{end * 0.31 + 0.5, end * 0.47}}) {
      const OccupancyBuckets b = decimate_occupancy(t, t0, t1, 997);
      ASSERT_EQ(b.size(), 997u);
      double area = 0;
      double top = 0;
      for (std::size_t i = 0; i < b.size(); ++i) {
        EXPECT_LE(b.max[i], static_cast<double>(t.capacity)) << t.name << " core " << t.core;
        EXPECT_GE(b.min[i], 0.0);
        EXPECT_LE(b.min[i], b.mean[i] + 1e-9 * t.capacity);
        EXPECT_LE(b.mean[i], b.max[i] + 1e-9 * t.capacity);
        area += b.mean[i] * (b.bucket_end(i) - b.bucket_start(i));
        top = std::max(top, b.max[i]);
      }
      const double exact = integral(t, t0, t1);
      EXPECT_NEAR(area, exact, 1e-9 * std::max(1.0, exact)) << t.name << " core " << t.core;
      EXPECT_DOUBLE_EQ(top, peak(t, t0, t1)) << t.name << " core " << t.core;
    }
    if (t.time.size() > 2) ++busy_tracks;
  }
  EXPECT_GE(busy_tracks, 7u);  // at least one core used all its buffers
}

}  // namespace
}  // namespace amla
