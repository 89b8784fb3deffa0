// What a figure shows (core/view/figure_content.h): the lists the CLI and the dialog read, and
// the checks against a run, each refusal naming the flag.
#include <gtest/gtest.h>

#include "core/common/input_error.h"
#include "core/view/figure_content.h"

namespace amla {
namespace {

TEST(FigureContent, CoreListsRoundTrip) {
  EXPECT_EQ(parse_core_list("0-1,4"), std::vector<int>({0, 1, 4}));
  EXPECT_EQ(parse_core_list("4,0-2,1"), std::vector<int>({0, 1, 2, 4}));
  EXPECT_EQ(core_list_text({0, 1, 2, 4, 6, 7}), "0-2,4,6-7");
  for (const char* bad : {"", "a", "1-", "-1", "3-1", "0,,1", "4096", "1.5"}) {
    EXPECT_THROW(parse_core_list(bad), InputError) << bad;
  }
}

TEST(FigureContent, UnitsPipesAndBuffersByName) {
  EXPECT_EQ(parse_unit_list("AIC,aiv1"), 0b101u);
  EXPECT_EQ(unit_list_text(0b011), "aic,aiv0");
  EXPECT_EQ(parse_pipe_list("mte2,CUBE"), (1u << 1) | (1u << 3));
  EXPECT_EQ(parse_pipe_list(pipe_list_text(0x7f)), 0x7fu);
  try {
    parse_unit_list("aic,gpu");
    ADD_FAILURE() << "gpu accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--units");
    EXPECT_EQ(e.value(), "gpu");
  }
  EXPECT_THROW(parse_pipe_list("warp"), InputError);
  EXPECT_EQ(parse_buffer_keys("L1, ub"), std::vector<std::string>({"l1", "ub"}));
  EXPECT_TRUE(buffer_key_matches("ub", "UB (AIV0)"));
  EXPECT_TRUE(buffer_key_matches("ubaiv1", "UB (AIV1)"));
  EXPECT_FALSE(buffer_key_matches("ubaiv1", "UB (AIV0)"));
  EXPECT_TRUE(buffer_key_matches("l0", "L0C"));
  EXPECT_FALSE(buffer_key_matches("l0", "L1"));
  EXPECT_THROW(parse_buffer_keys("l1,,"), InputError);
}

TEST(FigureContent, LegendPositionsByName) {
  for (const LegendPositionName& p : legend_positions()) {
    EXPECT_EQ(parse_legend_position(p.name), p.position) << p.name;
    EXPECT_EQ(legend_position_name(p.position), p.name);
  }
  EXPECT_EQ(parse_legend_position("RIGHT"), LegendPosition::kRight);
  EXPECT_EQ(legend_position_choices(), "top, bottom, right, none");
  try {
    parse_legend_position("left");
    ADD_FAILURE() << "left accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--legend");
    EXPECT_EQ(e.value(), "left");
    EXPECT_NE(e.limit().find("top, bottom, right, none"), std::string::npos) << e.limit();
  }
}

TEST(FigureContent, RangesAndTheRunsLimits) {
  EXPECT_EQ(parse_time_range_us("10:60.5"), std::make_pair(10.0, 60.5));
  for (const char* bad : {"10", "5:1", "1:1", "-1:2", "nan:5", "1:inf", "a:b"}) {
    EXPECT_THROW(parse_time_range_us(bad), InputError) << bad;
  }
  TimelineFigureContent c;
  c.cores = {0, 3};
  EXPECT_NO_THROW(check_figure_content(c, 4, 100));
  const auto field_of = [](const TimelineFigureContent& content) {
    try {
      check_figure_content(content, 4, 100);
    } catch (const InputError& e) {
      return e.field();
    }
    return std::string();
  };
  c.cores = {0, 4};
  EXPECT_EQ(field_of(c), "--cores");
  c.cores = {0};
  c.range_us = std::make_pair(50.0, 101.0);
  EXPECT_EQ(field_of(c), "--range");
  c.range_us = std::make_pair(50.0, 100.0);
  EXPECT_EQ(field_of(c), "");
  // AIV units have no CUBE pipe: nothing left to draw.
  c.units = 0b110;
  c.pipes = 1u << static_cast<int>(Pipe::kCube);
  EXPECT_EQ(field_of(c), "--pipes");
}

}  // namespace
}  // namespace amla
