#pragma once
// The Summary page: the run's metrics (makespan, TFLOPS and utilisation, HBM and L2 traffic and
// bandwidth, bound, load balance), busy and bubbles per pipe, the roofline, and "Why": where the
// makespan went along the critical path, the bound as unit and pipe, and what to change.
#include <QWidget>

#include "ui/common/plot_source.h"
#include "ui/studio/simulation_worker.h"

class QTableWidget;
class QLabel;

namespace amla::ui {

class RooflinePlot;

class SummaryView : public QWidget, public PlotSource {
  Q_OBJECT

 public:
  explicit SummaryView(QWidget* parent = nullptr);
  void setRun(SimulationPtr run);
  QwtPlot* currentPlot() const override;
  // The text of the metrics table cell for a metric name, for tests.
  QString metricText(const QString& name) const;
  RooflinePlot* roofline() const { return roofline_; }
  // The Why panel, for tests: the bound line, the attribution rows shown, the advice text.
  QString whyBound() const;
  int whyRows() const;
  QString whyAdvice() const;

 private:
  QLabel* headline_;
  void showWhy(const SimulationRun& run);

  QTableWidget* metrics_;
  QTableWidget* pipes_;
  QLabel* why_bound_;
  QTableWidget* why_;
  QLabel* why_advice_;
  RooflinePlot* roofline_;
};

}  // namespace amla::ui
