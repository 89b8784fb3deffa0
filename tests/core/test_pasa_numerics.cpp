// The FP16 kernels (fp16, pasa): FP16 arithmetic where its bits are defined, PASA's fixed-point
// betas, the overflow PASA exists to prevent, its exactness in double, and the Ratio standard.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/common/input_error.h"
#include "core/numerics/accuracy_standards.h"
#include "core/numerics/golden_attention.h"
#include "core/numerics/numerics_run.h"
#include "core/numerics/numerics_variants.h"
#include "core/numerics/pasa_grid.h"
#include "core/numerics/pasa_kernel.h"
#include "core/numerics/reduced_precision.h"

namespace amla {
namespace {

const StageOverflow& stage_named(const OverflowCounts& c, const std::string& prefix) {
  for (const auto& s : c.stages) {
    if (s.stage.rfind(prefix, 0) == 0) return s;
  }
  ADD_FAILURE() << "no stage " << prefix;
  return c.stages.front();
}

InputSpec uniform(double mean, double amplitude, int rows, int kv_len) {
  InputSpec s;
  s.distribution = InputDistribution::kPasaUniform;
  s.mean = mean;
  s.amplitude = amplitude;
  s.rows = rows;
  s.kv_len = kv_len;
  s.seed = 2024724;
  return s;
}

NumericsConfig fp16_and_pasa() {
  NumericsConfig c;
  c.variants = {NumericsVariant::kFp16, NumericsVariant::kPasa};
  return c;
}

TEST(ReducedPrecision, Fp16RoundingIsExactWhereItsBitsAreDefined) {
  EXPECT_EQ(round_to(Arith::kFp16, 65504.0), 65504.0);
  EXPECT_EQ(round_to(Arith::kFp16, 65519.0), 65504.0);  // below 65504 + half an ulp (16)
  EXPECT_TRUE(std::isinf(round_to(Arith::kFp16, 65520.0)));
  EXPECT_EQ(round_to(Arith::kFp16, 1.0 + std::ldexp(1.0, -11)), 1.0);  // tie to even
  EXPECT_EQ(round_to(Arith::kFp16, 1.0 + 3 * std::ldexp(1.0, -11)), 1.0 + std::ldexp(1.0, -9));
  EXPECT_EQ(round_to(Arith::kFp16, std::ldexp(1.0, -24)), std::ldexp(1.0, -24));  // min subnormal
  EXPECT_EQ(round_to(Arith::kFp32, 1.0 + std::ldexp(1.0, -30)), 1.0);
  EXPECT_EQ(round_to(Arith::kFp64, 1.0 + std::ldexp(1.0, -30)), 1.0 + std::ldexp(1.0, -30));
}

TEST(ReducedPrecision, TreeSumRoundsEveryPartialAndCountsOverflow) {
  // 2048 + 1 = 2049 is not an FP16 value (spacing 2 above 2048): it rounds to even, 2048.
  const double values[] = {2048.0, 1.0};
  EXPECT_EQ(tree_sum(Arith::kFp16, values, 2), 2048.0);
  EXPECT_EQ(tree_sum(Arith::kFp32, values, 2), 2049.0);
  const double big[] = {40000.0, 40000.0};
  EXPECT_TRUE(std::isinf(tree_sum(Arith::kFp16, big, 2)));
  StageOverflow stage;
  MatrixD m(1, 3);
  m << 1.0, 70000.0, std::numeric_limits<double>::infinity();
  round_matrix(Arith::kFp16, m, stage);
  EXPECT_EQ(stage.inf, 1u);  // the inf that came in is not a new overflow
  EXPECT_EQ(stage.nan, 0u);
}

TEST(PasaSwitches, BetaFixedPointsAreTheSpecsThree) {
  EXPECT_NEAR(pasa_beta_fixed_point(1 - 1.0 / 16), kPasaBetaFp16, 5e-7);
  EXPECT_NEAR(pasa_beta_fixed_point(1 - 1.0 / 32), kPasaBetaBf16, 5e-7);
  EXPECT_NEAR(pasa_beta_fixed_point(1 - 1.0 / 64), kPasaBetaFine, 5e-7);
}

TEST(PasaSwitches, RefusesBetaOfOneAndUnknownNames) {
  PasaSwitches s;
  s.beta = 1.0;
  EXPECT_THROW(validate_pasa_switches(s), InputError);
  s.beta = -0.1;
  EXPECT_THROW(validate_pasa_switches(s), InputError);
  EXPECT_THROW(parse_pasa_precision("--pasa-precision", "fp8"), InputError);
  EXPECT_EQ(parse_pasa_mean("--pasa-mean", "fp32"), PasaMeanReduction::kFp32);
}

TEST(NumericsVariants, ParsesListsAndRefusesUnknownOrRepeatedNames) {
  const auto v = parse_variant_list("--variants", "pasa,amla");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0], NumericsVariant::kPasa);
  EXPECT_EQ(variant_list_text(v), "pasa,amla");
  EXPECT_THROW(parse_variant_list("--variants", "amla,fp8"), InputError);
  EXPECT_THROW(parse_variant_list("--variants", "amla,amla"), InputError);
  EXPECT_THROW(parse_variant_list("--variants", ""), InputError);
}

