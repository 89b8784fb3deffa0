#pragma once
// The Numerics page: run controls on the left; on the right the heatmaps next to the bit view,
// and below them the accuracy tables and the per-KV-block AMLA state of one row. Runs happen on
// a worker thread so the window stays responsive. The lower left also holds the step-through of
// one row. The per-block state is AMLA's or, when PASA
// ran, PASA's (a tab each).
#include <QWidget>

#include "ui/common/plot_source.h"
#include "ui/numerics/numerics_worker.h"

class QSpinBox;
class QTabWidget;
class QTableView;

namespace amla::ui {

class BitView;
class HeatmapPanel;
class MetricsView;
class RunControls;
class PasaGridPanel;
class PasaStateModel;
class StateTableModel;
class StepThroughPanel;

class NumericsPage : public QWidget, public PlotSource {
  Q_OBJECT

 public:
  explicit NumericsPage(QWidget* parent = nullptr);

  QwtPlot* currentPlot() const override;

  bool isRunning() const;
  RunPtr lastRun() const { return run_; }

  RunControls* controls() const { return controls_; }
  BitView* bitView() const { return bit_view_; }
  HeatmapPanel* heatmaps() const { return heatmaps_; }
  MetricsView* metrics() const { return metrics_; }
  StateTableModel* stateModel() const { return state_model_; }
  QSpinBox* stateRowSpin() const { return state_row_spin_; }
  QTableView* stateTable() const { return state_table_; }
  PasaStateModel* pasaStateModel() const { return pasa_state_model_; }
  QTabWidget* stateTabs() const { return state_tabs_; }
  PasaGridPanel* pasaGrid() const { return pasa_grid_; }
  StepThroughPanel* stepThrough() const { return step_through_; }
  QTabWidget* lowerTabs() const { return lower_tabs_; }

 public slots:
  // Runs what the controls describe; does nothing while they are invalid or a run is going.
  void startRun();
  void cancelRun();

 signals:
  // Emitted once per started run: true with results, false when it failed or was cancelled.
  void runCompleted(bool ok);

 private:
  void onRunFinished(RunPtr run);
  void onRunFailed(const QString& field, const QString& message);
  void onRunCancelled();
  void showStateRow(int row, int block);
  QWidget* buildStatePanel();

  NumericsWorker* worker_;
  RunControls* controls_;
  BitView* bit_view_;
  HeatmapPanel* heatmaps_;
  MetricsView* metrics_;
  StateTableModel* state_model_;
  QSpinBox* state_row_spin_;
  QTableView* state_table_;
  PasaStateModel* pasa_state_model_;
  QTableView* pasa_state_table_;
  QTabWidget* state_tabs_;
  PasaGridPanel* pasa_grid_;
  StepThroughPanel* step_through_;
  QTabWidget* lower_tabs_;
  RunPtr run_;
};

}  // namespace amla::ui
