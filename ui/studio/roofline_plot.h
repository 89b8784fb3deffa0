#pragma once
// The run's point on its machine's roofline: attainable TFLOPS = min(Cube peak, HBM bandwidth x
// arithmetic intensity), both axes logarithmic, with the ridge point marked.
#include <qwt_plot.h>

#include "core/run/simulation_run.h"

class QwtPlotMarker;

namespace amla::ui {

class RooflinePlot : public QwtPlot {
  Q_OBJECT

 public:
  explicit RooflinePlot(QWidget* parent = nullptr);
  void setRun(const amla::SimulationRun* run);
  // The plotted point (FLOP per HBM byte, TFLOPS), for tests.
  QPointF runPoint() const { return point_; }

 private:
  class RoofItem* roof_;
  QwtPlotMarker* ridge_;
  QwtPlotMarker* run_marker_;
  QPointF point_;
};

}  // namespace amla::ui
