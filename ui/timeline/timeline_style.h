#pragma once
// Fonts and neutral colours shared by the timeline's painters, so the widget and the exported
// figures look the same. Sizes are in pixels: image, SVG and PDF exports all paint at 96 dpi.
#include <QColor>
#include <QFont>
#include <algorithm>
#include <cmath>

namespace amla::ui {

inline constexpr int kLabelFontPx = 11;
inline constexpr int kRulerFontPx = 10;
inline constexpr int kLegendFontPx = 11;
inline constexpr int kItemFontPx = 10;
inline constexpr int kTitleFontPx = 15;

inline const QColor kTextColor{0x26, 0x2b, 0x33};
inline const QColor kMutedTextColor{0x6b, 0x72, 0x80};
inline const QColor kPanelColor{0xf7, 0xf8, 0xfa};
inline const QColor kBorderColor{0xc9, 0xce, 0xd6};
inline const QColor kGridColor{0xe6, 0xe9, 0xee};
inline const QColor kDensityCoreColor{0x3d, 0x5f, 0x95};

// Busy density 0..1 as a colour from near-white to `hot`; a mild gamma keeps low busy visible.
inline QRgb density_rgb(const QColor& hot, double busy) {
  const double a = busy <= 0 ? 0.0 : std::pow(std::min(busy, 1.0), 0.6);
  const auto mix = [a](int lo, int hi) { return static_cast<int>(lo + (hi - lo) * a + 0.5); };
  return qRgb(mix(0xf8, hot.red()), mix(0xf9, hot.green()), mix(0xfb, hot.blue()));
}

inline QFont timeline_font(int pixel_size, bool bold = false) {
  QFont f(QStringLiteral("DejaVu Sans"));
  f.setStyleHint(QFont::SansSerif);
  f.setPixelSize(pixel_size);
  f.setBold(bold);
  return f;
}

}  // namespace amla::ui
