#include "core/serving/decode_outputs.h"

#include <cstdio>
#include <type_traits>

namespace amla {

namespace {

template <class T>
DecodeOutputDef number(std::string_view key, std::string_view meaning, T DecodeStep::*member,
                       std::string_view format, double scale = 1) {
  DecodeOutputDef def;
  def.key = key;
  def.meaning = meaning;
  def.value = [member](const DecodeStep& s) { return static_cast<double>(s.*member); };
  def.display_format = format;
  def.display_scale = scale;
  def.whole = std::is_integral_v<T>;
  return def;
}

constexpr std::string_view kMicroseconds = "%.0f \xC2\xB5s";

}  // namespace

const std::vector<DecodeOutputDef>& decode_outputs() {
  static const std::vector<DecodeOutputDef> outputs = [] {
    using S = DecodeStep;
    DecodeOutputDef limiting;
    limiting.key = "limiting_stream";
    limiting.meaning = "the longer stream: attention or moe";
    limiting.text = [](const S& s) { return s.limiting_stream; };
    return std::vector<DecodeOutputDef>{
        number("tpot_ms", "time per output token", &S::tpot_ms, "%.2f ms"),
        number("tokens_per_s_per_npu", "decode throughput of one NPU", &S::tokens_per_s_per_npu,
               "%.0f"),
        number("layer_us", "one layer: the two streams' pipeline over the microbatches",
               &S::layer_us, kMicroseconds),
        number("stream0_us", "stream 0 (attention) per microbatch and layer", &S::stream0_us,
               kMicroseconds),
        number("stream1_us", "stream 1 (MoE) per microbatch and layer", &S::stream1_us,
               kMicroseconds),
        number("attention_us", "the simulated attention kernel per microbatch and layer",
               &S::attention_us, kMicroseconds),
        number("attention_other_us", "MLAProlog and the O projection per microbatch and layer",
               &S::attention_other_us, kMicroseconds),
        limiting,
        number("attention_share", "the attention kernel's share of the step", &S::attention_share,
               "%.1f%%", 100),
        number("step_ms", "every layer plus the step's extra", &S::step_ms, "%.2f ms"),
        number("tokens_per_step", "tokens kept per request and step (MTP: 1 + acceptance)",
               &S::tokens_per_step, "%.2f"),
        number("requests_per_microbatch", "requests in one microbatch on one die",
               &S::requests_per_microbatch, "%.0f"),
        number("query_tokens", "query tokens per request and step", &S::query_tokens, "%.0f"),
    };
  }();
  return outputs;
}

const DecodeOutputDef* find_decode_output(std::string_view key) {
  for (const DecodeOutputDef& def : decode_outputs()) {
    if (def.key == key) return &def;
  }
  return nullptr;
}

std::vector<std::string> decode_output_keys() {
  std::vector<std::string> keys;
  for (const DecodeOutputDef& def : decode_outputs()) keys.emplace_back(def.key);
  return keys;
}

std::string display_decode_output(const DecodeOutputDef& def, const DecodeStep& step) {
  if (def.text) return def.text(step);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, std::string(def.display_format).c_str(),
                def.display_scale * def.value(step));
  return buffer;
}

}  // namespace amla
