#include "ui/sweep/category_scale_draw.h"

#include <cmath>

namespace amla::ui {

namespace {
// More labels than this on one axis overlap at ordinary plot sizes.
constexpr int kMaxLabels = 24;
// Names measured at the screen's resolution print up to a few percent wider in a 300 dpi export.
constexpr double kExtentSlack = 1.05;
}  // namespace

CategoryScaleDraw::CategoryScaleDraw(QStringList names) : names_(std::move(names)) {
  setTickLength(QwtScaleDiv::MinorTick, 0);
  setTickLength(QwtScaleDiv::MediumTick, 0);
  setTickLength(QwtScaleDiv::MajorTick, 4);
}

QwtText CategoryScaleDraw::label(double value) const {
  const long index = std::lround(value);
  if (std::fabs(value - static_cast<double>(index)) > 1e-6) return {};
  if (index < 0 || index >= names_.size()) return {};
  return QwtText(names_.at(static_cast<int>(index)));
}

double CategoryScaleDraw::extent(const QFont& font) const {
  return QwtScaleDraw::extent(font) * kExtentSlack;
}

QwtScaleDiv category_scale_div(int count, bool downward) {
  const int n = std::max(count, 1);
  const int stride = (n + kMaxLabels - 1) / kMaxLabels;
  QList<double> ticks[QwtScaleDiv::NTickTypes];
  for (int i = 0; i < count; i += stride) ticks[QwtScaleDiv::MajorTick] << i;
  const double lo = -0.5, hi = n - 0.5;
  return downward ? QwtScaleDiv(hi, lo, ticks) : QwtScaleDiv(lo, hi, ticks);
}

}  // namespace amla::ui
