#include "ui/numerics/hazard_presets.h"

namespace amla::ui {

const std::vector<HazardPreset>& hazard_presets() {
  static const std::vector<HazardPreset> presets = {
      {"+0, n = -3: borrow into the sign bit", {0x00000000u, -3, 0}},
      {"-0, n = -3: the sign flips", {0x80000000u, -3, 0}},
      {"+0, n = +3: zero becomes a tiny normal", {0x00000000u, 3, 0}},
      {"2^-140 subnormal, n = -1: wraps to NaN", {0x00000200u, -1, 0}},
      {"2^-140 subnormal, n = +1: a hidden bit appears", {0x00000200u, 1, 0}},
      {"2^-126, n = -1: gradual underflow lost", {0x00800000u, -1, 0}},
      {"2^-126, n = -2: wraps to -inf", {0x00800000u, -2, 0}},
      {"1.0, n = -127: gradual underflow lost", {0x3F800000u, -127, 0}},
      {"1.0, n = -128: wraps to -inf", {0x3F800000u, -128, 0}},
      {"1.0, n = -150: wraps to a large negative", {0x3F800000u, -150, 0}},
      {"FLT_MAX, n = +1: overflows into NaN", {0x7F7FFFFFu, 1, 0}},
      {"2^127, n = +2: carry into the sign bit", {0x7F000000u, 2, 0}},
      {"+inf, n = -1: infinity becomes finite", {0x7F800000u, -1, 0}},
      {"qNaN, n = -1: NaN becomes finite", {0x7FC00000u, -1, 0}},
      {"-1.0, n = -200: the sign flips", {0xBF800000u, -200, 0}},
      {"-30 clamp: 1.0, n = -30 (the smallest step AMLA takes)", {0x3F800000u, -30, 0}},
  };
  return presets;
}

}  // namespace amla::ui
