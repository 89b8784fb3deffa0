#pragma once
// What one occupancy plot draws for the range and width it is painted at, and the Qwt series
// adapters that read it in place (no copy of the track): the exact step curve when every step
// gets a couple of pixels, otherwise per-pixel min/max bands, the always-used floor and the mean.
#include <qwt_samples.h>
#include <qwt_series_data.h>
#include <QPointF>
#include <cstddef>
#include <memory>

#include "core/ops/trace.h"
#include "core/view/occupancy_decimation.h"
#include "ui/buffers/buffer_units.h"

namespace amla::ui {

class OccupancyCache {
 public:
  // Fewer than this many pixels per step on average and the plot switches to bands.
  static constexpr double kMinPixelsPerStep = 2.0;

  void setTrack(const amla::BufferTrack* track, TimeUnit time, ByteUnit bytes);
  // Recomputes for [t0, t1) cycles painted `pixels` wide, unless that is what it already holds.
  void update(double t0_cycles, double t1_cycles, int pixels);

  const amla::BufferTrack* track() const { return track_; }
  bool detailed() const { return detailed_; }
  const amla::OccupancyBuckets& buckets() const { return buckets_; }
  // Detailed mode: steps [first_step, last_step) lie inside the range.
  std::size_t firstStep() const { return first_step_; }
  std::size_t lastStep() const { return last_step_; }
  double t0() const { return t0_; }
  double t1() const { return t1_; }
  const TimeUnit& timeUnit() const { return time_; }
  const ByteUnit& byteUnit() const { return bytes_; }
  // The whole track in plot units, for Qwt's bounding rectangles.
  QRectF extent() const;

 private:
  const amla::BufferTrack* track_ = nullptr;
  TimeUnit time_;
  ByteUnit bytes_;
  double t0_ = 0, t1_ = 0;
  int pixels_ = 0;
  bool detailed_ = true;
  amla::OccupancyBuckets buckets_;
  std::size_t first_step_ = 0, last_step_ = 0;
};

using OccupancyCacheRef = std::shared_ptr<const OccupancyCache>;

// Detailed mode: (t0, value carried in), every step in range, (t1, value at t1) in plot units,
// for a QwtPlotCurve in Steps style. Empty in band mode.
class StepSeries : public QwtSeriesData<QPointF> {
 public:
  explicit StepSeries(OccupancyCacheRef cache) : cache_(std::move(cache)) {}
  size_t size() const override;
  QPointF sample(size_t i) const override;
  QRectF boundingRect() const override { return cache_->extent(); }

 private:
  OccupancyCacheRef cache_;
};

// Band mode: [min, max] per bucket, two samples per bucket (its start and end) so each bucket
// is a flat piece of the band. Empty in detailed mode.
class BandSeries : public QwtSeriesData<QwtIntervalSample> {
 public:
  explicit BandSeries(OccupancyCacheRef cache) : cache_(std::move(cache)) {}
  size_t size() const override;
  QwtIntervalSample sample(size_t i) const override;
  QRectF boundingRect() const override { return cache_->extent(); }

 private:
  OccupancyCacheRef cache_;
};

// Band mode: one bucket statistic as a line (two points per bucket). Empty in detailed mode.
class BucketLineSeries : public QwtSeriesData<QPointF> {
 public:
  enum class Statistic { kMin, kMean };
  BucketLineSeries(OccupancyCacheRef cache, Statistic statistic)
      : cache_(std::move(cache)), statistic_(statistic) {}
  size_t size() const override;
  QPointF sample(size_t i) const override;
  QRectF boundingRect() const override { return cache_->extent(); }

 private:
  OccupancyCacheRef cache_;
  Statistic statistic_;
};

}  // namespace amla::ui