// The claim at MLA's widths (128 heads, 576 / 512 wide, S_k 4096, the reference's seed):
// mean 30, Am 0.5, uniform inputs. Plain FP16 overflows in S = Q K^T (every score is about
// 576 * 900 before the scale); PASA with its default beta stays finite and accurate.
TEST(PasaKernel, Fp16OverflowsWherePasaStaysFiniteAndAccurate) {
  const NumericsRun run =
      run_numerics(generate_inputs(uniform(30, 0.5, 128, 4096)), fp16_and_pasa());
  const auto& scores = stage_named(run.fp16.overflow, "S = Q K^T");
  EXPECT_EQ(scores.inf, 128u * 4096u);  // every score
  EXPECT_GT(run.fp16.overflow.total(), 0u);
  EXPECT_GT(run.fp16.metrics.nonfinite_mismatches, 0u);
  EXPECT_TRUE(std::isinf(run.fp16.metrics.relative_rmse));

  EXPECT_EQ(run.pasa.overflow.total(), 0u);
  EXPECT_TRUE(run.pasa.output.allFinite());
  EXPECT_EQ(run.pasa.metrics.nonfinite_mismatches, 0u);
  EXPECT_LT(run.pasa.metrics.relative_rmse, 5e-3);
  // Every KV block's shift removed most of the scores' bias (c sbar = beta mu, mu ~ 21,600).
  for (int b = 0; b < run.kv_blocks; ++b) {
    EXPECT_GT(run.pasa_state(0, b).shift, 10000.0f) << b;
    EXPECT_FALSE(run.pasa_state(0, b).overflowed) << b;
  }
}

// The spec's last section: 512 shifted scores of ~700 each sum past 65504 in a plain FP16 sum.
TEST(PasaKernel, PlainFp16RowMeanOverflowsWhereTheScaledSumDoesNot) {
  const AttentionInputs in = generate_inputs(uniform(30, 0.5, 8, 1024));
  NumericsConfig config = fp16_and_pasa();
  config.variants = {NumericsVariant::kPasa};
  config.pasa.mean = PasaMeanReduction::kFp16Sum;
  const NumericsRun plain = run_numerics(in, config);
  EXPECT_GT(stage_named(plain.pasa.overflow, "row mean").inf, 0u);
  config.pasa.mean = PasaMeanReduction::kFp16Scaled;
  const NumericsRun scaled = run_numerics(in, config);
  EXPECT_EQ(scaled.pasa.overflow.total(), 0u);
}

// With beta = 0 the shift vanishes: PASA computes the same softmax as plain FP16, differing only
// in where the scale is applied (folded into M vs in the Vector stage), on data that does not
// overflow.
TEST(PasaKernel, BetaZeroMatchesPlainFp16OnBenignData) {
  NumericsConfig config = fp16_and_pasa();
  config.pasa.beta = 0.0;
  const NumericsRun run = run_numerics(generate_inputs(uniform(0, 1, 16, 1024)), config);
  EXPECT_EQ(run.fp16.overflow.total(), 0u);
  EXPECT_EQ(run.pasa.overflow.total(), 0u);
  const double diff = (run.pasa.output - run.fp16.output).cast<double>().norm();
  const double norm = run.fp16.output.cast<double>().norm();
  EXPECT_LT(diff / norm, 5e-3);
  EXPECT_LT(run.fp16.metrics.relative_rmse, 5e-3);
  for (int b = 0; b < run.kv_blocks; ++b) EXPECT_EQ(run.pasa_state(3, b).shift, 0.0f);
}

