#include "ui/buffers/occupancy_plot.h"

#include <qwt_plot_grid.h>
#include <qwt_plot_marker.h>
#include <qwt_plot_textlabel.h>

#include "ui/buffers/capacity_marker.h"
#include "ui/buffers/plot_style.h"

namespace amla::ui {

namespace {

const QColor kOccupancy(0x2b, 0x6c, 0xb0);
const QColor kCapacity(0xc0, 0x39, 0x2b);

}  // namespace

OccupancyPlot::OccupancyPlot(QWidget* parent)
    : QwtPlot(parent), cache_(std::make_shared<OccupancyCache>()) {
  style_strip_plot(this);
  setAxisMaxMajor(QwtPlot::yLeft, 3);
  setAxisMaxMinor(QwtPlot::yLeft, 2);
  enableAxis(QwtPlot::xBottom, false);

  auto* grid = new QwtPlotGrid();
  grid->setMajorPen(QColor(0xdd, 0xdd, 0xdd), 0, Qt::DotLine);
  grid->attach(this);

  occupancy_ = new OccupancyItem(cache_);
  occupancy_->setColor(kOccupancy);
  occupancy_->attach(this);

  capacity_ = new CapacityMarker();
  capacity_->setLinePen(kCapacity, 1.5, Qt::DashLine);
  capacity_->attach(this);

  name_ = new QwtPlotTextLabel();
  name_->attach(this);
}

void OccupancyPlot::setTrack(const amla::BufferTrack* track, const TimeUnit& time) {
  const ByteUnit bytes = track ? byte_unit_for(track->capacity) : ByteUnit{};
  cache_->setTrack(track, time, bytes);
  if (track == nullptr) {
    capacity_->setVisible(false);
    name_->setText(QwtText());
    replot();
    return;
  }
  const double capacity = static_cast<double>(track->capacity) / bytes.bytes_per_unit;
  capacity_->setVisible(true);
  capacity_->setYValue(capacity);
  QwtText label(
      QStringLiteral("capacity %1").arg(format_bytes(static_cast<double>(track->capacity))));
  label.setFont(plot_font(8, true));
  label.setColor(kCapacity);
  capacity_->setLabel(label);

  QwtText name(QString::fromStdString(track->name));
  name.setFont(plot_font(9, true));
  name.setRenderFlags(Qt::AlignLeft | Qt::AlignTop);
  name.setBackgroundBrush(QColor(255, 255, 255, 200));
  name_->setText(name);

  setAxisTitle(QwtPlot::yLeft, axis_title(bytes.name));
  // Headroom above the capacity line for its label.
  setAxisScale(QwtPlot::yLeft, 0, capacity * 1.3);
  replot();
}

void OccupancyPlot::setTimeRange(double x0, double x1) {
  setAxisScale(QwtPlot::xBottom, x0, x1);
  replot();
}

void OccupancyPlot::setTimeAxisShown(bool shown) { enableAxis(QwtPlot::xBottom, shown); }

}  // namespace amla::ui
