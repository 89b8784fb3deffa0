#pragma once
// The memory map of one buffer of one core: y = offset in the buffer (0 at the top, the
// capacity at the bottom, so unused space shows), x = time, a legend of producer op kinds below,
// and a tooltip naming the tensor under the mouse.
#include "ui/buffers/memory_map_item.h"

#include <qwt_plot.h>
#include <QPoint>

namespace amla::ui {

class MemoryMapPlot : public QwtPlot {
 public:
  explicit MemoryMapPlot(QWidget* parent = nullptr);

  // `run` must outlive the plot's use of it; null or a bad track clears.
  void setTrack(const amla::SimulationRun* run, int track, const TimeUnit& time);
  void setTimeRange(double x0, double x1);

  MemoryMapItem* item() const { return item_; }
  // The bars as the canvas shows them now.
  std::vector<MemoryMapBar> visibleBars() const;
  // Tooltip text for a canvas position, empty where there is no tensor.
  QString describeAt(const QPoint& canvas_pos) const;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QString describeBar(const MemoryMapBar& bar) const;

  MemoryMapItem* item_;
};

}  // namespace amla::ui
