#include "ui/timeline/time_axis.h"

#include <algorithm>
#include <cmath>

namespace amla::ui {

namespace {

double nice_step(double raw) {
  if (!(raw > 0)) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0}) {
    if (m * p >= raw) return m * p;
  }
  return 10 * p;
}

QString number(double v, int decimals) {
  if (std::abs(v) < 0.5 * std::pow(10.0, -decimals)) v = 0;  // no "-0.00"
  return QString::number(v, 'f', decimals);
}

}  // namespace

TimeAxis make_time_axis(double t0, double t1, double width_px, bool microseconds, double clock_ghz,
                        double spacing_px) {
  TimeAxis axis;
  axis.title = microseconds ? QStringLiteral("time (\u00b5s)") : QStringLiteral("time (cycles)");
  if (!(t1 > t0) || !(width_px > 1)) return axis;
  // Display units per cycle.
  const double scale = microseconds ? 1.0 / ((clock_ghz > 0 ? clock_ghz : 1.0) * 1000.0) : 1.0;
  const double v0 = t0 * scale, v1 = t1 * scale;
  const double raw = (v1 - v0) * spacing_px / width_px;
  // Cycles are whole: no ticks closer than one cycle.
  const double step = microseconds ? nice_step(raw) : std::max(1.0, nice_step(raw));
  const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
  // Offsets when the absolute labels need more than 6 significant digits.
  const double magnitude = std::max(std::abs(v0), std::abs(v1));
  const bool offsets = magnitude / step >= 1e5;
  double base = 0;
  if (offsets) {
    const double base_step = step * 1000;
    base = std::floor(v0 / base_step) * base_step;
    axis.base = number(base, std::max(0, decimals - 3)) +
                (microseconds ? QStringLiteral(" \u00b5s +") : QStringLiteral(" +"));
  }
  const double first = std::ceil(v0 / step) * step;
  for (int i = 0;; ++i) {
    const double v = first + i * step;
    if (v > v1 + step * 1e-9 || i > 10000) break;
    axis.major.push_back({v / scale, number(offsets ? v - base : v, decimals)});
  }
  const double minor_step = step / 5;
  const double first_minor = std::ceil(v0 / minor_step) * minor_step;
  if (!microseconds && minor_step < 1) return axis;
  for (int i = 0;; ++i) {
    const double v = first_minor + i * minor_step;
    if (v > v1 || i > 50000) break;
    axis.minor.push_back(v / scale);
  }
  return axis;
}

}  // namespace amla::ui
