#include "core/numerics/numerics_variants.h"

#include <algorithm>

#include "core/common/input_error.h"

namespace amla {

const std::vector<VariantInfo>& all_variants() {
  static const std::vector<VariantInfo> list = {
      {NumericsVariant::kAmla, "amla", "AMLA",
       "AMLA: power-of-two rescale applied as an INT32 add on O's exponent (BF16 in, FP32 O)",
       OutputFormat::kBf16},
      {NumericsVariant::kBaseline, "baseline", "baseline (MUL)",
       "FlashAttention with a float multiply rescale of O every KV block (BF16 in, FP32 O)",
       OutputFormat::kBf16},
      {NumericsVariant::kFp16, "fp16", "FP16",
       "the same online softmax with every stored value and the Vector arithmetic in FP16",
       OutputFormat::kFp16},
      {NumericsVariant::kPasa, "pasa", "PASA",
       "PASA: FP16 with an online pseudo-average shift of K and a global recovery",
       OutputFormat::kFp16},
  };
  return list;
}

const VariantInfo& variant_info(NumericsVariant v) {
  return all_variants()[static_cast<std::size_t>(v)];
}

std::vector<NumericsVariant> parse_variant_list(const std::string& field, const std::string& list) {
  std::string names;
  for (const auto& info : all_variants())
    names += (names.empty() ? "" : ", ") + std::string(info.name);
  std::vector<NumericsVariant> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string name = list.substr(start, comma - start);
    const auto it = std::find_if(all_variants().begin(), all_variants().end(),
                                 [&](const VariantInfo& i) { return name == i.name; });
    if (it == all_variants().end()) {
      throw InputError(field, name.empty() ? "(empty)" : name,
                       "a comma-separated list of " + names);
    }
    if (std::find(out.begin(), out.end(), it->id) != out.end()) {
      throw InputError(field, name, "each variant at most once");
    }
    out.push_back(it->id);
    start = comma + 1;
  }
  return out;
}

std::string variant_list_text(const std::vector<NumericsVariant>& variants) {
  std::string text;
  for (NumericsVariant v : variants)
    text += (text.empty() ? "" : ",") + std::string(variant_info(v).name);
  return text;
}

std::vector<NumericsVariant> default_variants() {
  return {NumericsVariant::kAmla, NumericsVariant::kBaseline};
}

}  // namespace amla
