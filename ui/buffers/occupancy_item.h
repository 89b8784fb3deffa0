#pragma once
// Paints one occupancy track from the series adapters (occupancy_series.h). A plot item of its
// own rather than QwtPlotCurve: Qwt 6.1.4's qwt_series_store.h does not compile as C++20
// (a template-id destructor), so the curve classes are out of reach. It refreshes the cache for
// the range and width of each paint, screen or export alike.
#include "ui/buffers/occupancy_series.h"

#include <qwt_plot_item.h>
#include <QColor>

namespace amla::ui {

class OccupancyItem : public QwtPlotItem {
 public:
  explicit OccupancyItem(std::shared_ptr<OccupancyCache> cache);

  void setColor(const QColor& color) { color_ = color; }
  // Whether to explain the band's shades at the top of the canvas when they are drawn.
  void setKeyShown(bool shown) { key_shown_ = shown; }

  int rtti() const override { return QwtPlotItem::Rtti_PlotUserItem + 16; }
  void draw(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
            const QRectF& canvas_rect) const override;
  QRectF boundingRect() const override { return cache_->extent(); }

 private:
  std::shared_ptr<OccupancyCache> cache_;
  StepSeries steps_;
  BandSeries band_;
  BucketLineSeries floor_;
  BucketLineSeries mean_;
  QColor color_{0x2b, 0x6c, 0xb0};
  bool key_shown_ = false;
};

}  // namespace amla::ui
