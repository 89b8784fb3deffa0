#include "core/numerics/float_formats.h"

#include <cmath>

#include "core/numerics/float_bits.h"

namespace amla {

std::uint16_t bf16_bits_from_float(float x) {
  const std::uint32_t u = bits_of(x);
  if ((u & kExponentMask) == kExponentMask && (u & kFractionMask) != 0) {
    // Keep the sign and the top payload bits, force the quiet bit so the result is a NaN.
    return static_cast<std::uint16_t>((u >> 16) | 0x0040u);
  }
  const std::uint32_t rounding = 0x7FFFu + ((u >> 16) & 1u);
  return static_cast<std::uint16_t>((u + rounding) >> 16);
}

float float_from_bf16_bits(std::uint16_t b) {
  return float_of(static_cast<std::uint32_t>(b) << 16);
}

std::uint16_t fp16_bits_from_float(float x) {
  const std::uint32_t u = bits_of(x);
  const std::uint16_t sign = static_cast<std::uint16_t>((u >> 16) & 0x8000u);
  const std::uint32_t magnitude = u & ~kSignMask;
  if (magnitude >= kExponentMask) {  // inf or NaN
    if (magnitude == kExponentMask) return sign | 0x7C00u;
    return static_cast<std::uint16_t>(sign | 0x7E00u | ((magnitude >> 13) & 0x3FFu));
  }
  // Work in double: exact for every binary32, and the scaled rounding below is then exact too.
  const double a = std::fabs(static_cast<double>(x));
  if (a >= 65520.0) return sign | 0x7C00u;  // rounds to infinity (65504 + half an ulp)
  if (a < std::ldexp(1.0, -14)) {
    // Subnormal half: units of 2^-24, round to nearest even.
    const double units = std::nearbyint(a * std::ldexp(1.0, 24));
    return static_cast<std::uint16_t>(sign | static_cast<std::uint16_t>(units));
  }
  int exponent = 0;
  const double mantissa = std::frexp(a, &exponent);   // a = mantissa * 2^exponent, [0.5, 1)
  double scaled = std::nearbyint(mantissa * 2048.0);  // 11 significant bits
  if (scaled >= 2048.0) {
    scaled /= 2.0;
    ++exponent;
  }
  const int biased = exponent - 1 + 15;
  if (biased >= 31) return sign | 0x7C00u;
  return static_cast<std::uint16_t>(sign | (biased << 10) |
                                    (static_cast<std::uint32_t>(scaled) & 0x3FFu));
}

float float_from_fp16_bits(std::uint16_t h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
  const int exponent = (h >> 10) & 0x1F;
  const std::uint32_t fraction = h & 0x3FFu;
  if (exponent == 0x1F) return float_of(sign | kExponentMask | (fraction << 13));
  double value = exponent == 0 ? std::ldexp(static_cast<double>(fraction), -24)
                               : std::ldexp(1.0 + fraction / 1024.0, exponent - 15);
  return static_cast<float>(sign ? -value : value);
}

}  // namespace amla
