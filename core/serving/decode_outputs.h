#pragma once
// The figures one decode step reports, defined once: their key (in `amla-cli decode --json`
// and in lessons' {decode:KEY} references), how a person reads them, and their value.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/serving/decode_model.h"

namespace amla {

struct DecodeOutputDef {
  std::string_view key;
  std::string_view meaning;
  // Numbers: the value and a printf format with its unit ("%.0f \xC2\xB5s"); words: `text`.
  std::function<double(const DecodeStep&)> value;
  std::string_view display_format;
  double display_scale = 1;  // 100 for shares shown as percentages
  std::function<std::string(const DecodeStep&)> text;
  bool whole = false;  // a count: JSON writes it as an integer
};

const std::vector<DecodeOutputDef>& decode_outputs();
const DecodeOutputDef* find_decode_output(std::string_view key);
std::vector<std::string> decode_output_keys();

// The figure as a person reads it: "49.40 ms", "1260 µs", "36.2%", "moe".
std::string display_decode_output(const DecodeOutputDef& def, const DecodeStep& step);

}  // namespace amla
