#include "ui/studio/roofline_plot.h"

#include <qwt_legend.h>
#include <qwt_legend_data.h>
#include <qwt_plot_grid.h>
#include <qwt_plot_item.h>
#include <qwt_plot_marker.h>
#include <qwt_scale_engine.h>
#include <qwt_scale_map.h>
#include <qwt_symbol.h>
#include <qwt_text.h>

#include <qwt_graphic.h>
#include <QPainter>
#include <QPen>
#include <algorithm>
#include <cmath>

namespace amla::ui {

// The roof as a polyline. A plain QwtPlotItem: Qwt 6.1's QwtPlotCurve does not compile as
// C++20 (its QwtSeriesStore declares a destructor with a template-id).
class RoofItem : public QwtPlotItem {
 public:
  explicit RoofItem(const QString& title) : QwtPlotItem(QwtText(title)) {
    setItemAttribute(QwtPlotItem::Legend, true);
    setItemAttribute(QwtPlotItem::AutoScale, false);
    setRenderHint(QwtPlotItem::RenderAntialiased, true);
    setZ(20);
  }
  int rtti() const override { return QwtPlotItem::Rtti_PlotUserItem + 7; }
  void setPoints(QVector<QPointF> points) {
    points_ = std::move(points);
    itemChanged();
  }
  void setPen(const QPen& pen) { pen_ = pen; }
  void draw(QPainter* painter, const QwtScaleMap& x, const QwtScaleMap& y,
            const QRectF&) const override {
    if (points_.size() < 2) return;
    QPolygonF line;
    for (const QPointF& p : points_) line << QPointF(x.transform(p.x()), y.transform(p.y()));
    painter->setPen(pen_);
    painter->drawPolyline(line);
  }
  QList<QwtLegendData> legendData() const override {
    QwtLegendData data;
    data.setValue(QwtLegendData::TitleRole, QVariant::fromValue(title()));
    data.setValue(QwtLegendData::IconRole, QVariant::fromValue(legendIcon(0, QSizeF(16, 8))));
    return {data};
  }
  QwtGraphic legendIcon(int, const QSizeF& size) const override {
    QwtGraphic icon;
    icon.setDefaultSize(size);
    QPainter painter(&icon);
    painter.setPen(pen_);
    painter.drawLine(QPointF(0, size.height() / 2), QPointF(size.width(), size.height() / 2));
    return icon;
  }

 private:
  QVector<QPointF> points_;
  QPen pen_;
};

RooflinePlot::RooflinePlot(QWidget* parent) : QwtPlot(parent) {
  setTitle(tr("Roofline"));
  setCanvasBackground(Qt::white);
  setAxisScaleEngine(QwtPlot::xBottom, new QwtLogScaleEngine());
  setAxisScaleEngine(QwtPlot::yLeft, new QwtLogScaleEngine());
  setAxisTitle(QwtPlot::xBottom, tr("arithmetic intensity (FLOP per HBM byte)"));
  setAxisTitle(QwtPlot::yLeft, tr("TFLOPS"));
  auto* grid = new QwtPlotGrid();
  grid->setMajorPen(QPen(QColor(220, 220, 220), 0, Qt::DotLine));
  grid->attach(this);
  roof_ = new RoofItem(tr("attainable: min(peak, HBM x intensity)"));
  roof_->setPen(QPen(QColor(40, 40, 40), 2));
  roof_->attach(this);
  ridge_ = new QwtPlotMarker();
  ridge_->setSymbol(
      new QwtSymbol(QwtSymbol::Diamond, QBrush(Qt::gray), QPen(Qt::black), QSize(9, 9)));
  ridge_->setLabelAlignment(Qt::AlignRight | Qt::AlignBottom);
  ridge_->attach(this);
  run_marker_ = new QwtPlotMarker();
  run_marker_->setSymbol(new QwtSymbol(QwtSymbol::Ellipse, QBrush(QColor(214, 39, 40)),
                                       QPen(Qt::black), QSize(11, 11)));
  run_marker_->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
  run_marker_->attach(this);
  insertLegend(new QwtLegend(), QwtPlot::BottomLegend);
  setRun(nullptr);
}

void RooflinePlot::setRun(const amla::SimulationRun* run) {
  if (!run || run->metrics.hbm_bytes <= 0) {
    roof_->setPoints({});
    run_marker_->setVisible(false);
    ridge_->setVisible(false);
    replot();
    return;
  }
  const double peak = run->metrics.peak_tflops;
  const double bandwidth_tb = run->hardware.hbm_total_gb_per_s() / 1000.0;  // TB/s
  const double ridge = peak / bandwidth_tb;                                 // FLOP per byte
  const double intensity = run->metrics.total_flops / run->metrics.hbm_bytes;
  point_ = QPointF(intensity, std::max(run->metrics.tflops, 1e-3));
  const double x0 = std::min(intensity, ridge) / 8.0;
  const double x1 = std::max(intensity, ridge) * 8.0;
  QVector<QPointF> roof;
  for (int i = 0; i <= 64; ++i) {
    const double x = x0 * std::pow(x1 / x0, i / 64.0);
    roof.append(QPointF(x, std::min(peak, bandwidth_tb * x)));
  }
  roof_->setPoints(roof);
  ridge_->setValue(ridge, peak);
  ridge_->setLabel(QwtText(tr("ridge %1 FLOP/B").arg(ridge, 0, 'f', 0)));
  ridge_->setVisible(true);
  run_marker_->setValue(point_);
  run_marker_->setLabel(QwtText(tr("this run: %1 TFLOPS (%2%), bound: %3")
                                    .arg(run->metrics.tflops, 0, 'f', 1)
                                    .arg(100.0 * run->metrics.flops_utilization, 0, 'f', 1)
                                    .arg(QString::fromStdString(run->metrics.bound))));
  run_marker_->setVisible(true);
  setAxisScale(QwtPlot::xBottom, x0, x1);
  setAxisScale(QwtPlot::yLeft, std::max(1e-3, std::min(point_.y(), bandwidth_tb * x0) / 2.0),
               peak * 2.0);
  replot();
}

}  // namespace amla::ui
