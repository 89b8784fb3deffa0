#include "ui/common/polyline_item.h"

#include <qwt_graphic.h>
#include <qwt_legend_data.h>
#include <qwt_scale_map.h>
#include <qwt_text.h>

#include <QPainter>

namespace amla::ui {

PolylineItem::PolylineItem(bool with_dot) : with_dot_(with_dot) {
  setItemAttribute(QwtPlotItem::Legend, true);
  setItemAttribute(QwtPlotItem::AutoScale, false);
  setRenderHint(QwtPlotItem::RenderAntialiased, true);
  setZ(20);
}

int PolylineItem::rtti() const { return QwtPlotItem::Rtti_PlotUserItem + 7; }

void PolylineItem::setPoints(QVector<QPointF> points) {
  points_ = std::move(points);
  itemChanged();
}

void PolylineItem::draw(QPainter* painter, const QwtScaleMap& x, const QwtScaleMap& y,
                        const QRectF&) const {
  if (points_.size() < 2) return;
  QPolygonF line;
  for (const QPointF& p : points_) line << QPointF(x.transform(p.x()), y.transform(p.y()));
  painter->setPen(pen_);
  painter->drawPolyline(line);
}

QList<QwtLegendData> PolylineItem::legendData() const {
  QwtLegendData data;
  data.setValue(QwtLegendData::TitleRole, QVariant::fromValue(title()));
  data.setValue(QwtLegendData::IconRole, QVariant::fromValue(legendIcon(0, QSizeF(22, 10))));
  return {data};
}

QwtGraphic PolylineItem::legendIcon(int, const QSizeF& size) const {
  QwtGraphic icon;
  icon.setDefaultSize(size);
  QPainter painter(&icon);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(pen_);
  painter.drawLine(QPointF(0, size.height() / 2), QPointF(size.width(), size.height() / 2));
  if (with_dot_) {
    painter.setBrush(pen_.color());
    painter.setPen(QPen(Qt::black, 0.5));
    painter.drawEllipse(QPointF(size.width() / 2, size.height() / 2), 3, 3);
  }
  return icon;
}

}  // namespace amla::ui
