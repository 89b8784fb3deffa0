#pragma once
// A QwtPlot that shows one amla::HeatmapGrid as a spectrogram with a colour bar (titled with the
// value's units) and its outlined regions, reports clicks on a cell and shows the cell under the
// mouse as a tooltip.
#include <qwt_plot.h>
#include <QPoint>
#include <memory>
#include <vector>

#include "core/numerics/heatmaps.h"

class QwtPlotItem;
class QwtPlotSpectrogram;

namespace amla::ui {

class HeatmapPlot : public QwtPlot {
  Q_OBJECT

 public:
  explicit HeatmapPlot(QWidget* parent = nullptr);

  void setGrid(amla::HeatmapGrid grid);
  // Matrix-style y axis (first row at the top) for grids indexed by attention row.
  void setRowsDownward(bool downward);
  const amla::HeatmapGrid& grid() const { return *grid_; }
  bool hasData() const { return grid_->nx > 0 && grid_->ny > 0; }

  // The cell under a canvas position, or (-1, -1).
  QPoint cellAt(const QPoint& canvas_pos) const;
  // Canvas position of a cell's centre (for keyboard-free automation and tests).
  QPoint canvasPointOfCell(int ix, int iy) const;
  // The grid's outlined regions as drawn (a shape and a label each), for tests.
  const std::vector<QwtPlotItem*>& regionItems() const { return region_items_; }
  // "x label = .., y label = .., value label = .." for a tooltip or status line.
  QString describeCell(int ix, int iy) const;

 signals:
  void cellClicked(int ix, int iy);
  void exportRequested();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;

 private:
  std::shared_ptr<amla::HeatmapGrid> grid_;
  void drawRegions();

  QwtPlotSpectrogram* spectrogram_;
  std::vector<QwtPlotItem*> region_items_;
  bool rows_downward_ = false;
};

}  // namespace amla::ui
