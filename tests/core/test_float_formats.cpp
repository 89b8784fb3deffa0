#include "core/numerics/float_formats.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/numerics/float_bits.h"

namespace amla {
namespace {

// Hand-checked: each tie, the carries, the specials.
TEST(Bf16, RoundToNearestEvenTable) {
  struct Row {
    std::uint32_t in;
    std::uint16_t out;
  };
  const Row rows[] = {
      {0x3F800000, 0x3F80},                        // 1.0
      {0x3F807FFF, 0x3F80},                        // just below the tie
      {0x3F808000, 0x3F80},                        // tie, 0x3F80 is even: stays
      {0x3F808001, 0x3F81},                        // just above the tie
      {0x3F818000, 0x3F82},                        // tie, 0x3F81 is odd: rounds up to even
      {0x3F80FFFF, 0x3F81}, {0x3FFF8000, 0x4000},  // carry into the exponent (1.99609375 -> 2.0)
      {0x7F7FFFFF, 0x7F80},  // FLT_MAX rounds to +inf (above BF16 max + half ulp)
      {0x7F7F7FFF, 0x7F7F},  // stays at BF16 max
      {0x80000000, 0x8000},  // -0
      {0x00008000, 0x0000},  // subnormal tie to even
      {0x00018000, 0x0002},  // subnormal tie to even, up
      {0x7F800000, 0x7F80},  // +inf
      {0xFF800000, 0xFF80},  // -inf
      {0xC0490FDB, 0xC049},  // -pi
  };
  for (const auto& r : rows) {
    EXPECT_EQ(bf16_bits_from_float(float_of(r.in)), r.out) << hex32(r.in);
  }
}

TEST(Bf16, NanStaysNan) {
  for (std::uint32_t nan : {0x7FC00000u, 0x7F800001u, 0xFF800001u, 0x7FFFFFFFu, 0x7F80FFFFu}) {
    const std::uint16_t b = bf16_bits_from_float(float_of(nan));
    EXPECT_TRUE(std::isnan(float_from_bf16_bits(b))) << hex32(nan);
    EXPECT_EQ(b & 0x8000, (nan >> 16) & 0x8000);  // sign kept
  }
}

TEST(Bf16, RoundingIsIdempotentAndWithinHalfUlp) {
  for (float x : {0.1f, 1.0f / 3.0f, 123.456f, -7.77e-20f, 3.0e38f}) {
    const float r = bf16_round(x);
    EXPECT_EQ(bf16_round(r), r);
    EXPECT_LE(std::fabs(r - x), std::ldexp(std::fabs(x), -8));
  }
}

TEST(Fp16, Table) {
  EXPECT_EQ(fp16_bits_from_float(1.0f), 0x3C00);
  EXPECT_EQ(fp16_bits_from_float(65504.0f), 0x7BFF);
  EXPECT_EQ(fp16_bits_from_float(65519.0f), 0x7BFF);
  EXPECT_EQ(fp16_bits_from_float(65520.0f), 0x7C00);  // the tie rounds to infinity
  EXPECT_EQ(fp16_bits_from_float(std::ldexp(1.0f, -24)), 0x0001);
  EXPECT_EQ(fp16_bits_from_float(std::ldexp(1.0f, -25)), 0x0000);         // tie to even
  EXPECT_EQ(fp16_bits_from_float(3.0f * std::ldexp(1.0f, -25)), 0x0002);  // tie to even
  EXPECT_EQ(fp16_bits_from_float(0.1f), 0x2E66);
  EXPECT_EQ(fp16_bits_from_float(-2.0f), 0xC000);
  EXPECT_EQ(fp16_bits_from_float(1.0f + std::ldexp(1.0f, -11)), 0x3C00);  // tie to even
  EXPECT_EQ(fp16_bits_from_float(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3C02);
  EXPECT_TRUE(std::isnan(fp16_round(float_of(0x7FC00000))));
}

TEST(Fp16, EveryHalfRoundTripsThroughFloat) {
  for (std::uint32_t h = 0; h < 0x10000; ++h) {
    const float f = float_from_fp16_bits(static_cast<std::uint16_t>(h));
    if (std::isnan(f)) continue;
    ASSERT_EQ(fp16_bits_from_float(f), h) << std::hex << h;
  }
}

TEST(RoundHalfAway, MatchesAscendCastRound) {
  EXPECT_EQ(round_half_away(2.5), 3);
  EXPECT_EQ(round_half_away(-2.5), -3);
  EXPECT_EQ(round_half_away(0.5), 1);
  EXPECT_EQ(round_half_away(-0.49), 0);
}

}  // namespace
}  // namespace amla
