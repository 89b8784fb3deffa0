// The one-line verdict the Numerics status shows: every criterion named with its own pass/fail,
// so it can never say "pass" while a criterion in the table fails.
#include <gtest/gtest.h>

#include "core/numerics/accuracy_standards.h"

namespace amla {
namespace {

TEST(CriteriaVerdicts, NamesEachCriterionWithItsOwnVerdict) {
  const std::vector<CriterionResult> criteria = {
      {"FlashMLA", "dense decode test", "", true},
      {"Ascend Threshold", "BF16, T = 2^-7", "", false},
      {"Ascend Ratio", "L0", "", true},
      {"Ascend Ratio", "L1", "", false},
      {"Ascend Ratio", "L2", "", false},
  };
  EXPECT_EQ(criteria_verdicts(criteria),
            "FlashMLA pass, Ascend Threshold FAIL, Ascend Ratio L0 pass / L1 FAIL / L2 FAIL");
}

// From real metrics: a variant that fails Ascend's Threshold standard says so even when the
// FlashMLA test passes.
TEST(CriteriaVerdicts, FollowsEvaluateCriteria) {
  ErrorMetrics m;
  m.flashmla_pass = true;
  m.ascend_pass = false;
  m.mare = 27;
  m.mere = 0.01;
  m.rmse = 3e-6;
  ErrorMetrics ref = m;
  ref.mare = 1;  // AMLA's MARE 27x the baseline's: fails every Ratio level
  const std::string text = criteria_verdicts(evaluate_criteria(m, ref, OutputFormat::kBf16));
  EXPECT_EQ(text, "FlashMLA pass, Ascend Threshold FAIL, Ascend Ratio L0 FAIL / L1 FAIL / L2 FAIL");
  EXPECT_EQ(criteria_verdicts(evaluate_criteria(m, m, OutputFormat::kBf16)),
            "FlashMLA pass, Ascend Threshold FAIL, Ascend Ratio L0 pass / L1 pass / L2 pass");
  EXPECT_EQ(criteria_verdicts({}), "");
}

}  // namespace
}  // namespace amla
