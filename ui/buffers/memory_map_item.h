#pragma once
// Draws the memory map: each slot of a buffer as a row at its byte offset, each tensor that held
// it as a bar from acquisition to release coloured by the op that produced it, narrow ones folded
// (memory_map_layout.h). Wide bars carry the producer and task as text. The legend lists the op
// kinds present in this buffer with their tensor counts.
#include "core/run/simulation_run.h"
#include "ui/buffers/memory_map_layout.h"

#include <qwt_plot_item.h>
#include <memory>

#include "ui/buffers/buffer_units.h"

namespace amla::ui {

class MemoryMapItem : public QwtPlotItem {
 public:
  MemoryMapItem();

  // `run` must outlive the item's use of it; null clears.
  void setTrack(const amla::SimulationRun* run, int track, const TimeUnit& time);
  const amla::SimulationRun* run() const { return run_; }
  const MemoryMapIndex& index() const { return *index_; }
  const TimeUnit& timeUnit() const { return time_; }
  const ByteUnit& byteUnit() const { return bytes_; }

  // The bars for the range and pixel width a map covers.
  std::vector<MemoryMapBar> bars(const QwtScaleMap& x_map) const;
  QRectF barRect(const MemoryMapBar& bar, const QwtScaleMap& x_map, const QwtScaleMap& y_map) const;

  int rtti() const override { return QwtPlotItem::Rtti_PlotUserItem + 17; }
  void draw(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
            const QRectF& canvas_rect) const override;
  QRectF boundingRect() const override;
  QList<QwtLegendData> legendData() const override;
  QwtGraphic legendIcon(int index, const QSizeF& size) const override;

 private:
  std::vector<amla::OpKind> legendKinds() const;

  const amla::SimulationRun* run_ = nullptr;
  std::shared_ptr<const MemoryMapIndex> index_;
  TimeUnit time_;
  ByteUnit bytes_;
};

}  // namespace amla::ui
