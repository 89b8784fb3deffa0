#pragma once
// The pass/fail lines a kernel's output is held to (spec amla-numerics.md, section 6), each with
// its name and level, listed once so the CLI text, its JSON and the GUI show the same criteria:
// FlashMLA's dense-decode test, Ascend's simplified single-benchmark Threshold standard and
// Ascend's commercial dual-benchmark Ratio standard (levels L0, L1, L2) against the multiply
// baseline.
#include <array>
#include <string>
#include <vector>

#include "core/numerics/error_metrics.h"
#include "core/numerics/numerics_variants.h"

namespace amla {

struct RatioLevel {
  const char* level;        // "L0"
  const char* scope;        // "ordinary operators, >= 5,000 cases"
  double mare, mere, rmse;  // the largest ratio each may reach
};
const std::array<RatioLevel, 3>& ratio_levels();

struct RatioStandard {
  double mare_ratio = 0, mere_ratio = 0, rmse_ratio = 0;
  std::array<bool, 3> pass{};  // per level of ratio_levels()
  int best_level = -1;         // the strictest level passed (index), -1 for none
};

// v / ref with 0 / 0 = 1 (both exact) and v / 0 = +inf.
double metric_ratio(double v, double ref);
// The variant's MARE, MERE and RMSE over the reference's; a variant with inf/NaN where the golden
// has none passes no level.
RatioStandard ratio_standard(const ErrorMetrics& variant, const ErrorMetrics& reference);

// The Threshold standard's T for an output format (2^-7 BF16, 2^-10 FP16).
double threshold_for(OutputFormat format);
const char* threshold_level(OutputFormat format);  // "BF16, T = 2^-7"

struct CriterionResult {
  std::string name;    // "Ascend Ratio"
  std::string level;   // "L1"
  std::string detail;  // what was compared, with the figures
  bool pass = false;
};

// Every criterion for one variant, in reading order: FlashMLA, Ascend Threshold, Ascend Ratio
// L0, L1, L2 (reference = the multiply baseline's metrics on the same input).
std::vector<CriterionResult> evaluate_criteria(const ErrorMetrics& metrics,
                                               const ErrorMetrics& reference, OutputFormat format);

// Every criterion with its own verdict in one line, the levels of one criterion together:
// "FlashMLA pass, Ascend Threshold FAIL, Ascend Ratio L0 pass / L1 FAIL / L2 FAIL". A status
// line built from this cannot say "pass" while one of the criteria fails.
std::string criteria_verdicts(const std::vector<CriterionResult>& criteria);

}  // namespace amla
