#include "ui/sensitivity/tornado_plot.h"

#include <qwt_plot_canvas.h>
#include <qwt_plot_layout.h>
#include <qwt_plot_marker.h>
#include <qwt_scale_engine.h>
#include <QApplication>
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
  setContentsMargins(6, 8, 12, 6);
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
  return row >= 0 && row < static_cast<long>(result_->params.size()) ? static_cast<int>(row) : -1;
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
  labels_.clear();
  const int rows = result_ ? static_cast<int>(result_->params.size()) : 0;
  for (int i = 0; i < rows; ++i) {
    const amla::SensitivityParam& p = result_->params[static_cast<std::size_t>(i)];
    labels_ << QStringLiteral("%1 %2 = %3")
                   .arg(QString::fromStdString(p.name), QString::fromStdString(p.source))
                   .arg(p.value, 0, 'g', 6);
  }
  setAxisScaleDraw(QwtPlot::yLeft, new CategoryScaleDraw(labels_));
  // Rows run down; a band above the first one holds the legend.
  const QwtScaleDiv rows_div = category_scale_div(rows, true);
  setAxisScaleDiv(
      QwtPlot::yLeft,
      result_ ? QwtScaleDiv(rows_div.lowerBound(), rows_div.upperBound() - TornadoItem::kLegendRows,
                            rows_div.ticks(QwtScaleDiv::MinorTick),
                            rows_div.ticks(QwtScaleDiv::MediumTick),
                            rows_div.ticks(QwtScaleDiv::MajorTick))
              : rows_div);
  baseline_->setVisible(result_ != nullptr);
  if (!result_) {
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
  // The baseline's figure goes under the axis, where no bar or label can cover it.
  setAxisTitle(QwtPlot::xBottom,
               plot_text(tr("makespan (\u00b5s); dashed line: the baseline, %1 \u00b5s, "
                            "bound %2")
                             .arg(result_->makespan_us, 0, 'f', 2)
                             .arg(QString::fromStdString(result_->bound)),
                         10, false));
  replot();
}

}  // namespace amla::ui