// On benign data (no bias, small amplitude) PASA at its default beta is as accurate as plain FP16:
// the shift and recovery cost nothing visible there.
TEST(PasaKernel, DefaultBetaMatchesPlainFp16AccuracyOnBenignData) {
  const NumericsRun run = run_numerics(generate_inputs(uniform(0, 0.5, 16, 2048)), fp16_and_pasa());
  EXPECT_EQ(run.fp16.overflow.total(), 0u);
  EXPECT_EQ(run.pasa.overflow.total(), 0u);
  EXPECT_LT(run.fp16.metrics.relative_rmse, 2e-3);
  EXPECT_LT(run.pasa.metrics.relative_rmse, 2e-3);
  const double diff = (run.pasa.output - run.fp16.output).cast<double>().norm();
  EXPECT_LT(diff / run.fp16.output.cast<double>().norm(), 3e-3);
}

// Steps 1-9 in double: the shift and the recovery cancel exactly, so PASA equals the golden to
// rounding in FP64, through several blocks (a partial one last) and any beta.
TEST(PasaKernel, RecoveryIsExactInDouble) {
  const AttentionInputs in = generate_inputs(uniform(30, 0.5, 4, 1800));
  const MatrixD q64 = in.q.cast<double>();
  const MatrixD kv64 = in.kv.cast<double>();
  for (double beta : {kPasaBetaFp16, kPasaBetaFine, 0.5}) {
    PasaSwitches sw;
    sw.beta = beta;
    sw.precision = PasaPrecision::kFp64;
    const int kv_block = 512;
    const int blocks = block_count(in.kv_len(), kv_block);
    std::vector<PasaBlockState> states(static_cast<std::size_t>(in.rows() * blocks));
    PasaRowBlock pasa(in.q, in.scale, sw, states.data(), blocks);
    GoldenRowBlock golden(q64, in.scale);
    for (int b = 0; b < blocks; ++b) {
      KvBlockView view;
      view.index = b;
      view.first_token = b * kv_block;
      view.tokens = std::min(kv_block, in.kv_len() - view.first_token);
      view.kv = in.kv.row(view.first_token).data();
      view.valid = in.token_valid.data() + view.first_token;
      golden.step(kv64.middleRows(view.first_token, view.tokens), view);
      pasa.step(view);
      const MatrixD g = golden.output();
      const double err = (pasa.running_output_double() - g).cwiseAbs().maxCoeff();
      EXPECT_LT(err / g.cwiseAbs().maxCoeff(), 1e-12) << "beta " << beta << " block " << b;
    }
    EXPECT_EQ(pasa.overflow().total(), 0u);
  }
}

TEST(AccuracyStandards, RatioVerdictsFollowTheFormula) {
  ErrorMetrics reference;
  reference.mare = 0.01;
  reference.mere = 0.002;
  reference.rmse = 0.001;
  ErrorMetrics m;
  m.mare = 0.03;    // ratio 3: L0 and L1 (<= 10, <= 5), not L2 (<= 2)
  m.mere = 0.0026;  // ratio 1.3: L0, L1 (<= 1.5), not L2 (<= 1.2)
  m.rmse = 0.0011;  // ratio 1.1: every level
  RatioStandard r = ratio_standard(m, reference);
  EXPECT_DOUBLE_EQ(r.mare_ratio, 3.0);
  EXPECT_DOUBLE_EQ(r.mere_ratio, 1.3);
  EXPECT_DOUBLE_EQ(r.rmse_ratio, 1.1);
  EXPECT_TRUE(r.pass[0]);
  EXPECT_TRUE(r.pass[1]);
  EXPECT_FALSE(r.pass[2]);
  EXPECT_EQ(r.best_level, 1);
  EXPECT_STREQ(ratio_levels()[1].level, "L1");

  m.mere = 0.0041;  // ratio 2.05: fails even L0's MERE <= 2
  r = ratio_standard(m, reference);
  EXPECT_EQ(r.best_level, -1);

  EXPECT_DOUBLE_EQ(metric_ratio(0, 0), 1.0);  // both exact
  EXPECT_TRUE(std::isinf(metric_ratio(1e-9, 0)));
  const RatioStandard self = ratio_standard(reference, reference);
  EXPECT_EQ(self.best_level, 2);
  ErrorMetrics broken = reference;
  broken.nonfinite_mismatches = 1;
  EXPECT_EQ(ratio_standard(broken, reference).best_level, -1);
}

