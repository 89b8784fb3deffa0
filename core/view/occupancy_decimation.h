#pragma once
// Per-pixel summaries of a buffer's occupancy step function, so a view draws one column per pixel
// however many steps the run has (Perfetto's min/max mipmap idea, computed on demand): the range
// [t0, t1) is cut into equal buckets and each gets the min, max and time-weighted mean of the
// bytes in use. The value in force at t0 (set before the range) counts; the value before the
// track's first step is 0 (nothing allocated) and the last step's value holds past its end.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/ops/trace.h"

namespace amla {

struct OccupancyBuckets {
  double t0 = 0;  // cycles
  double t1 = 0;
  std::vector<double> min;  // bytes, one entry per bucket
  std::vector<double> max;
  std::vector<double> mean;  // time-weighted over the bucket
  // Steps whose time lies in (t0, t1): how crowded the range is (a step at t0 is the value
  // carried in).
  std::size_t steps_in_range = 0;

  std::size_t size() const { return mean.size(); }
  double bucket_width() const { return size() == 0 ? 0.0 : (t1 - t0) / size(); }
  // Bounds from the range, not by accumulation, so the last bucket ends exactly at t1.
  double bucket_start(std::size_t i) const { return t0 + (t1 - t0) * i / size(); }
  double bucket_end(std::size_t i) const { return i + 1 == size() ? t1 : bucket_start(i + 1); }
};

// Empty result (no buckets) when t1 <= t0 or buckets <= 0. Costs a binary search to t0 plus
// O(steps in range + buckets).
OccupancyBuckets decimate_occupancy(const BufferTrack& track, double t0, double t1, int buckets);

// Index of the step in force at time t (the last with time <= t), or -1 before the first step.
std::ptrdiff_t step_at(const BufferTrack& track, double t);

// Bytes in use at time t under the conventions above.
std::int64_t occupancy_at(const BufferTrack& track, double t);

}  // namespace amla
