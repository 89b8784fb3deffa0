#pragma once
// The figure model every export shares (matplotlib's is the anchor): a figure has a printed size
// in millimetres, a resolution for raster output, and text and line widths in points, so the text
// keeps its printed size at any DPI. The GUI's export dialog and the CLI's --figure flags both
// build one of these; the painters turn points into device pixels through it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/view/figure_content.h"

namespace amla {

// A named printed size (the spec's presets) or a custom one.
struct FigurePreset {
  std::string_view name;  // as typed on the command line and shown in the dialog
  double width_mm;
  double height_mm;
  double font_pt;  // body text at this size; titles are a step larger
  std::string_view meaning;
  bool fit_height;  // a column's height is free: a timeline takes the height its lanes need
};

// Single column (IEEE 3.5 in), double column (about 7.1 in) and a 16:9 slide (13.33 x 7.5 in).
const std::vector<FigurePreset>& figure_presets();

struct FigureSpec {
  double width_mm = 88.9;
  double height_mm = 60.0;
  double dpi = 300.0;    // raster output only; vector output keeps the printed size
  double font_pt = 8.0;  // body text
  bool title = true;
  LegendPosition legend = LegendPosition::kBottom;
  // A figure whose content sets its height (a timeline's lanes), up to kMaxFitHeightMm; plots
  // keep height_mm. Set by the column and double presets, not by a slide or WxH.
  bool fit_height = false;

  // Limits every front end enforces (InputError names the field, the value and the limit).
  static constexpr double kMinSideMm = 20.0;
  static constexpr double kMaxSideMm = 1000.0;
  static constexpr double kMinDpi = 50.0;
  static constexpr double kMaxDpi = 1200.0;
  static constexpr double kMinFontPt = 4.0;
  static constexpr double kMaxFontPt = 36.0;
  static constexpr double kMinLinePt = 0.5;  // no line drawn thinner than this
  static constexpr int kMaxSidePixels = 16384;
  static constexpr double kMaxFitHeightMm = 230.0;  // a journal page's text height

  bool has_legend() const { return legend != LegendPosition::kNone; }
  double title_pt() const { return font_pt * 1.2; }
  // Device pixels for a length in points or millimetres at this figure's DPI.
  double pixels_for_pt(double pt) const { return pt * dpi / 72.0; }
  double pixels_for_mm(double mm) const { return mm * dpi / 25.4; }
  int width_pixels() const;
  int height_pixels() const;
  // A line width in pixels, never thinner than kMinLinePt.
  double line_pixels(double pt) const;
};

// "column", "double", "slide" or "WxH" in millimetres ("120x80"). Throws InputError naming
// `field` for anything else or a side outside [kMinSideMm, kMaxSideMm].
FigureSpec parse_figure(std::string_view text, std::string_view field = "--figure");

// Checks every field against its limit, including the pixel size at the DPI (InputError).
void validate_figure(const FigureSpec& figure, std::string_view field = "--figure");

// A finite number spelled in full ("12.5"; no trailing text), or nothing: the figure flags' one
// number reader.
std::optional<double> parse_figure_number(std::string_view text);
// "%g" of a value, for messages naming a limit.
std::string figure_number_text(double value);

// "88.9 x 60 mm, 300 dpi, 8 pt" for status lines and titles of dialogs.
std::string describe_figure(const FigureSpec& figure);

}  // namespace amla
