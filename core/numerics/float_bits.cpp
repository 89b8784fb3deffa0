#include "core/numerics/float_bits.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/common/input_error.h"

namespace amla {

std::int32_t exponent_addend(std::int64_t shift, std::int64_t compensation) {
  const std::int64_t wide = shift * kExponentUnit + compensation;
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(wide));
}

const char* rescale_class_name(RescaleClass c) {
  switch (c) {
    case RescaleClass::kExact:
      return "exact";
    case RescaleClass::kCompensated:
      return "compensated";
    case RescaleClass::kZeroGarbage:
      return "zero_garbage";
    case RescaleClass::kSubnormalInput:
      return "subnormal_input";
    case RescaleClass::kUnderflowLost:
      return "underflow_lost";
    case RescaleClass::kUnderflowWrap:
      return "underflow_wrap";
    case RescaleClass::kOverflowWrap:
      return "overflow_wrap";
    case RescaleClass::kInfLost:
      return "inf_lost";
    case RescaleClass::kNanLost:
      return "nan_lost";
    case RescaleClass::kNanPayloadChanged:
      return "nan_payload_changed";
  }
  return "unknown";
}

bool is_hazard(RescaleClass c) {
  return c != RescaleClass::kExact && c != RescaleClass::kCompensated;
}

float ldexp_f32(float x, std::int64_t shift) {
  // std::ldexp on float rounds correctly (to nearest even) when the result is subnormal.
  if (shift > 400) shift = 400;
  if (shift < -400) shift = -400;
  return std::ldexp(x, static_cast<int>(shift));
}

std::int64_t ordered_index(std::uint32_t bits) {
  const std::int64_t magnitude = bits & ~kSignMask;
  return (bits & kSignMask) ? -magnitude : magnitude;
}

static bool is_nan_bits(std::uint32_t b) {
  return (b & kExponentMask) == kExponentMask && (b & kFractionMask) != 0;
}

RescaleClass classify_exponent_add(std::uint32_t bits, std::int32_t addend) {
  const FloatFields in = fields_of(bits);
  if (in.exponent == 0xFF) {
    if (addend == 0) return RescaleClass::kExact;
    if (in.fraction == 0) return RescaleClass::kInfLost;
    return is_nan_bits(exponent_add_bits(bits, addend)) ? RescaleClass::kNanPayloadChanged
                                                        : RescaleClass::kNanLost;
  }
  if (in.exponent == 0) {
    if (addend == 0) return RescaleClass::kExact;
    return in.fraction == 0 ? RescaleClass::kZeroGarbage : RescaleClass::kSubnormalInput;
  }
  // Normal input: follow the magnitude through a wide add to see where the exponent lands.
  const std::int64_t moved = static_cast<std::int64_t>(bits & ~kSignMask) + addend;
  if (moved < 0) return RescaleClass::kUnderflowWrap;
  if (moved < 0x00800000) return RescaleClass::kUnderflowLost;
  if (moved >= 0x7F800000) return RescaleClass::kOverflowWrap;
  return (addend & kFractionMask) == 0 ? RescaleClass::kExact : RescaleClass::kCompensated;
}

RescaleReport analyze_exponent_add(std::uint32_t input_bits, std::int64_t shift,
                                   std::int64_t compensation) {
  RescaleReport r{};
  r.input_bits = input_bits;
  r.addend = exponent_addend(shift, compensation);
  r.result_bits = exponent_add_bits(input_bits, r.addend);
  r.reference_bits = bits_of(ldexp_f32(float_of(input_bits), shift));
  if (!is_nan_bits(r.result_bits) && !is_nan_bits(r.reference_bits)) {
    r.ulp_distance = ordered_index(r.result_bits) - ordered_index(r.reference_bits);
  }
  const bool identical = r.result_bits == r.reference_bits;
  const std::int64_t wide = shift * kExponentUnit + compensation;
  if (wide != static_cast<std::int64_t>(r.addend)) {
    // The shift itself does not fit the INT32 adder: whatever comes out is a wrap.
    r.classification =
        identical ? RescaleClass::kExact
                  : (shift < 0 ? RescaleClass::kUnderflowWrap : RescaleClass::kOverflowWrap);
    return r;
  }
  r.classification = classify_exponent_add(input_bits, r.addend);
  if (identical) {
    r.classification = RescaleClass::kExact;
  } else if (r.classification == RescaleClass::kExact) {
    r.classification = RescaleClass::kCompensated;  // e.g. a compensation of a whole 2^23
  }
  return r;
}

std::string hex32(std::uint32_t bits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", bits);
  return buf;
}

std::string field_string(std::uint32_t bits) {
  std::string s;
  for (int i = 31; i >= 0; --i) {
    s += ((bits >> i) & 1u) ? '1' : '0';
    if (i == 31 || i == 23) s += " | ";
  }
  return s;
}

std::uint32_t parse_float_bits(const std::string& field, const std::string& text) {
  const std::string limit =
      "expected a decimal number, inf, -inf, nan, -0 or a bit pattern 0xXXXXXXXX";
  if (text.empty()) throw InputError(field, "''", limit);
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    const std::string digits = text.substr(2);
    if (digits.empty() || digits.size() > 8 ||
        digits.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
      throw InputError(field, text, "a bit pattern has 1 to 8 hex digits after 0x");
    }
    return static_cast<std::uint32_t>(std::strtoul(digits.c_str(), nullptr, 16));
  }
  std::string lower;
  for (char ch : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower == "inf" || lower == "+inf" || lower == "infinity") return 0x7F800000u;
  if (lower == "-inf" || lower == "-infinity") return 0xFF800000u;
  if (lower == "nan" || lower == "+nan") return 0x7FC00000u;
  if (lower == "-nan") return 0xFFC00000u;
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || std::isnan(value) || std::isinf(value)) {
    throw InputError(field, text, limit);
  }
  // Decimal -> binary32 with one rounding (strtof), so "0.1" gives the float nearest 0.1.
  const float f = std::strtof(text.c_str(), nullptr);
  if (std::isinf(f)) throw InputError(field, text, "larger than FLT_MAX = 3.4028235e38");
  return bits_of(f);
}

}  // namespace amla
