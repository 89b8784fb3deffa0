#pragma once
// Adapters between amla::HeatmapGrid and Qwt's spectrogram: raster data that returns the value of
// the cell under a point (nearest cell, no interpolation, NaN outside or where there is no data),
// and a colour map that draws NaN cells transparent.
#include <qwt_color_map.h>
#include <qwt_raster_data.h>
#include <memory>

#include "core/numerics/heatmaps.h"

namespace amla::ui {

class GridRasterData : public QwtRasterData {
 public:
  explicit GridRasterData(std::shared_ptr<const amla::HeatmapGrid> grid);

  double value(double x, double y) const override;
  // One data cell, so Qwt renders the raster at the grid's resolution and the cells stay crisp.
  QRectF pixelHint(const QRectF& area) const override;

 private:
  std::shared_ptr<const amla::HeatmapGrid> grid_;
};

// A perceptually ordered dark-to-light map (viridis stops); NaN gives a fully transparent pixel.
class HeatColorMap : public QwtLinearColorMap {
 public:
  HeatColorMap();
  QRgb rgb(const QwtInterval& interval, double value) const override;
};

// The z range of a grid, widened when all finite values are equal so Qwt gets a valid interval.
QwtInterval value_interval(const amla::HeatmapGrid& grid);

}  // namespace amla::ui
