#include "ui/studio/roofline_plot.h"

#include "ui/common/polyline_item.h"
#include "ui/studio/roof_labels_item.h"

#include <qwt_legend.h>
#include <qwt_plot_grid.h>
#include <qwt_plot_item.h>
#include <qwt_plot_marker.h>
#include <qwt_plot_textlabel.h>
#include <qwt_scale_engine.h>
#include <qwt_symbol.h>
#include <qwt_text.h>

#include <QPainter>
#include <QPen>
#include <algorithm>
#include <cmath>

namespace amla::ui {

namespace {

// Colour-blind-safe (Okabe-Ito) colours, one per level, in RoofLevel order.
QColor level_colour(int i) {
  static const QColor colours[] = {QColor(0, 114, 178), QColor(0, 158, 115), QColor(213, 94, 0),
                                   QColor(204, 121, 167), QColor(230, 159, 0)};
  return colours[i % 5];
}

// A text label that wraps within the canvas: Qwt's own places the text's one-line size in the
// canvas, so a sentence wider than a narrow plot would be cut at both sides.
class WrappedTextLabel : public QwtPlotTextLabel {
 protected:
  QRectF textRect(const QRectF& rect, const QSizeF&) const override { return rect; }
};

QString bandwidth_text(double gb_per_s) {
  return gb_per_s >= 1000 ? QObject::tr("%1 TB/s").arg(gb_per_s / 1000, 0, 'f', 1)
                          : QObject::tr("%1 GB/s").arg(gb_per_s, 0, 'f', 0);
}

}  // namespace

RooflinePlot::RooflinePlot(QWidget* parent) : QwtPlot(parent) {
  setTitle(tr("Hierarchical roofline"));
  setCanvasBackground(Qt::white);
  setAxisScaleEngine(QwtPlot::xBottom, new QwtLogScaleEngine());
  setAxisScaleEngine(QwtPlot::yLeft, new QwtLogScaleEngine());
  setAxisTitle(QwtPlot::xBottom, tr("arithmetic intensity (FLOP per byte of each level)"));
  setAxisTitle(QwtPlot::yLeft, tr("TFLOPS"));
  grid_ = new QwtPlotGrid();
  grid_->setMajorPen(QPen(QColor(220, 220, 220), 0, Qt::DotLine));
  grid_->attach(this);
  empty_text_ = new WrappedTextLabel();
  empty_text_->setZ(40);
  empty_text_->attach(this);
  peak_ = new QwtPlotMarker();
  peak_->setLineStyle(QwtPlotMarker::HLine);
  peak_->setLinePen(QPen(QColor(40, 40, 40), 1.5, Qt::DashLine));
  peak_->attach(this);
  labels_ = new RoofLabelsItem();
  labels_->attach(this);
  for (int i = 0; i < kRoofLevelCount; ++i) {
    roofs_[static_cast<std::size_t>(i)] = new PolylineItem(true);
    roofs_[static_cast<std::size_t>(i)]->attach(this);
    auto* point = new QwtPlotMarker();
    point->setZ(30);
    point->setSymbol(
        new QwtSymbol(QwtSymbol::Ellipse, QBrush(level_colour(i)), QPen(Qt::black), QSize(10, 10)));
    point->setItemAttribute(QwtPlotItem::Legend, false);
    point->attach(this);
    points_[static_cast<std::size_t>(i)] = point;
  }
  insertLegend(new QwtLegend(), QwtPlot::BottomLegend);
  setRun(nullptr);
}

QPointF RooflinePlot::levelPoint(RoofLevel level) const {
  const QwtPlotMarker* m = points_[static_cast<std::size_t>(level)];
  return m->isVisible() ? m->value() : QPointF();
}

bool RooflinePlot::levelShown(RoofLevel level) const {
  return roofs_[static_cast<std::size_t>(level)]->isVisible();
}

QString RooflinePlot::emptyText() const {
  return empty_text_->isVisible() ? empty_text_->text().text() : QString();
}

void RooflinePlot::showEmpty(const QString& why) {
  QwtText text(why);
  text.setRenderFlags(Qt::AlignCenter | Qt::TextWordWrap);
  QFont font = this->font();
  font.setPointSizeF(font.pointSizeF() * 1.15);
  text.setFont(font);
  text.setColor(QColor(70, 70, 70));
  empty_text_->setText(text);
  empty_text_->setMargin(24);
  empty_text_->setVisible(true);
  setTitle(tr("Hierarchical roofline"));
  replot();
}

void RooflinePlot::setRun(const amla::SimulationRun* run) {
  for (int i = 0; i < kRoofLevelCount; ++i) {
    roofs_[static_cast<std::size_t>(i)]->setVisible(false);
    roofs_[static_cast<std::size_t>(i)]->setItemAttribute(QwtPlotItem::Legend, false);
    points_[static_cast<std::size_t>(i)]->setVisible(false);
  }
  labels_->setRoofs({}, 0, QString(), {});
  // Without a point to place, logarithmic axes would span down to 1e-100: words instead.
  QString why;
  if (!run) {
    why = tr("No run yet: run a simulation to see its roofline.");
  } else if (run->is_profile()) {
    why =
        tr("No roofline for an imported profile: it carries no FLOP counts, so the run has no "
           "point on any roof. Its time and busiest pipe are in the table.");
  } else if (run->metrics.total_flops <= 0) {
    why = tr("No roofline: the run did no floating-point work.");
  }
  const bool empty = !why.isEmpty();
  peak_->setVisible(!empty);
  grid_->setVisible(!empty);
  empty_text_->setVisible(empty);
  enableAxis(QwtPlot::xBottom, !empty);
  enableAxis(QwtPlot::yLeft, !empty);
  updateLegend();
  if (empty) {
    showEmpty(why);
    return;
  }
  const Roofline& roof = run->metrics.roofline;
  const double achieved = std::max(roof.achieved_tflops, 1e-3);
  // The x range covers every used level's point and ridge with an octave of margin.
  double x0 = 1e300, x1 = 0, y0 = achieved;
  for (const RoofCeiling& c : roof.ceilings) {
    if (c.bytes <= 0) continue;
    x0 = std::min({x0, c.intensity, c.ridge});
    x1 = std::max({x1, c.intensity, c.ridge});
  }
  if (x1 <= 0) x0 = x1 = 1;
  x0 /= 4;
  x1 *= 4;
  std::vector<RoofLabelsItem::Roof> labelled;
  std::vector<QPointF> run_points;
  for (int i = 0; i < kRoofLevelCount; ++i) {
    const RoofCeiling& c = roof.ceilings[static_cast<std::size_t>(i)];
    if (c.bytes <= 0) continue;
    PolylineItem* item = roofs_[static_cast<std::size_t>(i)];
    QVector<QPointF> line;
    const double tb_per_s = c.bandwidth_gb_per_s / 1000.0;  // TFLOPS per (FLOP/B)
    for (int k = 0; k <= 64; ++k) {
      const double x = x0 * std::pow(x1 / x0, k / 64.0);
      line.append(QPointF(x, std::min(roof.peak_tflops, tb_per_s * x)));
    }
    y0 = std::min(y0, tb_per_s * x0);
    item->setPoints(line);
    const bool limit = i == roof.limit;
    item->setPen(QPen(level_colour(i), limit ? 2.5 : 1.5, limit ? Qt::SolidLine : Qt::DashLine));
    item->setTitle(tr("%1%2: %3, run at %4% of its roof")
                       .arg(limit ? QStringLiteral("\u25B6 ") : QString())
                       .arg(QString::fromLatin1(roof_level_label(c.level)))
                       .arg(bandwidth_text(c.bandwidth_gb_per_s))
                       .arg(100.0 * c.use, 0, 'f', 0));
    item->setVisible(true);
    item->setItemAttribute(QwtPlotItem::Legend, true);
    QwtPlotMarker* point = points_[static_cast<std::size_t>(i)];
    point->setValue(c.intensity, achieved);
    point->setVisible(true);
    labelled.push_back({line,
                        tr("%1 %2").arg(QString::fromLatin1(roof_level_label(c.level)),
                                        bandwidth_text(c.bandwidth_gb_per_s)),
                        level_colour(i)});
    run_points.push_back(point->value());
  }
  peak_->setValue(0, roof.peak_tflops);
  labels_->setRoofs(std::move(labelled), roof.peak_tflops,
                    tr("Cube peak %1 TFLOPS").arg(roof.peak_tflops, 0, 'f', 0),
                    std::move(run_points));
  setTitle(tr("Hierarchical roofline: %1 TFLOPS (%2% of peak), limited by %3")
               .arg(run->metrics.tflops, 0, 'f', 1)
               .arg(100.0 * run->metrics.flops_utilization, 0, 'f', 1)
               .arg(QString::fromLatin1(roof.limit_label())));
  setAxisScale(QwtPlot::xBottom, x0, x1);
  // Low enough to show each roof's slope, never so low the run's band is squeezed flat; room
  // above the peak line for its label.
  setAxisScale(QwtPlot::yLeft, std::max({1e-3, y0 / 2.0, achieved / 16.0}), roof.peak_tflops * 3.0);
  replot();
}

}  // namespace amla::ui
