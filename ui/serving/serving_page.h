#pragma once
// The Serving page: the MLA kernel inside one DeepSeek-R1 decode step on a CloudMatrix384 die
// (core/serving). What-if fields for every decode parameter (from the decode parameter table,
// errors shown at the field), the kernel's variant and tiling from the studio's configuration,
// the step's figures, its two streams as lanes, and tokens/s against the kernel's speed, showing
// where the MoE stream takes over.
#include <QWidget>
#include <map>
#include <memory>

#include "core/kernel/config_json.h"
#include "core/run/run_metrics.h"
#include "core/serving/decode_model.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QwtPlot;
class QwtPlotMarker;

namespace amla::ui {

class BackgroundJob;
class PolylineItem;
class StreamLanes;

class ServingPage : public QWidget {
  Q_OBJECT

 public:
  explicit ServingPage(QWidget* parent = nullptr);
  // The studio's configuration: the kernel's variant, tiling and machine.
  void setBaseConfig(const amla::RunConfig& config);
  // The fields' values, or nullopt after marking the bad fields.
  std::optional<amla::DecodeParams> readParams();
  // Puts every decode parameter in its field (a lesson step's decode step).
  void setParams(const amla::DecodeParams& params);
  QwtPlot* speedPlot() const { return speed_plot_; }
  StreamLanes* lanes() const { return lanes_; }
  const amla::DecodeStep* lastStep() const { return step_ ? &step_->step : nullptr; }
  // The curve's points: (kernel speed-up, tokens/s per NPU).
  QVector<QPointF> speedCurve() const;

 public slots:
  void run();

 signals:
  void runFinished();

 private:
  struct Result {
    amla::DecodeParams params;
    amla::DecodeStep step;
    amla::SimulationMetrics kernel;
  };
  void showResult();
  void setFieldError(const std::string& flag, const QString& message);

  amla::RunConfig base_;
  std::map<std::string, QLineEdit*> fields_;  // by flag
  std::map<std::string, QLabel*> errors_;
  QPushButton* run_button_;
  QPushButton* cancel_button_;
  QProgressBar* progress_;
  QLabel* summary_;
  StreamLanes* lanes_;
  QwtPlot* speed_plot_;
  PolylineItem* curve_;
  QwtPlotMarker* here_;
  QwtPlotMarker* takeover_;
  BackgroundJob* job_;
  std::shared_ptr<const Result> step_;
};

}  // namespace amla::ui
