#include "core/view/occupancy_decimation.h"

#include <algorithm>
#include <limits>

namespace amla {

std::ptrdiff_t step_at(const BufferTrack& track, double t) {
  const auto it = std::upper_bound(track.time.begin(), track.time.end(), t,
                                   [](double v, std::int64_t step) { return v < step; });
  return (it - track.time.begin()) - 1;
}

std::int64_t occupancy_at(const BufferTrack& track, double t) {
  const std::ptrdiff_t k = step_at(track, t);
  return k < 0 ? 0 : track.used[static_cast<std::size_t>(k)];
}

OccupancyBuckets decimate_occupancy(const BufferTrack& track, double t0, double t1, int buckets) {
  OccupancyBuckets out;
  out.t0 = t0;
  out.t1 = t1;
  if (!(t1 > t0) || buckets <= 0) return out;
  const auto n = static_cast<std::size_t>(buckets);
  out.min.resize(n);
  out.max.resize(n);
  out.mean.resize(n);

  const std::size_t steps = track.time.size();
  std::ptrdiff_t k = step_at(track, t0);
  auto value_of = [&](std::ptrdiff_t i) {
    return i < 0 ? 0.0 : static_cast<double>(track.used[static_cast<std::size_t>(i)]);
  };
  double value = value_of(k);
  const std::size_t first_in_range = static_cast<std::size_t>(k + 1);

  for (std::size_t b = 0; b < n; ++b) {
    const double begin = out.bucket_start(b);
    const double end = out.bucket_end(b);
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    double area = 0;
    double at = begin;
    // A value held for zero time (two steps at one cycle) is not an occupancy anyone saw.
    auto hold_until = [&](double until) {
      if (until <= at) return;
      lo = std::min(lo, value);
      hi = std::max(hi, value);
      area += value * (until - at);
      at = until;
    };
    while (static_cast<std::size_t>(k + 1) < steps &&
           static_cast<double>(track.time[static_cast<std::size_t>(k + 1)]) < end) {
      hold_until(static_cast<double>(track.time[static_cast<std::size_t>(k + 1)]));
      ++k;
      value = value_of(k);
    }
    hold_until(end);
    if (end <= begin) {  // a bucket narrower than double resolution: the value in force
      out.min[b] = out.max[b] = out.mean[b] = value;
      continue;
    }
    out.min[b] = lo;
    out.max[b] = hi;
    out.mean[b] = area / (end - begin);
  }
  out.steps_in_range = static_cast<std::size_t>(k + 1) - first_in_range;
  return out;
}

}  // namespace amla
