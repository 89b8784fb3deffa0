#include "ui/sweep/sweep_color_map.h"

#include <cmath>

namespace amla::ui {

SweepColorMap::SweepColorMap(bool higher_is_better) : higher_is_better_(higher_is_better) {}

QRgb SweepColorMap::rgb(const QwtInterval& interval, double value) const {
  if (higher_is_better_) return HeatColorMap::rgb(interval, value);
  return HeatColorMap::rgb(interval, interval.minValue() + interval.maxValue() - value);
}

QColor text_color_on(QColor background) {
  // WCAG relative luminance; black wins the contrast ratio above L = 0.179.
  auto linear = [](double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  const double l = 0.2126 * linear(background.redF()) + 0.7152 * linear(background.greenF()) +
                   0.0722 * linear(background.blueF());
  return l > 0.179 ? QColor(Qt::black) : QColor(Qt::white);
}

}  // namespace amla::ui
