#include "core/serving/decode_params.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/common/input_error.h"

namespace amla {

namespace {

DecodeParamDef def(std::string_view id, std::string_view flag, std::string_view label,
                   std::string_view unit, std::string_view source, std::string_view help,
                   double min, double max, bool integer, double DecodeParams::*member) {
  DecodeParamDef d;
  d.id = id;
  d.flag = flag;
  d.label = label;
  d.unit = unit;
  d.source = source;
  d.help = help;
  d.min = min;
  d.max = max;
  d.integer = integer;
  d.member = member;
  return d;
}

std::vector<DecodeParamDef> make_params() {
  using P = DecodeParams;
  std::vector<DecodeParamDef> v;
  v.push_back(def("batch_per_npu", "batch-per-npu", "batch per NPU", "requests",
                  "[O] CloudMatrix384 v2 Table 5 (headline: 96)",
                  "Requests decoded together on one NPU (two dies).", 1, 4096, true,
                  &P::batch_per_npu));
  v.push_back(def("dies_per_npu", "dies-per-npu", "dies per NPU", "dies", "[O] v2 3.3.1",
                  "Dies per NPU; attention is data-parallel over them.", 1, 8, true,
                  &P::dies_per_npu));
  DecodeParamDef mtp = def("mtp", "mtp", "MTP", "", "[O] v2: DeepSeek-R1 served with one MTP token",
                           "Multi-token prediction: on = each step decodes --mtp-query-tokens "
                           "per request and keeps 1 + acceptance x (tokens - 1) on average.",
                           0, 1, true, &P::mtp);
  mtp.on_off = true;
  v.push_back(mtp);
  v.push_back(def("mtp_query_tokens", "mtp-query-tokens", "MTP query tokens", "tokens",
                  "[O] v2 (one speculative)", "Query tokens per request and step with MTP on.", 2,
                  8, true, &P::mtp_query_tokens));
  v.push_back(def("mtp_acceptance", "acceptance", "MTP acceptance", "",
                  "[O] v2: 70% acceptance, 1.7 tokens/step",
                  "Share of speculative tokens accepted.", 0, 1, false, &P::mtp_acceptance));
  v.push_back(def("layers", "layers", "layers", "layers", "[O] DeepSeek-R1 model card",
                  "Transformer layers per step.", 1, 256, true, &P::layers));
  v.push_back(def("microbatches", "microbatches", "microbatches", "microbatches",
                  "[O] v2 two-stream pipeline",
                  "Microbatches per die passing through the two streams in turn.", 1, 16, true,
                  &P::microbatches));
  v.push_back(def("attention_aic", "attention-aic", "attention cores", "AIC",
                  "[O] v2: 16 AIC + 32 AIV for attention",
                  "Cube cores of stream 0 (MLAProlog, attention, O projection), each with 2 "
                  "Vector cores; the attention kernel is simulated on them.",
                  1, 64, true, &P::attention_aic));
  v.push_back(def("moe_aic", "moe-aic", "MoE cores", "AIC", "[O] v2: 8 AIC + 16 AIV for MoE",
                  "Cube cores of stream 1 (gate, dispatch, MoE MLP, combine).", 1, 64, true,
                  &P::moe_aic));
  v.push_back(def("die_int8_tops", "die-int8-tops", "die INT8 peak", "TOPS",
                  "[O] Ascend msmodeling 910C die profile",
                  "The die's INT8 peak over all its AIC (weights are INT8).", 1, 10000, false,
                  &P::die_int8_tops));
  v.push_back(def("attention_weight_mb", "attention-weight-mb", "attention weights", "MB",
                  "[D] DeepSeek-R1 shapes: q_a, q_b, kv_a, W_UK, W_UV, o_proj in INT8",
                  "Weights stream 0 reads from HBM per microbatch and layer.", 0, 10000, false,
                  &P::attention_weight_mb));
  v.push_back(def("attention_mflop_per_token", "attention-mflop-per-token",
                  "attention work per token", "MFLOP",
                  "[D] DeepSeek-R1 shapes (2 x the weights' MACs)",
                  "Stream 0's work outside the attention kernel, per token.", 0, 100000, false,
                  &P::attention_mflop_per_token));
  v.push_back(def("moe_weight_mb", "moe-weight-mb", "MoE weights", "MB",
                  "[D] one routed + the shared expert (3 x 7168 x 2048 each), INT8",
                  "Expert weights stream 1 reads per microbatch and layer (EP320: one routed "
                  "expert per die).",
                  0, 10000, false, &P::moe_weight_mb));
  v.push_back(def("moe_mflop_per_token", "moe-mflop-per-token", "MoE work per token", "MFLOP",
                  "[D] 8 routed + 1 shared expert per token, spread evenly over the dies",
                  "Stream 1's expert work per token of the die's own microbatch.", 0, 100000, false,
                  &P::moe_mflop_per_token));
  v.push_back(def("dispatch_combine_us_per_token", "dispatch-combine-us-per-token",
                  "dispatch + combine per token", "us",
                  "[D] v2 microbenchmark: 152 + 149 us for 128 tokens per rank (EP256)",
                  "All-to-all dispatch and combine, per token of the microbatch and layer.", 0,
                  1000, false, &P::dispatch_combine_us_per_token));
  v.push_back(def("hbm_efficiency", "hbm-efficiency", "HBM efficiency", "",
                  "[O] v2: memory-bound MLA reaches 1,346 of 1,600 GB/s",
                  "Share of the die's HBM bandwidth a stream reading weights reaches.", 0.01, 1,
                  false, &P::hbm_efficiency));
  v.push_back(def("non_attention_efficiency", "non-attention-efficiency",
                  "non-attention efficiency", "",
                  "[F] fitted to the headline layer time (1,260 us at batch 96, MTP on)",
                  "Share of the stream's INT8 peak the non-attention matrix work reaches.", 0.01, 1,
                  false, &P::non_attention_efficiency));
  v.push_back(def("step_extra_ms", "step-extra-ms", "step overhead", "ms",
                  "[F] fitted to the headline TPOT (49.4 ms at batch 96, MTP on)",
                  "Time per step outside the layers (the MTP module, sampling, scheduling).", 0,
                  1000, false, &P::step_extra_ms));
  return v;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

const std::vector<DecodeParamDef>& decode_params() {
  static const std::vector<DecodeParamDef> params = make_params();
  return params;
}

const DecodeParamDef* find_decode_param(std::string_view id) {
  for (const DecodeParamDef& p : decode_params()) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::string decode_param_range_text(const DecodeParamDef& p) {
  if (p.on_off) return "on or off";
  std::string text = std::string(p.integer ? "an integer" : "a number") + " in [" + number(p.min) +
                     ", " + number(p.max) + "]";
  if (!p.unit.empty()) text += " " + std::string(p.unit);
  return text;
}

std::string format_decode_param(const DecodeParamDef& p, double value) {
  if (p.on_off) return value != 0 ? "on" : "off";
  return number(value);
}

double parse_decode_param(const DecodeParamDef& p, const std::string& field,
                          const std::string& text) {
  if (p.on_off) {
    if (text == "on") return 1;
    if (text == "off") return 0;
    throw InputError(field, text, decode_param_range_text(p));
  }
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  const bool whole = text.empty() ? false : (end && *end == '\0');
  if (!whole || errno == ERANGE || !std::isfinite(v) || v < p.min || v > p.max ||
      (p.integer && v != std::floor(v))) {
    throw InputError(field, text, decode_param_range_text(p));
  }
  return v;
}

void validate_decode_params(const DecodeParams& p, int aic_per_die) {
  if (p.attention_aic + p.moe_aic > aic_per_die) {
    throw InputError("--attention-aic",
                     number(p.attention_aic) + " + --moe-aic " + number(p.moe_aic),
                     "the two streams share the die's " + std::to_string(aic_per_die) + " AIC");
  }
  const double per_microbatch = p.batch_per_npu / p.dies_per_npu / p.microbatches;
  if (per_microbatch < 1) {
    throw InputError("--batch-per-npu", number(p.batch_per_npu),
                     "at least one request per microbatch: --dies-per-npu x --microbatches = " +
                         number(p.dies_per_npu * p.microbatches));
  }
}

}  // namespace amla
