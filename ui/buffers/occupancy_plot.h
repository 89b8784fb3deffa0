#pragma once
// One buffer's occupancy over time against its capacity line: the exact filled step curve when
// zoomed in, per-pixel min/max bands with the mean when a pixel covers several steps. The
// decimation runs at paint time for the width actually painted, so exports at any size are as
// exact as the screen.
#include "ui/buffers/occupancy_item.h"

#include <qwt_plot.h>
#include <memory>

class QwtPlotMarker;
class QwtPlotTextLabel;

namespace amla::ui {

class OccupancyPlot : public QwtPlot {
 public:
  explicit OccupancyPlot(QWidget* parent = nullptr);

  // The track must outlive the plot's use of it; null clears.
  void setTrack(const amla::BufferTrack* track, const TimeUnit& time);
  const amla::BufferTrack* track() const { return cache_->track(); }
  // x range in the time unit's values.
  void setTimeRange(double x0, double x1);
  void setTimeAxisShown(bool shown);
  // The top strip explains the band's shades.
  void setKeyShown(bool shown) { occupancy_->setKeyShown(shown); }
  // What the last paint drew: the step curve (true) or bands (false).
  bool detailed() const { return cache_->detailed(); }
  const OccupancyCache& cache() const { return *cache_; }
  const ByteUnit& byteUnit() const { return cache_->byteUnit(); }

 private:
  std::shared_ptr<OccupancyCache> cache_;
  OccupancyItem* occupancy_;
  QwtPlotMarker* capacity_;
  QwtPlotTextLabel* name_;
};

}  // namespace amla::ui
