#pragma once
// The Sweep page: pick one or two knobs and their values, a metric and the number of jobs; Run
// simulates every combination on top of the studio's configuration, in parallel, with a progress
// bar (cells per second, time left) and Cancel; the heatmap fills in as cells finish. A click on
// a valid cell asks the studio to open that run; "Compare with best" asks it to compare the best
// cell with the current run. "Open store..." shows a result store (amla-cli sweep --store): any
// two of the knobs that vary in it as the heatmap, every other one held at a chosen value.
#include <QWidget>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/kernel/config_json.h"
#include "core/session/studio_session.h"
#include "core/store/store_slice.h"
#include "core/sweep/sweep.h"
#include "ui/common/plot_source.h"
#include "ui/sweep/sweep_worker.h"

class QComboBox;
class QElapsedTimer;
class QFormLayout;
class QGroupBox;
class QLabel;
class QTimer;
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
  // The knobs, values, metric and jobs as a session keeps them; setting them back returns what
  // it could not restore (a knob or metric this build does not have), empty when all was.
  amla::SweepPageState controlsState() const;
  QString setControlsState(const amla::SweepPageState& state);
  // The last sweep that finished, or null; a cancelled or failed sweep leaves it as it was.
  const amla::SweepResult* lastResult() const { return result_.get(); }
  bool isRunning() const;
  SweepHeatmap* heatmap() const { return heatmap_; }
  // The store opened last, or null.
  const amla::StoreContents* store() const { return store_.get(); }
  // Reads a result store and shows it; false (with the reason in the status line) when it
  // cannot be read or its cells differ in no knob.
  bool openStore(const QString& path);
  // The store's grid of `rows` x `columns` ("" for none), the other varying knobs at `fixed`.
  void showStoreSlice(const QString& rows, const QString& columns,
                      const std::map<std::string, std::string>& fixed = {});

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
  void onCellFinished(int index, SweepCellPtr cell);
  void refreshLiveHeatmap();
  void chooseStoreFile();
  // Rebuilds the held-knob choosers for the chosen rows and columns, then redraws the slice.
  void rebuildStoreChoosers(const std::map<std::string, std::string>& fixed);
  void redrawStoreSlice();
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
  // The sweep in progress as the heatmap shows it: pending cells fill in as they finish.
  std::shared_ptr<amla::SweepResult> live_;
  QTimer* live_timer_;
  std::unique_ptr<QElapsedTimer> live_clock_;
  int live_done_ = 0;
  // The opened store and its controls.
  std::shared_ptr<const amla::StoreContents> store_;
  QPushButton* open_store_;
  QGroupBox* store_box_;
  QLabel* store_label_;
  QComboBox* store_rows_;
  QComboBox* store_columns_;
  QFormLayout* store_fixed_form_;
  std::vector<std::pair<std::string, QComboBox*>> store_fixed_;
  bool updating_store_controls_ = false;
};

}  // namespace amla::ui
