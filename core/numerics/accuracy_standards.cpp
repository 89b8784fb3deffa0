#include "core/numerics/accuracy_standards.h"

#include <cstdio>
#include <limits>

namespace amla {

namespace {

std::string sci(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

}  // namespace

const std::array<RatioLevel, 3>& ratio_levels() {
  static const std::array<RatioLevel, 3> levels = {{
      {"L0", "ordinary operators, >= 5,000 cases", 10, 2, 2},
      {"L1", "LLM-critical operators, >= 10,000 cases", 5, 1.5, 1.5},
      {"L2", "core business operators, >= 30,000 cases", 2, 1.2, 1.2},
  }};
  return levels;
}

double metric_ratio(double v, double ref) {
  if (ref == 0) return v == 0 ? 1.0 : std::numeric_limits<double>::infinity();
  return v / ref;
}

RatioStandard ratio_standard(const ErrorMetrics& variant, const ErrorMetrics& reference) {
  RatioStandard r;
  r.mare_ratio = metric_ratio(variant.mare, reference.mare);
  r.mere_ratio = metric_ratio(variant.mere, reference.mere);
  r.rmse_ratio = metric_ratio(variant.rmse, reference.rmse);
  const bool finite_ok = variant.nonfinite_mismatches == 0;
  for (std::size_t i = 0; i < ratio_levels().size(); ++i) {
    const RatioLevel& l = ratio_levels()[i];
    r.pass[i] =
        finite_ok && r.mare_ratio <= l.mare && r.mere_ratio <= l.mere && r.rmse_ratio <= l.rmse;
    if (r.pass[i]) r.best_level = static_cast<int>(i);
  }
  return r;
}

double threshold_for(OutputFormat format) {
  return format == OutputFormat::kFp16 ? kAscendFp16Threshold : kAscendBf16Threshold;
}

const char* threshold_level(OutputFormat format) {
  return format == OutputFormat::kFp16 ? "FP16, T = 2^-10" : "BF16, T = 2^-7";
}

std::vector<CriterionResult> evaluate_criteria(const ErrorMetrics& m, const ErrorMetrics& reference,
                                               OutputFormat format) {
  std::vector<CriterionResult> out;
  out.push_back({"FlashMLA", "dense decode test",
                 "every element abs < 8e-4 or rel < 2.01/128 (" +
                     std::to_string(m.failing_elements) + " fail), cos_diff " + sci(m.cos_diff) +
                     " <= 5e-6, inf/NaN in place",
                 m.flashmla_pass});
  out.push_back({"Ascend Threshold", threshold_level(format),
                 "MERE " + sci(m.mere) + " < T and MARE " + sci(m.mare) + " < 10 T",
                 m.ascend_pass});
  const RatioStandard r = ratio_standard(m, reference);
  for (std::size_t i = 0; i < ratio_levels().size(); ++i) {
    const RatioLevel& l = ratio_levels()[i];
    out.push_back({"Ascend Ratio", l.level,
                   "vs baseline (MUL): MARE ratio " + sci(r.mare_ratio) + " <= " + sci(l.mare) +
                       ", MERE ratio " + sci(r.mere_ratio) + " <= " + sci(l.mere) +
                       ", RMSE ratio " + sci(r.rmse_ratio) + " <= " + sci(l.rmse),
                   r.pass[i]});
  }
  return out;
}

std::string criteria_verdicts(const std::vector<CriterionResult>& criteria) {
  std::string text;
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    const CriterionResult& c = criteria[i];
    const char* verdict = c.pass ? "pass" : "FAIL";
    const bool same_as_previous = i > 0 && criteria[i - 1].name == c.name;
    const bool same_as_next = i + 1 < criteria.size() && criteria[i + 1].name == c.name;
    if (same_as_previous) {
      text += " / " + c.level + " " + verdict;
    } else {
      if (!text.empty()) text += ", ";
      text += c.name + " ";
      // A criterion with levels names the level of each verdict.
      text += same_as_next ? c.level + " " + verdict : std::string(verdict);
    }
  }
  return text;
}

}  // namespace amla