TEST(AccuracyStandards, CriteriaCarryNamesLevelsAndTheFormatsThreshold) {
  ErrorMetrics m;
  m.mere = 0.002;  // between 2^-10 and 2^-7
  m.mare = 0.01;
  m.ascend_pass = false;
  const auto fp16 = evaluate_criteria(m, m, OutputFormat::kFp16);
  ASSERT_EQ(fp16.size(), 5u);
  EXPECT_EQ(fp16[0].name, "FlashMLA");
  EXPECT_EQ(fp16[1].name, "Ascend Threshold");
  EXPECT_EQ(fp16[1].level, "FP16, T = 2^-10");
  EXPECT_EQ(fp16[2].name, "Ascend Ratio");
  EXPECT_EQ(fp16[2].level, "L0");
  EXPECT_EQ(fp16[4].level, "L2");
  EXPECT_TRUE(fp16[4].pass);  // ratio 1 against itself
  EXPECT_DOUBLE_EQ(threshold_for(OutputFormat::kBf16), 1.0 / 128);
  EXPECT_DOUBLE_EQ(threshold_for(OutputFormat::kFp16), 1.0 / 1024);
}

TEST(ErrorMetrics, RelativeRmseIsRmseOverTheGoldensRmsAndInfOnOverflow) {
  MatrixF a(1, 2);
  MatrixD g(1, 2);
  a << 1.0f, 3.0f;
  g << 2.0, 2.0;
  const ErrorMetrics m = compute_error_metrics(a, g);
  EXPECT_DOUBLE_EQ(m.rmse, 1.0);
  EXPECT_DOUBLE_EQ(m.relative_rmse, 0.5);
  a(0, 1) = std::numeric_limits<float>::infinity();
  EXPECT_TRUE(std::isinf(compute_error_metrics(a, g).relative_rmse));
}

TEST(PasaGenerators, UniformHybridAndResonanceDrawWhatTheySay) {
  InputSpec s = uniform(30, 0.5, 8, 256);
  const AttentionInputs u = generate_inputs(s);
  // BF16 spacing at 30 is 0.125: values stay within [mean - Am, mean + Am] up to that rounding.
  EXPECT_GE(u.kv.minCoeff(), 29.5f - 0.0625f);
  EXPECT_LE(u.kv.maxCoeff(), 30.5f + 0.0625f);
  EXPECT_NEAR(u.q.mean(), 30.0, 0.05);

  s.distribution = InputDistribution::kPasaHybrid;
  s.mean = 0;
  s.amplitude = 1000;  // outliers stand far out of N(0, 1)
  s.kv_len = 8192;
  const AttentionInputs h = generate_inputs(s);
  const auto outliers = (h.kv.array().abs() > 50.0f).count();
  const double expected = kPasaOutlierProbability * static_cast<double>(h.kv.size());
  EXPECT_GT(outliers, expected * 0.8);
  EXPECT_LT(outliers, expected * 1.2);

  s.distribution = InputDistribution::kResonance;
  s.mean = 0;
  s.amplitude = 3;
  s.kv_len = 64;
  const double coincide = (generate_inputs(s).q * generate_inputs(s).kv.transpose()).mean();
  s.phase = ResonancePhase::kOpposite;
  const double opposite = (generate_inputs(s).q * generate_inputs(s).kv.transpose()).mean();
  // Shared sinusoid: + a^2 D / 2 = 2592 on average; opposite: - 2592.
  EXPECT_NEAR(coincide, 2592, 200);
  EXPECT_NEAR(opposite, -2592, 200);
}

TEST(PasaGrid, HeatmapIsLog10RelativeRmseBlankWhereOverflowedOnOneScale) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<PasaGridPoint> points = {
      {0, 0.5, {{NumericsVariant::kFp16, 1e-3, 0, 0}, {NumericsVariant::kPasa, 1e-2, 0, 0}}},
      {30, 20, {{NumericsVariant::kFp16, inf, 7, 5}, {NumericsVariant::kPasa, 1e-1, 0, 0}}},
  };
  const HeatmapGrid fp16 = pasa_grid_heatmap(points, NumericsVariant::kFp16);
  ASSERT_EQ(fp16.nx, 4);
  ASSERT_EQ(fp16.ny, 4);
  EXPECT_DOUBLE_EQ(fp16.at(0, 0), -3.0);
  EXPECT_TRUE(std::isnan(fp16.at(3, 3)));  // overflowed
  EXPECT_TRUE(std::isnan(fp16.at(1, 1)));  // not run
  const HeatmapGrid pasa = pasa_grid_heatmap(points, NumericsVariant::kPasa);
  EXPECT_DOUBLE_EQ(pasa.at(3, 3), -1.0);
  EXPECT_EQ(fp16.cell_y(30.0), 3);
  // One colour scale over both variants: [-3, -1].
  EXPECT_DOUBLE_EQ(fp16.scale_lo, -3.0);
  EXPECT_DOUBLE_EQ(pasa.scale_hi, -1.0);
}

}  // namespace
}  // namespace amla
