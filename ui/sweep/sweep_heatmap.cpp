#include "ui/sweep/sweep_heatmap.h"

#include <qwt_plot_canvas.h>
#include <qwt_plot_layout.h>
#include <qwt_scale_widget.h>
#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/buffers/plot_style.h"
#include "ui/sweep/category_scale_draw.h"
#include "ui/sweep/sweep_cells_item.h"
#include "ui/sweep/sweep_color_map.h"
#include "ui/sweep/sweep_format.h"

namespace amla::ui {

namespace {

// The range of the valid cells' values, widened when they are all equal so the colour bar has
// an extent.
QwtInterval value_range(const amla::SweepResult& result) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& cell : result.cells) {
    if (!cell.valid) continue;
    const double v = amla::sweep_metric_value(cell, result.metric);
    if (std::isnan(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (!(hi >= lo)) return QwtInterval(0, 1);
  if (hi == lo) {
    const double pad = lo == 0 ? 1.0 : std::fabs(lo) * 0.05;
    return QwtInterval(lo - pad, hi + pad);
  }
  return QwtInterval(lo, hi);
}

QStringList value_names(const amla::SweepParameter& p) {
  QStringList names;
  for (const auto& v : p.values) names << QString::fromStdString(v);
  return names;
}

}  // namespace

SweepHeatmap::SweepHeatmap(QWidget* parent) : QwtPlot(parent) {
  setAutoReplot(false);
  // Exports render without a frame around the plot: keep the title off the image edge.
  setContentsMargins(6, 8, 6, 6);
  setCanvasBackground(QColor(0xfa, 0xfa, 0xfa));
  plotLayout()->setAlignCanvasToScales(true);
  if (auto* canvas = qobject_cast<QwtPlotCanvas*>(this->canvas())) {
    canvas->setFrameShape(QFrame::Box);
    canvas->setFrameShadow(QFrame::Plain);
    canvas->setLineWidth(1);
  }
  canvas()->setMouseTracking(true);
  canvas()->installEventFilter(this);

  cells_ = new SweepCellsItem();
  cells_->attach(this);

  enableAxis(QwtPlot::yRight);
  axisWidget(QwtPlot::yRight)->setColorBarEnabled(true);
  axisWidget(QwtPlot::yRight)->setColorBarWidth(14);
  QFont tick_font = QApplication::font();
  tick_font.setPointSize(10);
  for (int axis : {QwtPlot::xBottom, QwtPlot::yLeft, QwtPlot::yRight}) setAxisFont(axis, tick_font);
  setMinimumSize(320, 240);
  setResult(nullptr);
}

void SweepHeatmap::setResult(std::shared_ptr<const amla::SweepResult> result) {
  result_ = std::move(result);
  const bool has = result_ && !result_->cells.empty() && !result_->params.empty();
  const amla::SweepParameter* along_x =
      has ? &result_->params.back() : nullptr;  // the last parameter varies fastest
  const amla::SweepParameter* along_y =
      has && result_->params.size() == 2 ? &result_->params.front() : nullptr;
  columns_ = along_x ? static_cast<int>(along_x->values.size()) : 0;
  rows_ = has ? (along_y ? static_cast<int>(along_y->values.size()) : 1) : 0;

  setAxisScaleDraw(QwtPlot::xBottom,
                   new CategoryScaleDraw(along_x ? value_names(*along_x) : QStringList()));
  setAxisScaleDraw(QwtPlot::yLeft,
                   new CategoryScaleDraw(along_y ? value_names(*along_y) : QStringList()));
  setAxisScaleDiv(QwtPlot::xBottom, category_scale_div(columns_, false));
  setAxisScaleDiv(QwtPlot::yLeft, category_scale_div(rows_, true));
  // A 1-D sweep is one row: a y axis would only carry an empty label.
  enableAxis(QwtPlot::yLeft, along_y != nullptr);

  const std::string metric = has ? result_->metric : std::string("flops_utilization");
  const amla::MetricDef& info = amla::find_sweep_metric(metric);
  const QwtInterval range = has ? value_range(*result_) : QwtInterval(0, 1);
  const bool lower_is_better = info.better == amla::Better::kLower;
  cells_->setResult(has ? result_ : nullptr, std::max(columns_, 1), range, !lower_is_better);
  // The colour bar reads in the numbers the cells show (85 for 85%, not 0.85).
  const double scale = amla::metric_display_scale(info);
  const QwtInterval shown(range.minValue() * scale, range.maxValue() * scale);
  axisWidget(QwtPlot::yRight)->setColorMap(shown, new SweepColorMap(!lower_is_better));
  setAxisScale(QwtPlot::yRight, shown.minValue(), shown.maxValue());

  // Plain text: the title also becomes the SVG and PDF document title.
  setTitle(plot_text(
      has ? sweep_title(*result_) : tr("Sweep: choose one or two parameters and press Run"), 11,
      true));
  setFooter(plot_text(has ? sweep_fixed_knobs(*result_) : QString(), 9, false));
  setAxisTitles();
  replot();
}

void SweepHeatmap::setAxisTitles() {
  const bool two = result_ && result_->params.size() == 2;
  const QString x = result_ && !result_->params.empty()
                        ? QString::fromStdString(result_->params.back().name)
                        : QString();
  const QString y = two ? QString::fromStdString(result_->params.front().name) : QString();
  setAxisTitle(QwtPlot::xBottom, plot_text(x, 10, false));
  setAxisTitle(QwtPlot::yLeft, plot_text(y, 10, false));
  const std::string metric = result_ ? result_->metric : std::string("flops_utilization");
  setAxisTitle(QwtPlot::yRight, plot_text(sweep_metric_label(metric), 10, false));
}

int SweepHeatmap::cellAt(const QPoint& canvas_pos) const {
  if (!result_ || columns_ <= 0 || rows_ <= 0) return -1;
  const double x = invTransform(QwtPlot::xBottom, canvas_pos.x());
  const double y = invTransform(QwtPlot::yLeft, canvas_pos.y());
  const long ix = std::lround(x), iy = std::lround(y);
  if (ix < 0 || ix >= columns_ || iy < 0 || iy >= rows_) return -1;
  const long index = iy * columns_ + ix;
  return index < static_cast<long>(result_->cells.size()) ? static_cast<int>(index) : -1;
}

QPoint SweepHeatmap::canvasPointOfCell(int index) const {
  if (columns_ <= 0) return {-1, -1};
  return {qRound(transform(QwtPlot::xBottom, index % columns_)),
          qRound(transform(QwtPlot::yLeft, index / columns_))};
}

QString SweepHeatmap::cellToolTip(int index) const {
  if (!result_ || index < 0 || index >= static_cast<int>(result_->cells.size())) return {};
  return describe_sweep_cell(*result_, index);
}

QString SweepHeatmap::cellText(int index) const {
  if (!result_ || index < 0 || index >= static_cast<int>(result_->cells.size())) return {};
  return sweep_cell_text(*result_, index);
}

bool SweepHeatmap::eventFilter(QObject* watched, QEvent* event) {
  if (watched != canvas()) return QwtPlot::eventFilter(watched, event);
  switch (event->type()) {
    case QEvent::MouseMove:
    case QEvent::ToolTip: {
      const QPoint pos = event->type() == QEvent::ToolTip ? static_cast<QHelpEvent*>(event)->pos()
                                                          : static_cast<QMouseEvent*>(event)->pos();
      const int cell = cellAt(pos);
      const bool openable = cell >= 0 && result_->cells[static_cast<std::size_t>(cell)].valid;
      canvas()->setCursor(openable ? Qt::PointingHandCursor : Qt::ArrowCursor);
      if (cell < 0) {
        QToolTip::hideText();
      } else {
        QToolTip::showText(canvas()->mapToGlobal(pos), cellToolTip(cell), canvas());
      }
      return event->type() == QEvent::ToolTip;
    }
    case QEvent::MouseButtonPress: {
      auto* mouse = static_cast<QMouseEvent*>(event);
      if (mouse->button() != Qt::LeftButton) break;
      const int cell = cellAt(mouse->pos());
      if (cell >= 0) emit cellClicked(cell);
      return true;
    }
    default:
      break;
  }
  return QwtPlot::eventFilter(watched, event);
}

}  // namespace amla::ui
