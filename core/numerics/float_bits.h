#pragma once
// Bit-level view of binary32 and AMLA's "MUL by ADD": multiplying a float by 2^n by adding
// n * 2^23 to its INT32 image (plus an optional compensation addend), and classifying each
// result against the exact ldexp reference (spec amla-numerics.md, section 4).
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

namespace amla {

inline std::uint32_t bits_of(float x) {
  std::uint32_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

inline float float_of(std::uint32_t u) {
  float x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

constexpr std::uint32_t kSignMask = 0x80000000u;
constexpr std::uint32_t kExponentMask = 0x7F800000u;
constexpr std::uint32_t kFractionMask = 0x007FFFFFu;
constexpr int kExponentShift = 23;
constexpr std::int64_t kExponentUnit = std::int64_t{1} << kExponentShift;  // 2^23

struct FloatFields {
  unsigned sign;           // bit 31
  unsigned exponent;       // bits 30..23, biased
  std::uint32_t fraction;  // bits 22..0
};

inline FloatFields fields_of(std::uint32_t u) {
  return {u >> 31, (u >> 23) & 0xFFu, u & kFractionMask};
}

// The integer the kernel adds: shift * 2^23 + compensation, as the INT32 the hardware sees
// (wrapping modulo 2^32 like the INT32 adder does).
std::int32_t exponent_addend(std::int64_t shift, std::int64_t compensation = 0);

// as_float(as_int32(x) + addend) with two's-complement wrap, exactly what an INT32 add does.
inline std::uint32_t exponent_add_bits(std::uint32_t bits, std::int32_t addend) {
  return bits + static_cast<std::uint32_t>(addend);
}
inline float exponent_add(float x, std::int32_t addend) {
  return float_of(exponent_add_bits(bits_of(x), addend));
}

// What the integer add did to one value, compared with ldexp.
enum class RescaleClass {
  kExact,             // bit-identical to ldexp, no hazard
  kCompensated,       // in range; differs from ldexp only by the compensation addend
  kZeroGarbage,       // +-0 turned into a non-zero number (or its sign flipped)
  kSubnormalInput,    // input subnormal: the hidden bit is missing, the add is wrong
  kUnderflowLost,     // result exponent below 1 but not wrapped: gradual underflow lost
  kUnderflowWrap,     // result borrowed into the sign bit: sign flip, -inf or NaN
  kOverflowWrap,      // result exponent reached 255 or carried into the sign
  kInfLost,           // an infinity became finite (or NaN)
  kNanLost,           // a NaN became a number (or an infinity)
  kNanPayloadChanged  // still NaN, but not the NaN ldexp returns
};
constexpr int kRescaleClassCount = static_cast<int>(RescaleClass::kNanPayloadChanged) + 1;

const char* rescale_class_name(RescaleClass c);
bool is_hazard(RescaleClass c);

// Classifies the integer add of `addend` to `bits` without computing the reference (fast enough
// to run on every accumulator element). In range, an addend that is a multiple of 2^23 is exact;
// any other is compensated.
RescaleClass classify_exponent_add(std::uint32_t bits, std::int32_t addend);

struct RescaleReport {
  std::uint32_t input_bits;
  std::int32_t addend;
  std::uint32_t result_bits;
  std::uint32_t reference_bits;  // ldexp(input, shift) as binary32
  // ULP distance between result and reference along the ordered float line; empty when either
  // side is NaN (no ordering).
  std::optional<std::int64_t> ulp_distance;
  RescaleClass classification;
};

RescaleReport analyze_exponent_add(std::uint32_t input_bits, std::int64_t shift,
                                   std::int64_t compensation = 0);

// ldexp in binary32 with round-to-nearest-even on underflow (what a float multiply by 2^n gives).
float ldexp_f32(float x, std::int64_t shift);

// Signed position of a float on the ordered line (-0 and +0 both map to 0); for ULP distances.
std::int64_t ordered_index(std::uint32_t bits);

// "0x3F800000"
std::string hex32(std::uint32_t bits);
// "0 | 01111111 | 00000000000000000000000"
std::string field_string(std::uint32_t bits);

// Parses "1.5", "-0", "inf", "-inf", "nan", "0x3F800000" (bit pattern). Throws InputError(field).
std::uint32_t parse_float_bits(const std::string& field, const std::string& text);

}  // namespace amla
