#include "ui/numerics/heatmap_plot.h"

#include <qwt_plot_canvas.h>
#include <qwt_plot_layout.h>
#include <qwt_plot_marker.h>
#include <qwt_plot_shapeitem.h>
#include <qwt_plot_spectrogram.h>
#include <qwt_scale_widget.h>
#include <QApplication>
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QToolTip>
#include <cmath>

#include "ui/buffers/plot_style.h"
#include "ui/numerics/heatmap_raster.h"

namespace amla::ui {

namespace {

QString format_value(double v) {
  if (std::isnan(v)) return QStringLiteral("no data");
  return QString::number(v, 'g', 6);
}

// A cell's coordinate on an axis: unit cells centred on integers (rows, columns, dn, KV blocks)
// print as that integer, other cells as their interval.
QString format_coordinate(double start, double step) {
  const double centre = start + 0.5 * step;
  if (std::fabs(step) == 1.0 && std::floor(centre) == centre) {
    return QString::number(static_cast<long long>(centre));
  }
  return QStringLiteral("[%1, %2)").arg(start, 0, 'g', 5).arg(start + step, 0, 'g', 5);
}

}  // namespace

HeatmapPlot::HeatmapPlot(QWidget* parent)
    : QwtPlot(parent), grid_(std::make_shared<amla::HeatmapGrid>()) {
  setAutoReplot(false);
  setCanvasBackground(QColor(0xf4, 0xf4, 0xf4));
  plotLayout()->setAlignCanvasToScales(true);
  if (auto* canvas = qobject_cast<QwtPlotCanvas*>(this->canvas())) {
    canvas->setFrameShape(QFrame::Box);
    canvas->setFrameShadow(QFrame::Plain);
    canvas->setLineWidth(1);
  }
  canvas()->setMouseTracking(true);
  canvas()->installEventFilter(this);
  canvas()->setCursor(Qt::CrossCursor);

  spectrogram_ = new QwtPlotSpectrogram();
  spectrogram_->setRenderThreadCount(0);  // 0 = one render thread per core
  spectrogram_->setColorMap(new HeatColorMap());
  spectrogram_->attach(this);

  enableAxis(QwtPlot::yRight);
  axisWidget(QwtPlot::yRight)->setColorBarEnabled(true);
  axisWidget(QwtPlot::yRight)->setColorBarWidth(14);
  QFont tick_font = QApplication::font();
  tick_font.setPointSize(8);
  for (int axis : {QwtPlot::xBottom, QwtPlot::yLeft, QwtPlot::yRight}) setAxisFont(axis, tick_font);
  // Small, so the heatmaps and the whole bit view sit side by side on narrower pages.
  setMinimumSize(260, 200);
}

void HeatmapPlot::setGrid(amla::HeatmapGrid grid) {
  grid_ = std::make_shared<amla::HeatmapGrid>(std::move(grid));
  const QwtInterval z = value_interval(*grid_);

  spectrogram_->setData(new GridRasterData(grid_));
  // Qwt's default title fonts are large; long axis titles would wrap in a panel-sized plot.
  setTitle(plot_text(QString::fromStdString(grid_->title), 11, true));
  setAxisTitle(QwtPlot::xBottom, plot_text(QString::fromStdString(grid_->x_label), 9, false));
  setAxisTitle(QwtPlot::yLeft, plot_text(QString::fromStdString(grid_->y_label), 9, false));
  setAxisTitle(QwtPlot::yRight, plot_text(QString::fromStdString(grid_->value_label), 9, false));
  setAxisScale(QwtPlot::xBottom, grid_->x0, grid_->x0 + std::max(grid_->nx, 1) * grid_->dx);
  const double y_end = grid_->y0 + std::max(grid_->ny, 1) * grid_->dy;
  if (rows_downward_) {
    setAxisScale(QwtPlot::yLeft, y_end, grid_->y0);
  } else {
    setAxisScale(QwtPlot::yLeft, grid_->y0, y_end);
  }
  axisWidget(QwtPlot::yRight)->setColorMap(z, new HeatColorMap());
  setAxisScale(QwtPlot::yRight, z.minValue(), z.maxValue());
  drawRegions();
  replot();
}

void HeatmapPlot::drawRegions() {
  for (QwtPlotItem* item : region_items_) {
    item->detach();
    delete item;
  }
  region_items_.clear();
  // Red reads on both ends of the colour map (dark purple and yellow).
  const QColor outline(0xff, 0x17, 0x44);
  for (const amla::HeatmapRegion& region : grid_->regions) {
    auto* shape = new QwtPlotShapeItem(QString::fromStdString(region.label));
    shape->setRect(QRectF(QPointF(region.x0, region.y0), QPointF(region.x1, region.y1)));
    shape->setPen(QPen(outline, 2.0));
    shape->setBrush(Qt::NoBrush);
    shape->setZ(spectrogram_->z() + 1);
    shape->attach(this);
    region_items_.push_back(shape);

    // The name just left of the outline's top corner, on a light box so it reads over any cell;
    // broken after the colon so it stays narrow.
    QString text = QString::fromStdString(region.label);
    text.replace(QStringLiteral(": "), QStringLiteral(": \n "));
    text = QLatin1Char(' ') + text + QLatin1Char(' ');  // a margin inside the box
    QwtText label = plot_text(text, 8, true);
    label.setColor(QColor(0x8e, 0x00, 0x1c));
    label.setBackgroundBrush(QColor(255, 255, 255, 225));
    label.setBorderPen(QPen(outline, 1.0));
    label.setRenderFlags(Qt::AlignRight);
    auto* marker = new QwtPlotMarker();
    marker->setLineStyle(QwtPlotMarker::NoLine);
    marker->setValue(region.x0, region.y0 + 0.85 * (region.y1 - region.y0));
    marker->setLabel(label);
    marker->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    marker->setSpacing(6);
    marker->setZ(shape->z() + 1);
    marker->attach(this);
    region_items_.push_back(marker);
  }
}

void HeatmapPlot::setRowsDownward(bool downward) {
  rows_downward_ = downward;
  setGrid(*grid_);
}

QPoint HeatmapPlot::cellAt(const QPoint& canvas_pos) const {
  if (!hasData()) return {-1, -1};
  const double x = invTransform(QwtPlot::xBottom, canvas_pos.x());
  const double y = invTransform(QwtPlot::yLeft, canvas_pos.y());
  const int ix = grid_->cell_x(x);
  const int iy = grid_->cell_y(y);
  if (ix < 0 || iy < 0) return {-1, -1};
  return {ix, iy};
}

QPoint HeatmapPlot::canvasPointOfCell(int ix, int iy) const {
  const double x = grid_->x0 + (ix + 0.5) * grid_->dx;
  const double y = grid_->y0 + (iy + 0.5) * grid_->dy;
  return {qRound(transform(QwtPlot::xBottom, x)), qRound(transform(QwtPlot::yLeft, y))};
}

QString HeatmapPlot::describeCell(int ix, int iy) const {
  return QStringLiteral("%1 = %2\n%3 = %4\n%5 = %6")
      .arg(QString::fromStdString(grid_->x_label),
           format_coordinate(grid_->x0 + ix * grid_->dx, grid_->dx),
           QString::fromStdString(grid_->y_label),
           format_coordinate(grid_->y0 + iy * grid_->dy, grid_->dy),
           QString::fromStdString(grid_->value_label), format_value(grid_->at(ix, iy)));
}

bool HeatmapPlot::eventFilter(QObject* watched, QEvent* event) {
  if (watched != canvas()) return QwtPlot::eventFilter(watched, event);
  switch (event->type()) {
    case QEvent::MouseMove:
    case QEvent::ToolTip: {
      const QPoint pos = event->type() == QEvent::ToolTip ? static_cast<QHelpEvent*>(event)->pos()
                                                          : static_cast<QMouseEvent*>(event)->pos();
      const QPoint cell = cellAt(pos);
      if (cell.x() < 0) {
        QToolTip::hideText();
      } else {
        QToolTip::showText(canvas()->mapToGlobal(pos), describeCell(cell.x(), cell.y()), canvas());
      }
      return event->type() == QEvent::ToolTip;
    }
    case QEvent::MouseButtonPress: {
      auto* mouse = static_cast<QMouseEvent*>(event);
      if (mouse->button() != Qt::LeftButton) break;
      const QPoint cell = cellAt(mouse->pos());
      if (cell.x() >= 0) emit cellClicked(cell.x(), cell.y());
      return true;
    }
    default:
      break;
  }
  return QwtPlot::eventFilter(watched, event);
}

void HeatmapPlot::contextMenuEvent(QContextMenuEvent* event) {
  QMenu menu(this);
  menu.addAction(tr("Export plot (PNG, SVG, PDF)..."), this, &HeatmapPlot::exportRequested);
  menu.exec(event->globalPos());
}

}  // namespace amla::ui
