#include "ui/buffers/capacity_marker.h"

#include <qwt_text.h>

#include <QPainter>

namespace amla::ui {

namespace {
constexpr double kMargin = 2;  // from the line and the canvas's edges
}  // namespace

CapacityMarker::CapacityMarker() {
  setLineStyle(QwtPlotMarker::HLine);
  setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
}

QRectF CapacityMarker::labelRect(const QRectF& canvas_rect, double line_y, const QSizeF& size) {
  const double left = canvas_rect.right() - kMargin - size.width();
  const bool room_above = line_y - kMargin - size.height() >= canvas_rect.top();
  const double top = room_above ? line_y - kMargin - size.height() : line_y + kMargin;
  return QRectF(left, top, size.width(), size.height());
}

void CapacityMarker::drawLabel(QPainter* painter, const QRectF& canvas_rect,
                               const QPointF& pos) const {
  const QwtText text = label();
  if (text.isEmpty()) return;
  const QSizeF size = text.textSize(painter->font());
  text.draw(painter, labelRect(canvas_rect, pos.y(), size));
}

}  // namespace amla::ui
