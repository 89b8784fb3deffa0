#include <gtest/gtest.h>

#include <cmath>

#include "core/common/input_error.h"
#include "core/numerics/float_bits.h"
#include "core/numerics/numerics_run.h"

namespace amla {
namespace {

AttentionInputs flashmla_inputs(int rows, int kv_len, std::uint64_t seed = 0) {
  InputSpec spec;
  spec.rows = rows;
  spec.kv_len = kv_len;
  spec.seed = seed;
  return generate_inputs(spec);
}

class FlashMlaCriterion : public ::testing::TestWithParam<int> {};

// Both emulations meet FlashMLA's dense-decode criterion on FlashMLA-style data.
TEST_P(FlashMlaCriterion, BothVariantsPass) {
  const NumericsRun run = run_numerics(flashmla_inputs(128, GetParam()), {});
  EXPECT_TRUE(run.baseline.metrics.flashmla_pass)
      << "failing " << run.baseline.metrics.failing_elements << " cos "
      << run.baseline.metrics.cos_diff;
  EXPECT_TRUE(run.amla.metrics.flashmla_pass)
      << "failing " << run.amla.metrics.failing_elements << " cos " << run.amla.metrics.cos_diff;
  // FlashAttention's rule of thumb: within 2x the error of the plain implementation.
  EXPECT_LE(run.amla.metrics.max_abs_err, 2.0 * run.baseline.metrics.max_abs_err);
  EXPECT_EQ(run.amla.guard_hits, 0u);
}
INSTANTIATE_TEST_SUITE_P(SequenceLengths, FlashMlaCriterion, ::testing::Values(4096, 16384));

// With the compensation and the epsilon off, N = dn * 2^23 exactly, and the integer add must
// equal the exact float multiply by 2^dn bit for bit wherever no hazard occurs.
TEST(AmlaEmulation, ExponentAddEqualsExactMultiplyBitForBit) {
  const AttentionInputs in = flashmla_inputs(64, 4096, 3);
  NumericsConfig on;
  on.blocking.kv_block = 256;
  on.switches.compensation = false;
  on.switches.epsilon = 0.0;
  NumericsConfig off = on;
  off.switches.exponent_add = false;
  const NumericsRun a = run_numerics(in, on);
  const NumericsRun b = run_numerics(in, off);
  for (std::size_t c = 0; c < a.amla.rescale_classes.size(); ++c) {
    if (c != static_cast<std::size_t>(RescaleClass::kExact)) {
      EXPECT_EQ(a.amla.rescale_classes[c], 0u) << rescale_class_name(static_cast<RescaleClass>(c));
    }
  }
  EXPECT_GT(a.amla.rescale_classes[0], 0u);
  ASSERT_EQ(a.amla.accumulator.size(), b.amla.accumulator.size());
  for (Eigen::Index i = 0; i < a.amla.accumulator.size(); ++i) {
    ASSERT_EQ(bits_of(a.amla.accumulator.data()[i]), bits_of(b.amla.accumulator.data()[i])) << i;
  }
  EXPECT_EQ(a.amla.output, b.amla.output);
}

TEST(AmlaEmulation, StateFollowsTheSpec) {
  const NumericsRun run = run_numerics(flashmla_inputs(16, 4096, 5), {});
  const float ln2 = std::log(2.0f);
  for (int r = 0; r < run.rows; ++r) {
    for (int b = 0; b < run.kv_blocks; ++b) {
      const RowBlockState& s = run.state(r, b);
      EXPECT_EQ(s.n, static_cast<int>(std::lround(-s.m / ln2)));
      EXPECT_LE(s.dn, 0);  // the running max never falls
      EXPECT_GE(s.c, 0.7071f * 0.9999f);
      EXPECT_LE(s.c, 1.4143f);
      EXPECT_LE(std::fabs(s.k - 1.0f), 1.0f / 256);  // BF16 unit roundoff
      if (b == 0) {
        EXPECT_EQ(s.N, 0);
        EXPECT_EQ(s.dn, 0);
      } else {
        const RowBlockState& p = run.state(r, b - 1);
        EXPECT_EQ(s.dn, s.n - p.n);
        EXPECT_GE(s.m, p.m);
        EXPECT_FLOAT_EQ(s.e, p.k / s.k - 1.0f);
        const double expected = (s.dn + 1.5 * s.e + 1e-6) * 8388608.0;
        EXPECT_NEAR(s.N, expected, 2.0 + std::fabs(expected) * 1e-7);
      }
    }
  }
}

TEST(AmlaEmulation, IntegerCompensationStaysWithinItsDerivedBound) {
  // Adding round(1.5 e 2^23) to F = 2^E (1 + f) multiplies it by 1 + 1.5 e / (1 + f) instead of
  // 1 + e: a relative slip of |e| |1.5 / (1 + f) - 1| <= |e| / 2 per rescale. Compare with the
  // exact-multiply path, row by row, against the sum of those slips (x2 for sign mixing in O).
  const AttentionInputs in = flashmla_inputs(32, 4096, 7);
  NumericsConfig mul;
  mul.switches.exponent_add = false;
  const NumericsRun a = run_numerics(in, {});
  const NumericsRun m = run_numerics(in, mul);
  double worst_ratio = 0;
  for (int r = 0; r < a.rows; ++r) {
    double bound = 0;
    for (int b = 1; b < a.kv_blocks; ++b) bound += 0.5 * std::fabs(a.state(r, b).e) + 0x1p-22;
    const double diff =
        (a.amla.accumulator.row(r) - m.amla.accumulator.row(r)).cwiseAbs().maxCoeff();
    const double scale = m.amla.accumulator.row(r).cwiseAbs().maxCoeff();
    EXPECT_LE(diff, 2.0 * bound * scale) << "row " << r;
    worst_ratio = std::max(worst_ratio, diff / (bound * scale));
  }
  EXPECT_GT(worst_ratio, 0.0);  // the two paths do differ
  EXPECT_TRUE(m.amla.metrics.flashmla_pass);
}

TEST(AmlaEmulation, KvBlockSizeChangesTheWalkNotTheAnswer) {
  const AttentionInputs in = flashmla_inputs(16, 2048, 9);
  NumericsConfig small;
  small.blocking.kv_block = 128;
  NumericsConfig large;
  large.blocking.kv_block = 1024;
  const NumericsRun a = run_numerics(in, small);
  const NumericsRun b = run_numerics(in, large);
  EXPECT_EQ(a.kv_blocks, 16);
  EXPECT_EQ(b.kv_blocks, 2);
  EXPECT_EQ(a.amla.states.size(), 16u * 16u);
  EXPECT_LT((a.amla.output - b.amla.output).cwiseAbs().maxCoeff(), 1e-4);
  EXPECT_TRUE(a.amla.metrics.flashmla_pass);
}

TEST(AmlaEmulation, RowsPerTaskAndThreadsDoNotChangeResults) {
  const AttentionInputs in = flashmla_inputs(64, 1024, 11);
  NumericsConfig one;
  one.blocking.rows_per_task = 64;
  one.threads = 1;
  NumericsConfig split;
  split.blocking.rows_per_task = 8;
  split.threads = 2;
  const NumericsRun a = run_numerics(in, one);
  const NumericsRun b = run_numerics(in, split);
  EXPECT_LT((a.amla.output - b.amla.output).cwiseAbs().maxCoeff(), 1e-5);
  EXPECT_EQ(a.amla.metrics.flashmla_pass, b.amla.metrics.flashmla_pass);
  // Deterministic: the same configuration twice gives the same bits.
  const NumericsRun c = run_numerics(in, split);
  EXPECT_EQ(b.amla.output, c.amla.output);
  EXPECT_EQ(b.baseline.output, c.baseline.output);
}

TEST(AmlaEmulation, ErrorGrowthIsRecordedPerRowAndBlock) {
  const NumericsRun run = run_numerics(flashmla_inputs(8, 2048), {});
  ASSERT_EQ(run.amla.growth.rows(), 8);
  ASSERT_EQ(run.amla.growth.cols(), 4);
  EXPECT_TRUE(run.amla.growth.allFinite());
  EXPECT_LT(run.amla.growth.maxCoeff(), 1e-2);
  EXPECT_GT(run.amla.growth.maxCoeff(), 0.0f);  // FP32 accumulation is not exact
}

TEST(AmlaEmulation, CancelStopsTheRun) {
  std::atomic<bool> cancel{true};
  JobControl control;
  control.cancel = &cancel;
  EXPECT_THROW(run_numerics(flashmla_inputs(8, 1024), {}, control), Cancelled);
}

TEST(AmlaEmulation, ProgressReachesOne) {
  double last = 0;
  int calls = 0;
  JobControl control;
  control.progress = [&](double p) {
    EXPECT_GE(p, last);
    last = p;
    ++calls;
  };
  NumericsConfig config;
  config.blocking.kv_block = 256;
  run_numerics(flashmla_inputs(8, 1024), config, control);
  EXPECT_EQ(calls, 4);
  EXPECT_DOUBLE_EQ(last, 1.0);
}

TEST(AmlaEmulation, BadSwitchesAndBlockingNameTheField) {
  const AttentionInputs in = flashmla_inputs(4, 256);
  NumericsConfig c;
  c.blocking.kv_block = 0;
  try {
    run_numerics(in, c);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "kv-block");
  }
  c = {};
  c.switches.clamp_value = 5;
  EXPECT_THROW(run_numerics(in, c), InputError);
}

}  // namespace
}  // namespace amla
