#pragma once
// PASA's (mean, Am) grid on the Numerics page: runs the grid in the background with the run
// controls' sizes, blocking and PASA switches on the chosen PASA distribution, and shows log10
// relative RMSE of plain FP16 and of PASA side by side (blank where the output overflowed).
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "core/numerics/pasa_grid.h"
#include "ui/numerics/numerics_worker.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace amla::ui {

class BackgroundJob;
class HeatmapPlot;

class PasaGridPanel : public QWidget {
  Q_OBJECT

 public:
  explicit PasaGridPanel(QWidget* parent = nullptr);

  // The run controls' current request (nothing while they are invalid).
  void setRequest(std::optional<NumericsRequest> request);
  void startGrid();
  bool isRunning() const;

  HeatmapPlot* fp16Plot() const { return fp16_plot_; }
  HeatmapPlot* pasaPlot() const { return pasa_plot_; }
  QComboBox* distributionCombo() const { return distribution_combo_; }
  QString status() const;

 signals:
  void gridCompleted(bool ok);

 private:
  void onFinished();

  BackgroundJob* job_;
  QComboBox* distribution_combo_;
  QPushButton* run_button_;
  QPushButton* cancel_button_;
  QProgressBar* progress_;
  QLabel* status_;
  HeatmapPlot* fp16_plot_;
  HeatmapPlot* pasa_plot_;
  std::optional<NumericsRequest> request_;
};

}  // namespace amla::ui
