// The CloudMatrix384 decode what-if: the two-stream schedule exactly on known stream times, the
// step's arithmetic (tokens/s x TPOT = requests), a faster kernel never slowing the step and
// helping only by the pipeline's fill once the MoE stream is the longer one, the fitted defaults
// reproducing the headline point they were fitted to, and the parameter rules.
#include <gtest/gtest.h>

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/serving/decode_model.h"
#include "core/serving/decode_paper.h"

namespace amla {
namespace {

TEST(DecodeModel, TwoStreamScheduleIsExactOnKnownStreamTimes) {
  // Equal streams: each layer costs two microbatches' time, plus one stage to fill the pipe.
  EXPECT_DOUBLE_EQ(pipelined_layer_us(61, 2, 100, 100), (2 * 61 + 1) * 100.0 / 61);
  // The MoE stream three times longer: it runs back to back after the first attention stage.
  EXPECT_DOUBLE_EQ(pipelined_layer_us(2, 2, 1, 3), 13.0 / 2);
  // One microbatch: no overlap at all.
  EXPECT_DOUBLE_EQ(pipelined_layer_us(5, 1, 2, 3), 5.0);
}

TEST(DecodeModel, TheScheduleKeepsEachStreamInOrderAndEachMicrobatchsStagesInSequence) {
  const std::vector<StreamStage> stages = two_stream_schedule(7, 3, 40, 55);
  ASSERT_EQ(stages.size(), 2u * 7u * 3u);
  double free_at[2] = {0, 0};
  for (const StreamStage& s : stages) {
    EXPECT_GE(s.start_us, free_at[s.stream]);  // no two stages overlap on one stream
    free_at[s.stream] = s.end_us;
    for (const StreamStage& other : stages) {
      const bool same_microbatch = other.microbatch == s.microbatch;
      // MoE after the same layer's attention; the next layer's attention after that MoE.
      if (same_microbatch && s.stream == 1 && other.stream == 0 && other.layer == s.layer) {
        EXPECT_GE(s.start_us, other.end_us);
      }
      if (same_microbatch && s.stream == 0 && other.stream == 1 && other.layer == s.layer - 1) {
        EXPECT_GE(s.start_us, other.end_us);
      }
    }
  }
}

TEST(DecodeModel, StepArithmeticAndAFasterKernelHelpsOnlyWhileAttentionIsTheLongerStream) {
  const DecodeParams p;  // the headline point
  double previous_tpot = 1e300, previous_attention_us = 0;
  bool flat_seen = false;
  for (double attention_us = 2000; attention_us >= 10; attention_us /= 1.25) {
    const DecodeStep s = evaluate_decode(p, attention_us);
    EXPECT_NEAR(s.tokens_per_s_per_npu * s.tpot_ms / 1e3, p.batch_per_npu, 1e-9);
    EXPECT_DOUBLE_EQ(s.tokens_per_step, 1 + p.mtp_acceptance);
    EXPECT_GT(s.attention_share, 0);
    EXPECT_LT(s.attention_share, 1);
    EXPECT_LE(s.tpot_ms, previous_tpot + 1e-9) << attention_us;
    if (s.limiting_stream == "moe") {
      // Once the MoE stream sets the pace, a shorter kernel only shortens the pipeline's fill:
      // one attention stage per step, not one per layer and microbatch.
      if (flat_seen) {
        const double fill_ms = (previous_attention_us - attention_us) / 1e3 / s.tokens_per_step;
        EXPECT_NEAR(s.tpot_ms, previous_tpot - fill_ms, 1e-9 * s.tpot_ms);
      }
      flat_seen = true;
    }
    previous_tpot = s.tpot_ms;
    previous_attention_us = attention_us;
  }
  EXPECT_TRUE(flat_seen);
}

TEST(DecodeModel, FittedDefaultsReproduceTheHeadlinePointTheyWereFittedTo) {
  RunConfig base;
  base.hardware = find_preset("910C-package");
  base.kernel.problem.kv_len = kHeadlineKvLen;
  const DecodeParams p;
  SimulationMetrics kernel;
  const DecodeStep s = run_decode(p, base, &kernel);
  // 1,260 us per layer and 49.4 ms TPOT (CloudMatrix384 v2); a drift beyond 1% means the kernel
  // model moved and `amla-cli decode --fit` should be rerun.
  EXPECT_NEAR(s.layer_us, kHeadlineLayerUs, kHeadlineLayerUs / 100);
  EXPECT_NEAR(s.tpot_ms, kCloudMatrixHeadline.tpot_ms, kCloudMatrixHeadline.tpot_ms / 100);
  EXPECT_EQ(s.requests_per_microbatch, 24);
  EXPECT_DOUBLE_EQ(s.attention_us, kernel.makespan_us);
  // The fit itself recovers the defaults from the same kernel time.
  const DecodeFit fit = fit_decode_headline(p, s.attention_us, s.layer_us, s.tpot_ms);
  EXPECT_NEAR(fit.non_attention_efficiency, p.non_attention_efficiency, 1e-6);
  EXPECT_NEAR(fit.step_extra_ms, p.step_extra_ms, 1e-6);
}

TEST(DecodeModel, TheKernelRunsOnStreamZerosCoresWithOneRequestsRowsAtMost) {
  DecodeParams p;
  p.mtp = 0;
  RunConfig base;
  base.hardware = find_preset("910C-package");
  const RunConfig c = decode_attention_config(p, base);
  EXPECT_EQ(c.hardware.total_aic(), 16);
  EXPECT_EQ(c.kernel.problem.batch, 24);
  EXPECT_EQ(c.kernel.problem.q_tokens, 1);
  EXPECT_EQ(c.kernel.tiling.blocking.rows_per_task, 128);  // 128 heads x 1 token
}

TEST(DecodeModel, ParametersAreCheckedAgainstTheirRangeAndTheDie) {
  const DecodeParamDef& batch = *find_decode_param("batch_per_npu");
  EXPECT_EQ(parse_decode_param(batch, "--batch-per-npu", "96"), 96);
  EXPECT_THROW(parse_decode_param(batch, "--batch-per-npu", "96.5"), InputError);
  EXPECT_THROW(parse_decode_param(batch, "--batch-per-npu", "0"), InputError);
  EXPECT_THROW(parse_decode_param(batch, "--batch-per-npu", "9x"), InputError);
  const DecodeParamDef& mtp = *find_decode_param("mtp");
  EXPECT_EQ(parse_decode_param(mtp, "--mtp", "off"), 0);
  EXPECT_THROW(parse_decode_param(mtp, "--mtp", "yes"), InputError);
  DecodeParams p;
  p.attention_aic = 20;
  try {
    validate_decode_params(p, 24);
    ADD_FAILURE() << "20 + 8 AIC accepted on a 24-AIC die";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--attention-aic");
  }
  p = DecodeParams{};
  p.batch_per_npu = 3;  // 2 dies x 2 microbatches need 4
  EXPECT_THROW(validate_decode_params(p, 24), InputError);
}

}  // namespace
}  // namespace amla
