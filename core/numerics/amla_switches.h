#pragma once
// Every detail of AMLA's rescale as a switch (spec amla-numerics.md, section 3), so users can
// turn each off and see what it was for.
#include <cstdint>

namespace amla {

struct AmlaSwitches {
  // On: as_int32(O) += N. Off: O = O * 2^dn by an exact float multiply, and the compensation
  // (when on) as the exact float factor (1 + e) that the integer trick approximates.
  bool exponent_add = true;
  // The 1.5 * e term that carries the BF16 rounding of c into the integer add.
  bool compensation = true;
  double mantissa_mean = 1.5;  // the mean of (1 + f) used in place of the unknown mantissa
  // dn is clamped from below so old O is never scaled by less than 2^clamp_value.
  bool clamp = true;
  int clamp_value = -30;
  // Before the final divide, elements with |x| > guard_threshold are set to 0.
  bool guard = true;
  double guard_threshold = 1e10;
  // The unexplained +1e-6 of the shipped code, added before the * 2^23 (0 = off).
  double epsilon = 1e-6;
};

void validate_switches(const AmlaSwitches& s);

}  // namespace amla
