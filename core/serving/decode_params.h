#pragma once
// The inputs of the CloudMatrix384 decode what-if (spec cloudmatrix384-decode.md): one DeepSeek-R1
// decode step on one 910C die. Every input is a parameter defined once here with its flag, unit,
// source and range, like the kernel's parameter schema and the hardware presets: [O] published,
// [D] derived from published shapes, [E] estimate, [F] fitted (to the paper's headline point:
// see decode_model.h). The CLI's flags, its help and the JSON read this table.
#include <string>
#include <string_view>
#include <vector>

namespace amla {

struct DecodeParams {
  // The served load.
  double batch_per_npu = 96;  // requests decoded together on one NPU (two dies)
  double dies_per_npu = 2;
  double mtp = 1;               // multi-token prediction on (1) or off (0)
  double mtp_query_tokens = 2;  // query tokens per request and step with MTP on
  double mtp_acceptance = 0.7;  // share of speculative tokens accepted
  double layers = 61;           // DeepSeek-R1's transformer layers
  double microbatches = 2;      // the two-stream pipeline's microbatches per die
  // The die's cores, split between the two streams.
  double attention_aic = 16;  // stream 0 (MLAProlog, attention, O projection); 2 AIV each
  double moe_aic = 8;         // stream 1 (gate, dispatch, MoE MLP, combine); 2 AIV each
  // The non-attention work, per microbatch and layer.
  double die_int8_tops = 752;          // the die's INT8 peak (all 24 AIC)
  double attention_weight_mb = 187.1;  // MLAProlog + O projection weights, INT8
  double attention_mflop_per_token = 374.3;
  double moe_weight_mb = 88.1;                  // one routed and the shared expert, INT8
  double moe_mflop_per_token = 792.7;           // 8 routed + 1 shared expert per token, on average
  double dispatch_combine_us_per_token = 2.35;  // all-to-all dispatch + combine
  double hbm_efficiency = 0.841;             // share of the HBM bandwidth a weight stream reaches
  double non_attention_efficiency = 0.2954;  // share of the INT8 peak reached
  double step_extra_ms = 7.12;  // per step outside the layers: the MTP module, sampling
};

struct DecodeParamDef {
  std::string_view id;     // "batch_per_npu": the JSON key
  std::string_view flag;   // "batch-per-npu"
  std::string_view label;  // "batch per NPU": the studio's field label (its unit added if unsaid)
  std::string_view unit;
  std::string_view source;  // "[O] CloudMatrix384 v2 Table 5"
  std::string_view help;
  double min = 0, max = 0;
  bool integer = false;
  bool on_off = false;  // shown and parsed as on / off
  double DecodeParams::*member = nullptr;
};

const std::vector<DecodeParamDef>& decode_params();
const DecodeParamDef* find_decode_param(std::string_view id);

// Text to a checked value ("on"/"off" for switches); InputError(field, text, range) if bad.
double parse_decode_param(const DecodeParamDef& p, const std::string& field,
                          const std::string& text);
// "an integer in [1, 4096] requests", "on or off", "a number in [0, 1]".
std::string decode_param_range_text(const DecodeParamDef& p);
std::string format_decode_param(const DecodeParamDef& p, double value);
// Cross-parameter rules (the two streams' cores fit the die), InputError naming the flag.
void validate_decode_params(const DecodeParams& p, int aic_per_die);

}  // namespace amla
