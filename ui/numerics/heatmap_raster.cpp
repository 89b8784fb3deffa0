#include "ui/numerics/heatmap_raster.h"

#include <cmath>
#include <limits>

namespace amla::ui {

GridRasterData::GridRasterData(std::shared_ptr<const amla::HeatmapGrid> grid)
    : grid_(std::move(grid)) {
  setInterval(Qt::XAxis, QwtInterval(grid_->x0, grid_->x0 + grid_->nx * grid_->dx));
  setInterval(Qt::YAxis, QwtInterval(grid_->y0, grid_->y0 + grid_->ny * grid_->dy));
  setInterval(Qt::ZAxis, value_interval(*grid_));
}

double GridRasterData::value(double x, double y) const {
  const int ix = grid_->cell_x(x);
  const int iy = grid_->cell_y(y);
  if (ix < 0 || iy < 0) return std::numeric_limits<double>::quiet_NaN();
  return grid_->at(ix, iy);
}

QRectF GridRasterData::pixelHint(const QRectF&) const {
  return QRectF(grid_->x0, grid_->y0, grid_->dx, grid_->dy);
}

HeatColorMap::HeatColorMap()
    : QwtLinearColorMap(QColor(0x44, 0x01, 0x54), QColor(0xfd, 0xe7, 0x25)) {
  addColorStop(0.25, QColor(0x3b, 0x52, 0x8b));
  addColorStop(0.50, QColor(0x21, 0x91, 0x8c));
  addColorStop(0.75, QColor(0x5e, 0xc9, 0x62));
}

QRgb HeatColorMap::rgb(const QwtInterval& interval, double value) const {
  if (std::isnan(value)) return qRgba(0, 0, 0, 0);
  return QwtLinearColorMap::rgb(interval, value);
}

QwtInterval value_interval(const amla::HeatmapGrid& grid) {
  auto [lo, hi] = grid.finite_range();
  if (grid.scale_hi > grid.scale_lo) return QwtInterval(grid.scale_lo, grid.scale_hi);
  if (!(hi > lo)) {
    const double pad = lo == 0 ? 1.0 : std::fabs(lo) * 0.5;
    lo -= pad;
    hi += pad;
  }
  return QwtInterval(lo, hi);
}

}  // namespace amla::ui
