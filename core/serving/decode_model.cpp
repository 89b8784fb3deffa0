#include "core/serving/decode_model.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/common/input_error.h"
#include "core/run/simulation_run.h"

namespace amla {

namespace {

// A roofline: the weights streamed from the die's HBM at the bandwidth a weight stream reaches,
// or the INT8 work on the stream's cores at the fitted efficiency, whichever takes longer.
double stage_us(double weight_mb, double mflop, double stream_aic, const DecodeParams& p,
                double hbm_gb_per_s, int aic_per_die) {
  const double memory_us = weight_mb * 1e6 / (hbm_gb_per_s * p.hbm_efficiency * 1e9) * 1e6;
  const double tops = p.die_int8_tops * stream_aic / aic_per_die * p.non_attention_efficiency;
  const double compute_us = mflop * 1e6 / (tops * 1e12) * 1e6;
  return std::max(memory_us, compute_us);
}

int query_tokens(const DecodeParams& p) {
  return p.mtp != 0 ? static_cast<int>(p.mtp_query_tokens) : 1;
}

// The die's figures the stages read: HBM per die and AIC per die of the 910C die.
constexpr double kDieHbmGbPerS = 1600;  // [O] v2: 1.6 TB/s per die
constexpr int kDieAic = 24;             // [O] v2 3.3.1

}  // namespace

RunConfig decode_attention_config(const DecodeParams& p, const RunConfig& base) {
  validate_decode_params(p, base.hardware.aic_per_die);
  RunConfig c = base;
  c.hardware.dies = 1;
  c.hardware.aic_per_die = static_cast<int>(p.attention_aic);
  KernelConfig& k = c.kernel;
  k.problem.batch = static_cast<int>(p.batch_per_npu / p.dies_per_npu / p.microbatches);
  k.problem.q_tokens = query_tokens(p);
  k.problem.kv_lens.clear();
  k.tiling.blocking.rows_per_task =
      std::min(k.tiling.blocking.rows_per_task, k.problem.heads * k.problem.q_tokens);
  return c;
}

std::vector<StreamStage> two_stream_schedule(int layers, int microbatches, double stream0_us,
                                             double stream1_us) {
  std::vector<StreamStage> stages;
  stages.reserve(static_cast<std::size_t>(2 * layers * microbatches));
  // When each microbatch's stream-1 stage of the previous layer finished.
  std::vector<double> moe_done(static_cast<std::size_t>(microbatches), 0.0);
  double stream0_free = 0, stream1_free = 0;
  for (int layer = 0; layer < layers; ++layer) {
    for (int m = 0; m < microbatches; ++m) {
      const auto i = static_cast<std::size_t>(m);
      const double a0 = std::max(stream0_free, moe_done[i]);
      stream0_free = a0 + stream0_us;
      stages.push_back({0, layer, m, a0, stream0_free});
      const double b0 = std::max(stream1_free, stream0_free);
      stream1_free = moe_done[i] = b0 + stream1_us;
      stages.push_back({1, layer, m, b0, stream1_free});
    }
  }
  return stages;
}

double pipelined_layer_us(int layers, int microbatches, double stream0_us, double stream1_us) {
  const std::vector<StreamStage> stages =
      two_stream_schedule(layers, microbatches, stream0_us, stream1_us);
  return stages.back().end_us / layers;
}

DecodeStep evaluate_decode(const DecodeParams& p, double attention_us) {
  DecodeStep s;
  s.requests_per_microbatch = static_cast<int>(p.batch_per_npu / p.dies_per_npu / p.microbatches);
  s.query_tokens = query_tokens(p);
  const double tokens = static_cast<double>(s.requests_per_microbatch) * s.query_tokens;
  s.attention_us = attention_us;
  s.attention_other_us = stage_us(p.attention_weight_mb, tokens * p.attention_mflop_per_token,
                                  p.attention_aic, p, kDieHbmGbPerS, kDieAic);
  s.stream0_us = s.attention_us + s.attention_other_us;
  s.stream1_us = p.dispatch_combine_us_per_token * tokens +
                 stage_us(p.moe_weight_mb, tokens * p.moe_mflop_per_token, p.moe_aic, p,
                          kDieHbmGbPerS, kDieAic);
  s.layer_us = pipelined_layer_us(static_cast<int>(p.layers), static_cast<int>(p.microbatches),
                                  s.stream0_us, s.stream1_us);
  s.limiting_stream = s.stream0_us >= s.stream1_us ? "attention" : "moe";
  s.tokens_per_step = p.mtp != 0 ? 1 + p.mtp_acceptance * (p.mtp_query_tokens - 1) : 1;
  s.step_ms = p.layers * s.layer_us / 1e3 + p.step_extra_ms;
  s.tpot_ms = s.step_ms / s.tokens_per_step;
  s.tokens_per_s_per_npu = p.batch_per_npu / (s.tpot_ms / 1e3);
  s.attention_share = p.layers * p.microbatches * s.attention_us / 1e3 / s.step_ms;
  return s;
}

DecodeStep run_decode(const DecodeParams& p, const RunConfig& base, SimulationMetrics* kernel,
                      const JobControl& control) {
  const RunConfig c = decode_attention_config(p, base);
  SimulationControl sim;
  sim.job = control;
  sim.record_reasons = false;  // only the time is needed
  const SimulationRun run = run_simulation(c.hardware, c.kernel, sim);
  if (kernel) *kernel = run.metrics;
  return evaluate_decode(p, run.metrics.makespan_us);
}

DecodeFit fit_decode_headline(DecodeParams p, double attention_us, double layer_us,
                              double tpot_ms) {
  // A lower efficiency lengthens both non-attention stages, so the layer time falls as the
  // efficiency rises: bisect on it.
  double lo = 0.01, hi = 1.0;
  p.non_attention_efficiency = hi;
  if (evaluate_decode(p, attention_us).layer_us > layer_us) {
    throw InputError("fit", std::to_string(layer_us) + " us per layer",
                     "shorter than the model gives at full efficiency: the attention stream "
                     "alone is too long");
  }
  for (int i = 0; i < 100; ++i) {
    p.non_attention_efficiency = (lo + hi) / 2;
    (evaluate_decode(p, attention_us).layer_us > layer_us ? lo : hi) = p.non_attention_efficiency;
  }
  p.non_attention_efficiency = (lo + hi) / 2;
  p.step_extra_ms = 0;
  const DecodeStep s = evaluate_decode(p, attention_us);
  DecodeFit fit;
  fit.non_attention_efficiency = p.non_attention_efficiency;
  fit.step_extra_ms = tpot_ms * s.tokens_per_step - s.step_ms;
  return fit;
}

}  // namespace amla
