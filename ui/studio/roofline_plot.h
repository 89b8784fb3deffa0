#pragma once
// The run on its machine's hierarchical roofline: one roof per memory level (HBM, L2, the AIC's
// MTE2 into L1, the AIVs' MTE2 into UB, the FixPipe out of L0C), each min(Cube peak, the level's
// bandwidth x intensity), and the run's point on each level at its own intensity. Both axes
// logarithmic. The level whose roof is lowest (the limit) is drawn solid and named in the title.
// Each roof is named beside it and the peak above its line, placed so that no label overlaps
// another label, a line or a point (RoofLabelsItem); the legend names every level in full.
// With nothing to place on a roof (no run, an imported profile without FLOP counts) the axes,
// grid and legend go and the canvas says why in words.
#include <qwt_plot.h>

#include <array>

#include "core/run/roofline.h"
#include "core/run/simulation_run.h"

class QwtPlotGrid;
class QwtPlotMarker;
class QwtPlotTextLabel;

namespace amla::ui {

class PolylineItem;
class RoofLabelsItem;

class RooflinePlot : public QwtPlot {
  Q_OBJECT

 public:
  explicit RooflinePlot(QWidget* parent = nullptr);
  void setRun(const amla::SimulationRun* run);
  // The run's point on a level's roof (FLOP per byte of that level, TFLOPS), for tests; (0, 0)
  // when the level is unused or no run is shown.
  QPointF levelPoint(amla::RoofLevel level) const;
  // The HBM point: the classic roofline's.
  QPointF runPoint() const { return levelPoint(amla::RoofLevel::kHbm); }
  // Whether a level's roof and point are shown.
  bool levelShown(amla::RoofLevel level) const;
  // The labels on the plot (their rectangles and the lines they avoid, from the last draw).
  const RoofLabelsItem* labels() const { return labels_; }
  // The words shown in place of the roofline when there is nothing to draw; empty otherwise.
  QString emptyText() const;

 private:
  std::array<PolylineItem*, amla::kRoofLevelCount> roofs_{};
  std::array<QwtPlotMarker*, amla::kRoofLevelCount> points_{};
  QwtPlotMarker* peak_;
  RoofLabelsItem* labels_;
  QwtPlotGrid* grid_;
  QwtPlotTextLabel* empty_text_;
  // Hides the roofs and shows `why` instead (no axes, no grid, no legend).
  void showEmpty(const QString& why);
};

}  // namespace amla::ui
