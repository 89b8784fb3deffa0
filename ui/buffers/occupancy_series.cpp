#include "ui/buffers/occupancy_series.h"

#include <algorithm>
#include <cmath>

namespace amla::ui {

void OccupancyCache::setTrack(const amla::BufferTrack* track, TimeUnit time, ByteUnit bytes) {
  track_ = track;
  time_ = std::move(time);
  bytes_ = std::move(bytes);
  pixels_ = 0;  // forces the next update
  buckets_ = {};
  first_step_ = last_step_ = 0;
  detailed_ = true;
}

void OccupancyCache::update(double t0_cycles, double t1_cycles, int pixels) {
  if (track_ == nullptr) return;
  if (pixels == pixels_ && t0_cycles == t0_ && t1_cycles == t1_) return;
  t0_ = t0_cycles;
  t1_ = t1_cycles;
  pixels_ = pixels;
  const auto first = amla::step_at(*track_, t0_) + 1;
  const auto last = amla::step_at(*track_, std::nextafter(t1_, t0_)) + 1;
  first_step_ = static_cast<std::size_t>(std::max<std::ptrdiff_t>(first, 0));
  last_step_ = static_cast<std::size_t>(std::max<std::ptrdiff_t>(last, first));
  const double steps = static_cast<double>(last_step_ - first_step_);
  detailed_ = steps * kMinPixelsPerStep <= pixels;
  // Buckets are only needed (and only paid for) when the band is drawn.
  buckets_ = detailed_ ? amla::OccupancyBuckets{}
                       : amla::decimate_occupancy(*track_, t0_, t1_, std::max(pixels, 1));
}

QRectF OccupancyCache::extent() const {
  if (track_ == nullptr || track_->time.empty()) return {};
  const double end = time_.fromCycles(static_cast<double>(track_->time.back()));
  const double top = static_cast<double>(track_->capacity) / bytes_.bytes_per_unit;
  return QRectF(0, 0, end, top);
}

size_t StepSeries::size() const {
  if (!cache_->detailed() || cache_->track() == nullptr || !(cache_->t1() > cache_->t0())) {
    return 0;
  }
  return cache_->lastStep() - cache_->firstStep() + 2;
}

QPointF StepSeries::sample(size_t i) const {
  const amla::BufferTrack& t = *cache_->track();
  const double scale = 1.0 / cache_->byteUnit().bytes_per_unit;
  const TimeUnit& unit = cache_->timeUnit();
  const size_t n = size();
  if (i == 0) {
    return {unit.fromCycles(cache_->t0()), amla::occupancy_at(t, cache_->t0()) * scale};
  }
  if (i + 1 == n) {
    // The value reached by the last step in range holds until t1.
    const size_t last = cache_->lastStep();
    const double v = last > 0 ? static_cast<double>(t.used[last - 1]) : 0.0;
    return {unit.fromCycles(cache_->t1()), v * scale};
  }
  const size_t k = cache_->firstStep() + i - 1;
  return {unit.fromCycles(static_cast<double>(t.time[k])), static_cast<double>(t.used[k]) * scale};
}

size_t BandSeries::size() const { return cache_->detailed() ? 0 : 2 * cache_->buckets().size(); }

QwtIntervalSample BandSeries::sample(size_t i) const {
  const amla::OccupancyBuckets& b = cache_->buckets();
  const size_t k = i / 2;
  const double t = i % 2 == 0 ? b.bucket_start(k) : b.bucket_end(k);
  const double scale = 1.0 / cache_->byteUnit().bytes_per_unit;
  return {cache_->timeUnit().fromCycles(t), b.min[k] * scale, b.max[k] * scale};
}

size_t BucketLineSeries::size() const {
  return cache_->detailed() ? 0 : 2 * cache_->buckets().size();
}

QPointF BucketLineSeries::sample(size_t i) const {
  const amla::OccupancyBuckets& b = cache_->buckets();
  const size_t k = i / 2;
  const double t = i % 2 == 0 ? b.bucket_start(k) : b.bucket_end(k);
  const double v = statistic_ == Statistic::kMin ? b.min[k] : b.mean[k];
  return {cache_->timeUnit().fromCycles(t), v / cache_->byteUnit().bytes_per_unit};
}

}  // namespace amla::ui
