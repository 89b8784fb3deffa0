#include "core/numerics/float_bits.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/common/input_error.h"

namespace amla {
namespace {

struct HazardRow {
  std::uint32_t input;
  int shift;
  std::uint32_t result;
  RescaleClass expected;
};

// The spec's table (amla-numerics.md section 4), bit for bit.
TEST(ExponentAdd, SpecHazardTableBitForBit) {
  const HazardRow rows[] = {
      {0x00000000, -3, 0xFE800000, RescaleClass::kZeroGarbage},
      {0x80000000, -3, 0x7E800000, RescaleClass::kZeroGarbage},
      {0x00000000, +3, 0x01800000, RescaleClass::kZeroGarbage},
      {0x00000200, -1, 0xFF800200, RescaleClass::kSubnormalInput},
      {0x00000200, +1, 0x00800200, RescaleClass::kSubnormalInput},
      {0x00800000, -1, 0x00000000, RescaleClass::kUnderflowLost},
      {0x00800000, -2, 0xFF800000, RescaleClass::kUnderflowWrap},
      {0x3F800000, -127, 0x00000000, RescaleClass::kUnderflowLost},
      {0x3F800000, -128, 0xFF800000, RescaleClass::kUnderflowWrap},
      {0x3F800000, -150, 0xF4800000, RescaleClass::kUnderflowWrap},
      {0x7F7FFFFF, +1, 0x7FFFFFFF, RescaleClass::kOverflowWrap},
      {0x7F000000, +2, 0x80000000, RescaleClass::kOverflowWrap},
      {0x7F800000, -1, 0x7F000000, RescaleClass::kInfLost},
      {0x7FC00000, -1, 0x7F400000, RescaleClass::kNanLost},
      {0xBF800000, -200, 0x5B800000, RescaleClass::kUnderflowWrap},
  };
  for (const auto& row : rows) {
    const RescaleReport r = analyze_exponent_add(row.input, row.shift);
    EXPECT_EQ(r.result_bits, row.result) << hex32(row.input) << " n=" << row.shift;
    EXPECT_EQ(r.classification, row.expected) << hex32(row.input) << " n=" << row.shift << " got "
                                              << rescale_class_name(r.classification);
    EXPECT_TRUE(is_hazard(r.classification));
    EXPECT_EQ(r.reference_bits, bits_of(std::ldexp(float_of(row.input), row.shift)));
  }
}

TEST(ExponentAdd, SpecReferenceValues) {
  EXPECT_EQ(analyze_exponent_add(0x3F800000, -150).reference_bits, 0x00000000u);  // tie to even
  EXPECT_EQ(analyze_exponent_add(0x7F7FFFFF, 1).reference_bits, 0x7F800000u);
  EXPECT_EQ(analyze_exponent_add(0xBF800000, -200).reference_bits, 0x80000000u);
  // qNaN -1 gives a finite number while ldexp keeps the NaN: no ULP distance exists.
  EXPECT_FALSE(analyze_exponent_add(0x7FC00000, -1).ulp_distance.has_value());
  EXPECT_EQ(analyze_exponent_add(0x3F800000, -3).ulp_distance.value(), 0);
}

TEST(ExponentAdd, MillionRandomNormalInputsMatchLdexpBitForBit) {
  std::mt19937_64 rng(12345);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::uniform_int_distribution<int> exponent_pick(-60, 60);
  long mismatches = 0;
  long tested = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    const float x = std::ldexp(normal(rng), exponent_pick(rng));
    const int e = static_cast<int>(fields_of(bits_of(x)).exponent);
    if (e == 0) continue;
    // A shift that keeps the result normal: 1 <= e + n <= 254.
    std::uniform_int_distribution<int> shift_pick(1 - e, 254 - e);
    const int n = shift_pick(rng);
    const std::uint32_t added = exponent_add_bits(bits_of(x), exponent_addend(n));
    const std::uint32_t reference = bits_of(std::ldexp(x, n));
    mismatches += added != reference;
    ++tested;
    ASSERT_EQ(classify_exponent_add(bits_of(x), exponent_addend(n)), RescaleClass::kExact);
  }
  EXPECT_GT(tested, 990'000);
  EXPECT_EQ(mismatches, 0);
}

TEST(ExponentAdd, CompensationIsClassifiedAndMeasured) {
  const RescaleReport r = analyze_exponent_add(0x3F800000, -3, 5);
  EXPECT_EQ(r.result_bits, 0x3E000005u);
  EXPECT_EQ(r.classification, RescaleClass::kCompensated);
  ASSERT_TRUE(r.ulp_distance.has_value());
  EXPECT_EQ(*r.ulp_distance, 5);
  EXPECT_FALSE(is_hazard(r.classification));
}

TEST(ExponentAdd, ZeroShiftIsExactEvenForSpecialValues) {
  for (std::uint32_t bits : {0x00000000u, 0x80000000u, 0x7F800000u, 0x7FC00000u, 0x00000001u}) {
    EXPECT_EQ(analyze_exponent_add(bits, 0).classification, RescaleClass::kExact) << hex32(bits);
  }
}

TEST(ExponentAdd, NanStaysNanButPayloadChanges) {
  const RescaleReport r = analyze_exponent_add(0x7FC00000, 0, 3);
  EXPECT_EQ(r.classification, RescaleClass::kNanPayloadChanged);
  EXPECT_FALSE(r.ulp_distance.has_value());
}

TEST(ExponentAdd, OrderedIndexGivesUlpDistanceAcrossZero) {
  EXPECT_EQ(ordered_index(0x00000001) - ordered_index(0x80000001), 2);
  EXPECT_EQ(ordered_index(0x80000000), 0);
}

TEST(FloatText, ParsesEveryAcceptedForm) {
  EXPECT_EQ(parse_float_bits("v", "1.5"), 0x3FC00000u);
  EXPECT_EQ(parse_float_bits("v", "-0"), 0x80000000u);
  EXPECT_EQ(parse_float_bits("v", "inf"), 0x7F800000u);
  EXPECT_EQ(parse_float_bits("v", "-inf"), 0xFF800000u);
  EXPECT_EQ(parse_float_bits("v", "nan"), 0x7FC00000u);
  EXPECT_EQ(parse_float_bits("v", "0x00000200"), 0x00000200u);
  EXPECT_EQ(parse_float_bits("v", "0.1"), bits_of(0.1f));
  EXPECT_EQ(parse_float_bits("v", "1e-45"), 0x00000001u);
}

TEST(FloatText, RejectsGarbageNamingTheField) {
  for (const char* bad : {"", "abc", "1.5x", "0x", "0x123456789", "0xZZ", "1e39"}) {
    try {
      parse_float_bits("--value", bad);
      FAIL() << "accepted '" << bad << "'";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "--value");
    }
  }
}

TEST(FloatText, FieldStringSplitsSignExponentFraction) {
  EXPECT_EQ(field_string(0xBF800000), "1 | 01111111 | 00000000000000000000000");
  EXPECT_EQ(hex32(0x7F7FFFFF), "0x7F7FFFFF");
}

}  // namespace
}  // namespace amla
