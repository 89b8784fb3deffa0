#include "core/view/figure_spec.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/common/input_error.h"

namespace amla {

const std::vector<FigurePreset>& figure_presets() {
  // Heights: a column figure at about 2:3, a double-column figure at about 1:2, a slide at 16:9.
  static const std::vector<FigurePreset> presets = {
      {"column", 88.9, 60.0, 8.0, "single column (IEEE 3.5 in)", true},
      {"double", 181.0, 90.0, 8.0, "double column (7.1 in)", true},
      {"slide", 338.7, 190.5, 16.0, "16:9 slide (13.33 x 7.5 in)", false},
  };
  return presets;
}

std::optional<double> parse_figure_number(std::string_view text) {
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string figure_number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

namespace {

std::string number_text(double value) { return figure_number_text(value); }

double parse_side(std::string_view text, std::string_view field, std::string_view whole) {
  const std::optional<double> value = parse_figure_number(text);
  if (!value) {
    throw InputError(std::string(field), std::string(whole),
                     "expected column, double, slide or WxH in millimetres, e.g. 120x80");
  }
  return *value;
}

void check_range(double value, double low, double high, std::string_view field,
                 std::string_view what) {
  if (!(value >= low && value <= high)) {
    throw InputError(
        std::string(field), number_text(value),
        std::string(what) + " must be in [" + number_text(low) + ", " + number_text(high) + "]");
  }
}

}  // namespace

int FigureSpec::width_pixels() const {
  return static_cast<int>(std::lround(pixels_for_mm(width_mm)));
}
int FigureSpec::height_pixels() const {
  return static_cast<int>(std::lround(pixels_for_mm(height_mm)));
}

double FigureSpec::line_pixels(double pt) const {
  return pixels_for_pt(pt < kMinLinePt ? kMinLinePt : pt);
}

FigureSpec parse_figure(std::string_view text, std::string_view field) {
  constexpr std::size_t kMaxText = 64;
  if (text.size() > kMaxText) {
    throw InputError(std::string(field), std::string(text.substr(0, kMaxText)) + "...",
                     "at most 64 characters");
  }
  FigureSpec figure;
  for (const auto& preset : figure_presets()) {
    if (text == preset.name) {
      figure.width_mm = preset.width_mm;
      figure.height_mm = preset.height_mm;
      figure.font_pt = preset.font_pt;
      figure.fit_height = preset.fit_height;
      return figure;
    }
  }
  auto cut = text.find_first_of("xX");
  if (cut == std::string_view::npos) {
    throw InputError(std::string(field), std::string(text),
                     "expected column, double, slide or WxH in millimetres, e.g. 120x80");
  }
  std::string_view width = text.substr(0, cut);
  std::string_view height = text.substr(cut + 1);
  if (height.size() > 2 && height.substr(height.size() - 2) == "mm") {
    height.remove_suffix(2);
  }
  figure.width_mm = parse_side(width, field, text);
  figure.height_mm = parse_side(height, field, text);
  // Text scales with the width between the column and slide presets' sizes.
  figure.font_pt = figure.width_mm >= 250.0 ? 16.0 : 8.0;
  validate_figure(figure, field);
  return figure;
}

void validate_figure(const FigureSpec& figure, std::string_view field) {
  const std::string base(field);
  check_range(figure.width_mm, FigureSpec::kMinSideMm, FigureSpec::kMaxSideMm, base + " width",
              "mm");
  check_range(figure.height_mm, FigureSpec::kMinSideMm, FigureSpec::kMaxSideMm, base + " height",
              "mm");
  check_range(figure.dpi, FigureSpec::kMinDpi, FigureSpec::kMaxDpi, "--dpi", "dots per inch");
  check_range(figure.font_pt, FigureSpec::kMinFontPt, FigureSpec::kMaxFontPt, "--font-pt",
              "points");
  const int largest = std::max(figure.width_pixels(), figure.height_pixels());
  if (largest > FigureSpec::kMaxSidePixels) {
    throw InputError("--dpi", number_text(figure.dpi),
                     "the figure would be " + std::to_string(largest) + " pixels wide; at most " +
                         std::to_string(FigureSpec::kMaxSidePixels));
  }
}

std::string describe_figure(const FigureSpec& figure) {
  return number_text(figure.width_mm) + " x " + number_text(figure.height_mm) + " mm, " +
         number_text(figure.dpi) + " dpi, " + number_text(figure.font_pt) + " pt";
}

}  // namespace amla
