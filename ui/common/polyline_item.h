#pragma once
// A polyline plot item with a legend entry. A plain QwtPlotItem: Qwt 6.1's QwtPlotCurve does not
// compile as C++20 (its QwtSeriesStore declares a destructor with a template-id), so the
// roofline's roofs and the Serving page's curve draw through this.
#include <qwt_plot_item.h>

#include <QPen>
#include <QPointF>
#include <QVector>

namespace amla::ui {

class PolylineItem : public QwtPlotItem {
 public:
  // `with_dot`: the legend icon carries a dot in the line's colour (the roofline's points).
  explicit PolylineItem(bool with_dot = false);
  int rtti() const override;
  void setPoints(QVector<QPointF> points);
  const QVector<QPointF>& points() const { return points_; }
  void setPen(const QPen& pen) { pen_ = pen; }
  void draw(QPainter* painter, const QwtScaleMap& x, const QwtScaleMap& y,
            const QRectF& canvas) const override;
  QList<QwtLegendData> legendData() const override;
  QwtGraphic legendIcon(int index, const QSizeF& size) const override;

 private:
  QVector<QPointF> points_;
  QPen pen_;
  bool with_dot_;
};

}  // namespace amla::ui
