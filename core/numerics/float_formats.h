#pragma once
// BF16 and FP16 conversions with round to nearest even, as the Vector unit's casts do.
#include <cmath>
#include <cstdint>

namespace amla {

// BF16 = the top 16 bits of binary32. NaN stays NaN (quieted), never rounds into infinity.
std::uint16_t bf16_bits_from_float(float x);
float float_from_bf16_bits(std::uint16_t b);
inline float bf16_round(float x) { return float_from_bf16_bits(bf16_bits_from_float(x)); }

// IEEE binary16: round to nearest even, gradual underflow, overflow to infinity.
std::uint16_t fp16_bits_from_float(float x);
float float_from_fp16_bits(std::uint16_t h);
inline float fp16_round(float x) { return float_from_fp16_bits(fp16_bits_from_float(x)); }

// Round half away from zero to an integer, like Ascend's CAST_ROUND.
// std::llround rounds halves away from zero; out-of-range input gives an unspecified value,
// never undefined behaviour, so callers clamp first where it matters.
inline std::int64_t round_half_away(double x) { return std::llround(x); }

}  // namespace amla
