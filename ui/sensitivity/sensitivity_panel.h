#pragma once
// The Summary page's Sensitivity tab: reruns the shown run with each estimated [E] or fitted [F]
// hardware parameter moved down and up (how far, and how many runs at once, are set here) in the
// background with progress and Cancel, then draws the tornado chart. A new run on the page
// clears the chart: it belonged to the previous configuration.
#include <QWidget>
#include <memory>

#include "core/kernel/config_json.h"
#include "core/run/sensitivity.h"
#include "ui/studio/simulation_worker.h"

class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace amla::ui {

class BackgroundJob;
class TornadoPlot;

class SensitivityPanel : public QWidget {
  Q_OBJECT

 public:
  explicit SensitivityPanel(QWidget* parent = nullptr);

  // The run whose configuration the next sensitivity moves; null: nothing to move.
  void setRun(SimulationPtr run);
  TornadoPlot* plot() const { return plot_; }
  bool isRunning() const;
  QString statusText() const;
  bool canExport() const;  // the Export... button is enabled

 public slots:
  void start();
  void cancel();

 signals:
  // The sensitivity finished (true) or failed / was cancelled (false).
  void runCompleted(bool ok);

 private:
  void onFinished();
  void onFailed(const QString& field, const QString& message);
  void onCancelled();
  void setRunning(bool running);
  QString subject() const;

  std::optional<amla::RunConfig> config_;
  // A run started for an earlier configuration ends quietly: its chart would be stale.
  int generation_ = 0;
  int started_generation_ = -1;
  BackgroundJob* job_;
  QDoubleSpinBox* delta_;
  QSpinBox* jobs_;
  QPushButton* run_;
  QPushButton* cancel_;
  QPushButton* export_;
  QProgressBar* progress_;
  QLabel* status_;
  TornadoPlot* plot_;
};

}  // namespace amla::ui
