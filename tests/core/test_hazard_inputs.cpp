// Each hazard input of the spec reproduces its failure, and each AMLA safeguard does its job.
#include <gtest/gtest.h>

#include <cmath>

#include "core/numerics/float_bits.h"
#include "core/numerics/numerics_run.h"

namespace amla {
namespace {

AttentionInputs hazard(InputDistribution d, double jump = 22.0) {
  InputSpec spec;
  spec.rows = 32;
  spec.kv_len = 2048;
  spec.distribution = d;
  spec.jump = jump;
  return generate_inputs(spec);
}

std::uint64_t count(const NumericsRun& run, RescaleClass c) {
  return run.amla.rescale_classes[static_cast<std::size_t>(c)];
}

TEST(Hazards, ZeroVColumnTurnsIntoGarbageAndTheGuardCatchesIt) {
  const AttentionInputs in = hazard(InputDistribution::kZeroV);
  NumericsConfig unguarded;
  unguarded.switches.guard = false;
  const NumericsRun bad = run_numerics(in, unguarded);
  const NumericsRun good = run_numerics(in, {});
  const int zero_columns = InputSpec{}.zero_v_columns;
  EXPECT_EQ(count(bad, RescaleClass::kZeroGarbage), 32u * zero_columns);
  // Without the guard the exact zeros of the golden come out as huge numbers.
  for (int r = 0; r < 32; ++r) {
    for (int c = 0; c < zero_columns; ++c) {
      ASSERT_EQ(bad.golden(r, c), 0.0);
      EXPECT_GT(std::fabs(bad.amla.accumulator(r, c)), 1e10f);
      EXPECT_EQ(good.amla.output(r, c), 0.0f);
    }
  }
  EXPECT_FALSE(bad.amla.metrics.flashmla_pass);
  EXPECT_TRUE(good.amla.metrics.flashmla_pass);
  EXPECT_EQ(good.amla.guard_hits, 32u * zero_columns);
  EXPECT_TRUE(good.baseline.metrics.flashmla_pass);  // the multiply keeps zero at zero
}

TEST(Hazards, MaxJumpEngagesTheClamp) {
  const NumericsRun run = run_numerics(hazard(InputDistribution::kMaxJump), {});
  const int jump_block = InputSpec{}.jump_token / NumericsConfig{}.blocking.kv_block;
  for (int r = 0; r < run.rows; ++r) {
    const RowBlockState& s = run.state(r, jump_block);
    EXPECT_TRUE(s.clamped);
    EXPECT_LT(s.dn, -30);  // 22 / ln2 = 31.7
    // dn clamped to -30; the compensation 1.5 e is at most 1.5 * 2^-7 (two BF16 roundings).
    EXPECT_NEAR(s.N, -30.0 * 8388608.0, 1.5 / 128 * 8388608.0);
  }
  // The clamp overweights the old blocks by 2^(-30 - dn), invisible in BF16.
  EXPECT_TRUE(run.amla.metrics.flashmla_pass);
}

TEST(Hazards, HugeJumpWrapsWithoutTheClamp) {
  const AttentionInputs in = hazard(InputDistribution::kMaxJump, 120.0);
  NumericsConfig no_clamp;
  no_clamp.switches.clamp = false;
  const NumericsRun bad = run_numerics(in, no_clamp);
  const NumericsRun good = run_numerics(in, {});
  EXPECT_GT(count(bad, RescaleClass::kUnderflowWrap), 0u);
  EXPECT_FALSE(bad.amla.metrics.flashmla_pass);
  EXPECT_EQ(count(good, RescaleClass::kUnderflowWrap), 0u);
  EXPECT_TRUE(good.amla.metrics.flashmla_pass);
  EXPECT_TRUE(bad.baseline.metrics.flashmla_pass);
}

TEST(Hazards, NanPaddingPoisonsTheBaselineAndIsSilentlyLostByAmla) {
  const NumericsRun run = run_numerics(hazard(InputDistribution::kNanPadding), {});
  EXPECT_TRUE(run.golden.allFinite());  // the padding is masked
  // The Cube multiplies P = 0 by the NaN rows of V: the baseline keeps the NaN to the end.
  EXPECT_GT(run.baseline.metrics.nonfinite_mismatches, 0u);
  EXPECT_FALSE(run.baseline.metrics.flashmla_pass);
  // AMLA's integer add turns the NaN into a finite number, the guard zeroes it: no NaN left,
  // and a wrong answer nobody is warned about.
  EXPECT_GT(count(run, RescaleClass::kNanLost), 0u);
  EXPECT_TRUE(run.amla.output.allFinite());
  EXPECT_EQ(run.amla.metrics.nonfinite_mismatches, 0u);
  EXPECT_FALSE(run.amla.metrics.flashmla_pass);
}

TEST(Hazards, AttentionSinkKeepsTheMaxFromTheFirstBlock) {
  const NumericsRun run = run_numerics(hazard(InputDistribution::kSink), {});
  for (int r = 0; r < run.rows; ++r) {
    EXPECT_GT(run.state(r, 0).m, 9.0f);  // the sink's boost of 10 dominates block 1
    for (int b = 1; b < run.kv_blocks; ++b) EXPECT_EQ(run.state(r, b).dn, 0);
  }
  EXPECT_TRUE(run.amla.metrics.flashmla_pass);
  EXPECT_TRUE(run.baseline.metrics.flashmla_pass);
}

}  // namespace
}  // namespace amla
