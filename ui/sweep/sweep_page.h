#pragma once
// The Sweep page: pick one or two knobs and their values, a metric and the number of jobs; Run
// simulates every combination on top of the studio's configuration, in parallel, with a progress
// bar and Cancel; the heatmap shows the result. A click on a valid cell asks the studio to open
// that run; "Compare with best" asks it to compare the best cell with the current run.
#include <QWidget>
#include <optional>
#include <vector>

#include "core/kernel/config_json.h"
#include "core/sweep/sweep.h"
#include "ui/common/plot_source.h"
#include "ui/sweep/sweep_worker.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace amla::ui {

class SweepHeatmap;

class SweepPage : public QWidget, public PlotSource {
  Q_OBJECT

 public:
  explicit SweepPage(QWidget* parent = nullptr);

  QwtPlot* currentPlot() const override;

  // The studio's current configuration: the sweep varies its knobs on top of it.
  void setBaseConfig(const amla::RunConfig& config);
  const amla::RunConfig& baseConfig() const { return base_; }
  // The last sweep that finished, or null; a cancelled or failed sweep leaves it as it was.
  const amla::SweepResult* lastResult() const { return result_.get(); }
  bool isRunning() const;
  SweepHeatmap* heatmap() const { return heatmap_; }

 public slots:
  // Runs what the controls describe; does nothing while they are invalid or a sweep is going.
  void startSweep();
  void cancelSweep();

 signals:
  void openRunRequested(const amla::RunConfig& config);
  void compareWithBestRequested(const amla::RunConfig& best);
  // Once per started sweep: true with a result, false when it failed or was cancelled.
  void sweepFinished(bool ok);

 private:
  // One parameter's controls: the knob, its values, and the error about them.
  struct ParameterFields {
    QComboBox* knob;
    QLineEdit* values;
    QLabel* error;
  };
  ParameterFields addParameterFields(int number, bool optional, const QString& knob,
                                     const QString& values);
  // Parses the fields, shows each error next to its field and enables Run accordingly.
  std::optional<std::vector<amla::SweepParameter>> validate();
  void onKnobChanged(const ParameterFields& fields);
  void onFinished(SweepResultPtr result);
  void onFailed(const QString& field, const QString& message);
  void onCancelled();
  void onCellClicked(int index);
  void setRunning(bool running);
  void showStatus(const QString& text, bool error);

  SweepWorker* worker_;
  amla::RunConfig base_;
  SweepResultPtr result_;
  ParameterFields first_;
  ParameterFields second_;
  QComboBox* metric_;
  QSpinBox* jobs_;
  QPushButton* run_;
  QPushButton* cancel_;
  QPushButton* compare_best_;
  QProgressBar* progress_;
  QLabel* status_;
  SweepHeatmap* heatmap_;
};

}  // namespace amla::ui
