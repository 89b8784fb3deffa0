#pragma once
// The sweep heatmap's colours: the numerics heatmaps' viridis map, turned around for metrics where
// lower is better (makespan, error), so that in every sweep brighter means better.
#include "ui/numerics/heatmap_raster.h"

namespace amla::ui {

class SweepColorMap : public HeatColorMap {
 public:
  explicit SweepColorMap(bool higher_is_better);
  QRgb rgb(const QwtInterval& interval, double value) const override;

 private:
  bool higher_is_better_;
};

// Black or white, whichever reads better on `background`.
QColor text_color_on(QColor background);

}  // namespace amla::ui
