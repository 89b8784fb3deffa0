// The figure model: printed sizes, points to pixels, and refusals that name the field.
#include "core/view/figure_spec.h"

#include <gtest/gtest.h>

#include "core/common/input_error.h"

namespace amla {
namespace {

TEST(FigureSpec, PresetsHaveThePrintedSizesOfTheSpec) {
  const FigureSpec column = parse_figure("column");
  EXPECT_DOUBLE_EQ(column.width_mm, 88.9);
  EXPECT_EQ(column.width_pixels(), 1050);  // 3.5 in at 300 dpi
  const FigureSpec slide = parse_figure("slide");
  EXPECT_NEAR(slide.width_mm / slide.height_mm, 16.0 / 9.0, 1e-3);
  EXPECT_GT(slide.font_pt, column.font_pt);
  EXPECT_DOUBLE_EQ(parse_figure("double").width_mm, 181.0);
}

TEST(FigureSpec, TextKeepsItsPrintedSizeAtAnyDpi) {
  FigureSpec figure = parse_figure("column");
  figure.dpi = 150;
  const double at150 = figure.pixels_for_pt(figure.font_pt) / figure.width_pixels();
  figure.dpi = 600;
  const double at600 = figure.pixels_for_pt(figure.font_pt) / figure.width_pixels();
  EXPECT_NEAR(at150, at600, 1e-3);
  EXPECT_DOUBLE_EQ(figure.pixels_for_pt(72), 600);
  EXPECT_DOUBLE_EQ(figure.line_pixels(0.1), figure.pixels_for_pt(FigureSpec::kMinLinePt));
}

TEST(FigureSpec, CustomSizesInMillimetres) {
  const FigureSpec figure = parse_figure("120x80");
  EXPECT_DOUBLE_EQ(figure.width_mm, 120);
  EXPECT_DOUBLE_EQ(figure.height_mm, 80);
  EXPECT_DOUBLE_EQ(parse_figure("120x80mm").height_mm, 80);
}

TEST(FigureSpec, BadSizesNameTheFieldAndTheLimit) {
  for (const char* text : {"", "column2", "x80", "120x", "12ax80", "nanxnan", "120x80x3"}) {
    try {
      parse_figure(text);
      ADD_FAILURE() << "accepted " << text;
    } catch (const InputError& error) {
      EXPECT_EQ(error.field().rfind("--figure", 0), 0u) << text;
    }
  }
  try {
    parse_figure("5x80");
    ADD_FAILURE();
  } catch (const InputError& error) {
    EXPECT_EQ(error.field(), "--figure width");
    EXPECT_NE(error.limit().find("[20, 1000]"), std::string::npos);
  }
  FigureSpec huge = parse_figure("1000x1000");
  huge.dpi = 1200;
  EXPECT_THROW(validate_figure(huge), InputError);
  huge.dpi = 10;
  EXPECT_THROW(validate_figure(huge), InputError);
}

}  // namespace
}  // namespace amla
