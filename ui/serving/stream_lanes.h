#pragma once
// The decode step's two streams as timeline lanes: stream 0 (MLAProlog, attention, O projection)
// and stream 1 (gate, dispatch, MoE MLP, combine), one box per microbatch and layer from the
// model's own schedule, coloured by microbatch, for the first layers of the step.
#include <QWidget>
#include <vector>

#include "core/serving/decode_model.h"

namespace amla::ui {

class StreamLanes : public QWidget {
  Q_OBJECT

 public:
  explicit StreamLanes(QWidget* parent = nullptr);
  // The stages to draw (the first layers of a schedule); empty clears the lanes.
  void setStages(std::vector<amla::StreamStage> stages, double attention_us);
  const std::vector<amla::StreamStage>& stages() const { return stages_; }
  QSize minimumSizeHint() const override { return {320, 120}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::vector<amla::StreamStage> stages_;
  double attention_us_ = 0;
};

}  // namespace amla::ui
