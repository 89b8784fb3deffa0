#include "ui/sensitivity/tornado_item.h"

#include <qwt_scale_map.h>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/buffers/plot_style.h"

namespace amla::ui {

namespace {

// Each bar takes this much of its half of the row, so neighbouring rows stay apart.
constexpr double kBarFill = 0.8;

QString percent_text(double delta, bool minus) {
  return QStringLiteral("%1%2%")
      .arg(minus ? QChar(0x2212) : QChar('+'))
      .arg(100.0 * delta, 0, 'g', 3);
}

}  // namespace

TornadoItem::TornadoItem() {
  setZ(10);
  setItemAttribute(QwtPlotItem::AutoScale, true);
}

QColor TornadoItem::minusColor() { return QColor(0x3b, 0x6e, 0xb4); }
QColor TornadoItem::plusColor() { return QColor(0xe0, 0x7b, 0x39); }

void TornadoItem::setResult(std::shared_ptr<const amla::SensitivityResult> result) {
  result_ = std::move(result);
  itemChanged();
}

int TornadoItem::rtti() const { return QwtPlotItem::Rtti_PlotUserItem + 41; }

QRectF TornadoItem::boundingRect() const {
  if (!result_ || result_->params.empty()) return QRectF(1.0, 1.0, -2.0, -2.0);  // invalid
  double lo = result_->makespan_us, hi = lo;
  for (const amla::SensitivityParam& p : result_->params) {
    for (const amla::SensitivityEnd* e : {&p.minus, &p.plus}) {
      if (!e->makespan_us) continue;
      lo = std::min(lo, *e->makespan_us);
      hi = std::max(hi, *e->makespan_us);
    }
  }
  return QRectF(lo, -0.5, hi - lo, static_cast<double>(result_->params.size()));
}

void TornadoItem::draw(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
                       const QRectF& canvas_rect) const {
  if (!result_) return;
  painter->save();
  painter->setFont(plot_font(9));
  for (int row = 0; row < static_cast<int>(result_->params.size()); ++row) {
    const amla::SensitivityParam& p = result_->params[static_cast<std::size_t>(row)];
    drawEnd(painter, x_map, y_map, row, p.minus, true);
    drawEnd(painter, x_map, y_map, row, p.plus, false);
  }
  drawLegend(painter, canvas_rect);
  painter->restore();
}

void TornadoItem::drawEnd(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
                          int row, const amla::SensitivityEnd& end, bool minus) const {
  // The minus bar in the upper half of the row, the plus bar in the lower half (rows run down).
  const double top = minus ? row - 0.5 * kBarFill : static_cast<double>(row);
  const double bottom = minus ? static_cast<double>(row) : row + 0.5 * kBarFill;
  const double y0 = y_map.transform(top), y1 = y_map.transform(bottom);
  const double base_x = x_map.transform(result_->makespan_us);
  const QColor color = minus ? minusColor() : plusColor();
  const QFontMetricsF metrics(painter->font());
  QString text;
  double text_x = base_x;
  bool to_right = true;
  if (end.makespan_us) {
    const double end_x = x_map.transform(*end.makespan_us);
    const QRectF bar(QPointF(std::min(base_x, end_x), std::min(y0, y1)),
                     QPointF(std::max(base_x, end_x), std::max(y0, y1)));
    painter->setPen(QPen(color.darker(130), 0.8));
    painter->setBrush(color);
    // A bar of no width still shows as a tick at the baseline.
    painter->drawRect(bar.width() < 1 ? bar.adjusted(-0.5, 0, 0.5, 0) : bar);
    const double change = *end.makespan_us - result_->makespan_us;
    text = QStringLiteral("%1: %2 \u00b5s (%3%4)")
               .arg(percent_text(result_->delta, minus))
               .arg(*end.makespan_us, 0, 'f', 2)
               .arg(change >= 0 ? QStringLiteral("+") : QString())
               .arg(change, 0, 'f', 2);
    if (end.same_as_baseline) text += QStringLiteral(", value unchanged");
    to_right = *end.makespan_us >= result_->makespan_us;
    text_x = end_x;
  } else {
    text = QStringLiteral("%1: not run (%2)")
               .arg(percent_text(result_->delta, minus), QString::fromStdString(end.error));
  }
  const double width = metrics.horizontalAdvance(text);
  QRectF label(0, std::min(y0, y1), width, std::fabs(y1 - y0));
  label.moveLeft(to_right ? text_x + 4 : text_x - 4 - width);
  painter->setPen(QColor(0x30, 0x30, 0x30));
  painter->drawText(label, Qt::AlignVCenter | Qt::AlignLeft, text);
}

void TornadoItem::drawLegend(QPainter* painter, const QRectF& canvas_rect) const {
  const QFontMetricsF metrics(painter->font());
  const double line = metrics.height();
  double y = canvas_rect.bottom() - 2.4 * line;
  for (const bool minus : {true, false}) {
    const QString text =
        QStringLiteral("parameter x %1").arg(1 + (minus ? -1 : 1) * result_->delta);
    const double x = canvas_rect.right() - metrics.horizontalAdvance(text) - line - 10;
    painter->setPen(Qt::NoPen);
    painter->setBrush(minus ? minusColor() : plusColor());
    painter->drawRect(QRectF(x, y + 0.2 * line, 0.7 * line, 0.6 * line));
    painter->setPen(QColor(0x30, 0x30, 0x30));
    painter->drawText(QPointF(x + line, y + metrics.ascent()), text);
    y += line * 1.1;
  }
}

}  // namespace amla::ui
