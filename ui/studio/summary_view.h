#pragma once
// The Summary page: the run's metrics (makespan, TFLOPS and utilisation, HBM and L2 traffic and
// bandwidth, bound, load balance), busy and bubbles per pipe, the roofline, and "Why": where the
// makespan went along the critical path, the bound as unit and pipe, and what to change.
#include <QWidget>

#include "ui/common/plot_source.h"
#include "ui/studio/simulation_worker.h"

class QTableWidget;
class QLabel;
class QTabWidget;

namespace amla::ui {

class RooflinePlot;
class SensitivityPanel;

class SummaryView : public QWidget, public PlotSource {
  Q_OBJECT

 public:
  explicit SummaryView(QWidget* parent = nullptr);
  void setRun(SimulationPtr run);
  QwtPlot* currentPlot() const override;
  // The text of the metrics table cell for a metric name, for tests.
  QString metricText(const QString& name) const;
  RooflinePlot* roofline() const { return roofline_; }
  // The Sensitivity tab beside the roofline: the tornado chart of the shown run.
  SensitivityPanel* sensitivity() const { return sensitivity_; }
  void showSensitivity();
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
  QTabWidget* plots_;
  SensitivityPanel* sensitivity_;
};

}  // namespace amla::ui
