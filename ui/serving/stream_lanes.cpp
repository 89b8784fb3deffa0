#include "ui/serving/stream_lanes.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace amla::ui {

namespace {

QColor microbatch_colour(int m) {
  static const QColor colours[] = {QColor(0, 114, 178), QColor(230, 159, 0), QColor(0, 158, 115),
                                   QColor(204, 121, 167)};
  return colours[m % 4];
}

// A round step for the time axis's ticks.
double tick_step(double span) {
  const double raw = span / 6;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * power >= raw) return m * power;
  }
  return 10 * power;
}

}  // namespace

StreamLanes::StreamLanes(QWidget* parent) : QWidget(parent) {
  setAutoFillBackground(true);
  QPalette p = palette();
  p.setColor(QPalette::Window, Qt::white);
  setPalette(p);
  setToolTip(
      tr("Stream 0: MLAProlog, the MLA attention kernel (the darker part, simulated) and "
         "the O projection. Stream 1: gate, dispatch, MoE MLP and combine. One box per "
         "microbatch and layer; colours are microbatches."));
}

void StreamLanes::setStages(std::vector<StreamStage> stages, double attention_us) {
  stages_ = std::move(stages);
  attention_us_ = attention_us;
  update();
}

void StreamLanes::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const QFontMetrics fm(font());
  const int label_w = fm.horizontalAdvance(tr("attention")) + 12;
  const int axis_h = fm.height() + 8;
  const QRect area(label_w, 4, width() - label_w - 8, height() - axis_h - 8);
  if (stages_.empty() || area.width() < 20) {
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawText(rect(), Qt::AlignCenter, tr("Run the decode model to see its two streams."));
    return;
  }
  double end = 0;
  for (const StreamStage& s : stages_) end = std::max(end, s.end_us);
  const auto x_of = [&](double us) { return area.left() + us / end * area.width(); };
  const double lane_h = area.height() / 2.0;
  for (int lane = 0; lane < 2; ++lane) {
    const QRectF row(area.left(), area.top() + lane * lane_h, area.width(), lane_h);
    painter.setPen(Qt::black);
    painter.drawText(QRectF(0, row.top(), label_w - 6, row.height()),
                     Qt::AlignRight | Qt::AlignVCenter, lane == 0 ? tr("attention") : tr("MoE"));
    painter.setPen(QPen(QColor(220, 220, 220)));
    painter.drawLine(row.bottomLeft(), row.bottomRight());
  }
  for (const StreamStage& s : stages_) {
    const QRectF box(x_of(s.start_us), area.top() + s.stream * lane_h + 4,
                     std::max(1.0, x_of(s.end_us) - x_of(s.start_us)), lane_h - 8);
    painter.setPen(QPen(Qt::white, 1));
    painter.setBrush(microbatch_colour(s.microbatch));
    painter.drawRect(box);
    // Stream 0's box: the attention kernel's part drawn darker, the rest is MLAProlog + O proj.
    if (s.stream == 0 && attention_us_ > 0) {
      const double w = box.width() * std::min(1.0, attention_us_ / (s.end_us - s.start_us));
      painter.setBrush(microbatch_colour(s.microbatch).darker(140));
      painter.drawRect(QRectF(box.left(), box.top(), w, box.height()));
    }
    const QString label = tr("L%1 mb%2").arg(s.layer + 1).arg(s.microbatch);
    if (fm.horizontalAdvance(label) + 6 < box.width()) {
      painter.setPen(Qt::white);
      painter.drawText(box, Qt::AlignCenter, label);
    }
  }
  // The time axis, in µs.
  painter.setPen(Qt::black);
  const int axis_y = area.bottom() + 2;
  painter.drawLine(area.left(), axis_y, area.right(), axis_y);
  const double step = tick_step(end);
  for (double t = 0; t <= end + 1e-9; t += step) {
    const double x = x_of(t);
    painter.drawLine(QPointF(x, axis_y), QPointF(x, axis_y + 4));
    const QString text = QString::number(t, 'f', 0);
    painter.drawText(QRectF(x - 40, axis_y + 4, 80, fm.height()), Qt::AlignHCenter, text);
  }
  painter.drawText(QRectF(0, axis_y + 4, label_w - 6, fm.height()), Qt::AlignRight,
                   QStringLiteral("\u00B5s"));
}

}  // namespace amla::ui
