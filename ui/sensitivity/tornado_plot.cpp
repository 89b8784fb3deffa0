#include "ui/sensitivity/tornado_plot.h"

#include <qwt_plot_canvas.h>
#include <qwt_plot_layout.h>
#include <qwt_plot_marker.h>
#include <qwt_scale_engine.h>
#include <QApplication>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "ui/buffers/plot_style.h"
#include "ui/common/screen_units.h"
#include "ui/sensitivity/tornado_item.h"
#include "ui/sweep/category_scale_draw.h"

namespace amla::ui {

namespace {

// Room beside the bars for the value labels, as a fraction of the bars' span on each side.
constexpr double kLabelRoom = 0.45;

}  // namespace

TornadoPlot::TornadoPlot(QWidget* parent) : QwtPlot(parent) {
  setAutoReplot(false);
  // A wider left margin: printed at a figure's DPI, the names come out a little wider than
  // measured.
  setContentsMargins(16, 8, 12, 6);
  setCanvasBackground(Qt::white);
  plotLayout()->setAlignCanvasToScales(true);
  if (auto* canvas = qobject_cast<QwtPlotCanvas*>(this->canvas())) {
    canvas->setFrameShape(QFrame::Box);
    canvas->setFrameShadow(QFrame::Plain);
    canvas->setLineWidth(1);
  }
  for (int axis : {QwtPlot::xBottom, QwtPlot::yLeft}) setAxisFont(axis, plot_font(9));
  bars_ = new TornadoItem();
  bars_->attach(this);
  baseline_ = new QwtPlotMarker();
  baseline_->setLineStyle(QwtPlotMarker::VLine);
  baseline_->setLinePen(QColor(0x20, 0x20, 0x20), 1.2, Qt::DashLine);
  baseline_->setZ(20);
  baseline_->attach(this);
  setMinimumSize(320, 200);
  canvas()->installEventFilter(this);
  setResult(nullptr, QString());
}

int TornadoPlot::rowAt(const QPoint& canvas_pos) const {
  if (!result_) return -1;
  const long row = std::lround(invTransform(QwtPlot::yLeft, canvas_pos.y()));
  return row >= 0 && row < shownRows() ? static_cast<int>(row) : -1;
}

QString TornadoPlot::rowToolTip(int row) const {
  if (!result_ || row < 0 || row >= static_cast<int>(result_->params.size())) return {};
  const amla::SensitivityParam& p = result_->params[static_cast<std::size_t>(row)];
  QString text = QStringLiteral("<b>%1</b> = %2<br>%3")
                     .arg(QString::fromStdString(p.name))
                     .arg(p.value, 0, 'g', 6)
                     .arg(screen_text(p.note).toHtmlEscaped());
  for (const bool minus : {true, false}) {
    const amla::SensitivityEnd& end = minus ? p.minus : p.plus;
    const QString at = QStringLiteral("<br>%1%2%: %3 = %4")
                           .arg(minus ? QChar(0x2212) : QChar('+'))
                           .arg(100.0 * result_->delta, 0, 'g', 3)
                           .arg(QString::fromStdString(p.name))
                           .arg(end.value, 0, 'g', 6);
    if (end.makespan_us) {
      text += tr("%1: makespan %2 \u00b5s, bound %3")
                  .arg(at)
                  .arg(*end.makespan_us, 0, 'f', 2)
                  .arg(QString::fromStdString(end.bound));
    } else {
      text += tr("%1: not run (%2)").arg(at, QString::fromStdString(end.error).toHtmlEscaped());
    }
  }
  return text;
}

bool TornadoPlot::eventFilter(QObject* watched, QEvent* event) {
  if (watched == canvas() && event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int row = rowAt(help->pos());
    if (row < 0) {
      QToolTip::hideText();
    } else {
      QToolTip::showText(help->globalPos(), rowToolTip(row), canvas());
    }
    return true;
  }
  return QwtPlot::eventFilter(watched, event);
}

QString TornadoPlot::rowLabel(int row) const {
  return row < labels_.size() ? labels_[row] : QString();
}

void TornadoPlot::setResult(std::shared_ptr<const amla::SensitivityResult> result,
                            const QString& subject) {
  result_ = std::move(result);
  bars_->setResult(result_);
  baseline_->setVisible(result_ != nullptr);
  if (!result_) {
    labels_.clear();
    setAxisScaleDraw(QwtPlot::yLeft, new CategoryScaleDraw(labels_));
    setAxisScaleDiv(QwtPlot::yLeft, category_scale_div(0, true));
    setTitle(plot_text(tr("Sensitivity: press Run to move each estimated [E] or fitted [F] "
                          "hardware parameter and see how far the makespan moves"),
                       11, true));
    setAxisScale(QwtPlot::xBottom, 0, 1);
    setAxisTitle(QwtPlot::xBottom, QwtText());
    replot();
    return;
  }
  const QRectF span = bars_->boundingRect();
  const double lo = span.isValid() ? span.left() : result_->makespan_us;
  const double hi = span.isValid() ? span.right() : result_->makespan_us;
  // An empty spread still gets a readable axis around the baseline.
  const double width = std::max(hi - lo, std::max(1e-3, 0.02 * result_->makespan_us));
  setAxisScale(QwtPlot::xBottom, lo - kLabelRoom * width, hi + kLabelRoom * width);
  baseline_->setXValue(result_->makespan_us);
  // Plain text: the title also becomes the SVG and PDF document title.
  setTitle(plot_text(tr("Sensitivity of the makespan, each parameter at %1%2%: %3")
                         .arg(QChar(0x00b1))
                         .arg(100.0 * result_->delta, 0, 'g', 3)
                         .arg(subject),
                     11, true));
  fitted_for_ = QSize();
  replot();
}

int TornadoPlot::shownRows() const { return bars_->shownRows(); }

void TornadoPlot::showRows(int rows, double label_width, double legend_rows) {
  labels_.clear();
  const QFontMetricsF metrics(axisFont(QwtPlot::yLeft));
  for (int i = 0; i < rows; ++i) {
    const amla::SensitivityParam& p = result_->params[static_cast<std::size_t>(i)];
    const QString name = QString::fromStdString(p.name);
    const QString rest =
        QStringLiteral("%1 = %2").arg(QString::fromStdString(p.source)).arg(p.value, 0, 'g', 6);
    const QString one_line = name + QLatin1Char(' ') + rest;
    labels_ << (metrics.horizontalAdvance(one_line) <= label_width
                    ? one_line
                    : name + QLatin1Char('\n') + rest);
  }
  bars_->setShownRows(rows);
  bars_->setLegendRows(legend_rows);
  setAxisScaleDraw(QwtPlot::yLeft, new CategoryScaleDraw(labels_));
  // Rows run down; a band above the first one holds the legend.
  const QwtScaleDiv rows_div = category_scale_div(rows, true);
  setAxisScaleDiv(
      QwtPlot::yLeft,
      QwtScaleDiv(rows_div.lowerBound(), rows_div.upperBound() - legend_rows,
                  rows_div.ticks(QwtScaleDiv::MinorTick), rows_div.ticks(QwtScaleDiv::MediumTick),
                  rows_div.ticks(QwtScaleDiv::MajorTick)));
  updateAxes();  // the new scale draw takes the rows' scale now, not at the next replot
  const int left_out = static_cast<int>(result_->params.size()) - rows;
  // The baseline's figure goes under the axis, where no bar or label can cover it.
  QString title = tr("makespan (\u00b5s); dashed line: the baseline, %1 \u00b5s, bound %2")
                      .arg(result_->makespan_us, 0, 'f', 2)
                      .arg(QString::fromStdString(result_->bound));
  if (left_out == 1) title += tr("; 1 parameter not shown (the least sensitive)");
  if (left_out > 1) title += tr("; %1 parameters not shown (the least sensitive)").arg(left_out);
  setAxisTitle(QwtPlot::xBottom, plot_text(title, 10, false));
}

void TornadoPlot::fitTo(const QRectF& layout_rect) {
  if (!result_) return;
  const int all = static_cast<int>(result_->params.size());
  // A name takes at most about a third of the width on one line, else two.
  const double label_width = 0.34 * layout_rect.width();
  int rows = all;
  // The canvas is narrower than the rectangle: its legend may need more lines, never fewer.
  double legend_rows = bars_->legendRowsFor(layout_rect.width());
  // Fewer rows may leave a shorter axis title, never less room; the legend's lines depend on the
  // canvas's width: a few passes settle both.
  for (int pass = 0;; ++pass) {
    showRows(rows, label_width, legend_rows);
    if (layout_rect.isEmpty() || pass == 3) break;
    plotLayout()->activate(this, layout_rect,
                           QwtPlotLayout::IgnoreScrollbars | QwtPlotLayout::IgnoreFrames |
                               QwtPlotLayout::IgnoreLegend);
    const QRectF canvas = plotLayout()->canvasRect();
    const double needed = bars_->legendRowsFor(canvas.width());
    // Less a row: the axis keeps its end labels clear of the canvas's edges.
    const int fit = std::clamp(
        static_cast<int>(std::floor(canvas.height() / TornadoItem::minRowPitch() - needed - 1)), 1,
        all);
    if (fit >= rows && needed <= legend_rows) break;
    rows = std::min(rows, fit);
    legend_rows = std::max(legend_rows, needed);
  }
  updateLayout();
}

void TornadoPlot::replot() {
  if (result_ && fitted_for_ != size()) {
    fitted_for_ = size();
    fitTo(QRectF(contentsRect()));
  }
  QwtPlot::replot();
}

void TornadoPlot::resizeEvent(QResizeEvent* event) {
  QwtPlot::resizeEvent(event);
  if (result_) replot();
}

}  // namespace amla::ui
