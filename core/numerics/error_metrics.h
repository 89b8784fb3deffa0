#pragma once
// Accuracy of a kernel output against the FP64 golden, with the pass/fail lines attention
// kernels are held to (spec amla-numerics.md, section 6).
#include <cstdint>

#include "core/numerics/attention_inputs.h"

namespace amla {

constexpr double kFlashMlaAbsTol = 8e-4;
constexpr double kFlashMlaRelTol = 2.01 / 128;
constexpr double kFlashMlaCosTol = 5e-6;
constexpr double kAscendBf16Threshold = 1.0 / 128;   // 2^-7
constexpr double kAscendFp16Threshold = 1.0 / 1024;  // 2^-10

struct ErrorMetrics {
  double max_abs_err = 0;  // max |a - g|
  double max_rel_err = 0;  // max |a - g| / (|g| + 1e-6)
  double rmse = 0;         // sqrt(mean (a - g)^2)
  // RMSE / RMS of the golden (PASA's figure); +inf when an output is inf/NaN where the golden
  // is finite, so an overflow never looks accurate.
  double relative_rmse = 0;
  double cos_diff = 0;  // 1 - 2 sum(a g) / sum(a^2 + g^2), FP64 (FlashMLA)
  double mere = 0;      // mean |a - g| / (|g| + 1e-7) (Ascend)
  double mare = 0;      // max  |a - g| / (|g| + 1e-7) (Ascend)
  std::uint64_t elements = 0;
  std::uint64_t compared = 0;  // elements where both sides are finite (the statistics' base)
  std::uint64_t failing_elements = 0;      // FlashMLA: abs >= 8e-4 and rel >= 2.01/128
  std::uint64_t nonfinite_mismatches = 0;  // inf/NaN not in the same place as in the golden
  bool flashmla_pass = false;  // every element passes, cos_diff <= 5e-6, non-finite positions match
  // Ascend's Threshold standard: MERE < T and MARE < 10 T, and no non-finite mismatch, with T
  // set by the output format (2^-7 for BF16, 2^-10 for FP16).
  bool ascend_pass = false;
  double threshold = 0;  // the T used
};

// Statistics over the elements where both sides are finite; mismatched non-finite positions are
// counted and fail both criteria.
ErrorMetrics compute_error_metrics(const MatrixF& actual, const MatrixD& golden,
                                   double threshold = kAscendBf16Threshold);

// Relative RMS error of one output row against its golden, +inf when either side is not finite
// (the worst error there is): the error-growth figure.
float relative_rms(const Eigen::Ref<const Eigen::RowVectorXf>& actual,
                   const Eigen::Ref<const Eigen::RowVectorXd>& golden);

}  // namespace amla
