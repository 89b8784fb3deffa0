#include "core/numerics/error_metrics.h"

#include <cmath>
#include <limits>

namespace amla {

ErrorMetrics compute_error_metrics(const MatrixF& actual, const MatrixD& golden, double threshold) {
  ErrorMetrics m;
  m.threshold = threshold;
  double sum_g2 = 0, sum_sq = 0, sum_ag = 0, sum_a2g2 = 0, sum_rel_ascend = 0;
  std::uint64_t finite = 0;
  const Eigen::Index n = std::min(actual.size(), golden.size());
  for (Eigen::Index i = 0; i < n; ++i) {
    const double a = actual.data()[i];
    const double g = golden.data()[i];
    const bool a_finite = std::isfinite(a);
    const bool g_finite = std::isfinite(g);
    if (!a_finite || !g_finite) {
      // Non-finite values must sit in the same place and be the same kind (FlashMLA's rule).
      const bool same = (std::isnan(a) && std::isnan(g)) || (std::isinf(a) && a == g);
      if (!same) ++m.nonfinite_mismatches;
      continue;
    }
    ++finite;
    const double abs_err = std::fabs(a - g);
    const double rel = abs_err / (std::fabs(g) + 1e-6);
    const double rel_ascend = abs_err / (std::fabs(g) + 1e-7);
    m.max_abs_err = std::max(m.max_abs_err, abs_err);
    m.max_rel_err = std::max(m.max_rel_err, rel);
    m.mare = std::max(m.mare, rel_ascend);
    sum_rel_ascend += rel_ascend;
    sum_sq += abs_err * abs_err;
    sum_g2 += g * g;
    sum_ag += a * g;
    sum_a2g2 += a * a + g * g;
    if (!(abs_err < kFlashMlaAbsTol || rel < kFlashMlaRelTol)) ++m.failing_elements;
  }
  m.elements = static_cast<std::uint64_t>(n);
  m.compared = finite;
  if (finite > 0) {
    m.rmse = std::sqrt(sum_sq / static_cast<double>(finite));
    m.mere = sum_rel_ascend / static_cast<double>(finite);
    m.cos_diff = sum_a2g2 > 0 ? 1.0 - 2.0 * sum_ag / sum_a2g2 : 0.0;
    m.relative_rmse = sum_g2 > 0 ? std::sqrt(sum_sq / sum_g2) : m.rmse;
  }
  if (m.nonfinite_mismatches > 0) m.relative_rmse = std::numeric_limits<double>::infinity();
  m.flashmla_pass =
      m.failing_elements == 0 && m.nonfinite_mismatches == 0 && m.cos_diff <= kFlashMlaCosTol;
  m.ascend_pass = m.nonfinite_mismatches == 0 && m.mere < threshold && m.mare < 10 * threshold;
  return m;
}

float relative_rms(const Eigen::Ref<const Eigen::RowVectorXf>& actual,
                   const Eigen::Ref<const Eigen::RowVectorXd>& golden) {
  double diff = 0, norm = 0;
  for (Eigen::Index j = 0; j < golden.size(); ++j) {
    const double a = actual[j];
    const double g = golden[j];
    if (!std::isfinite(a) || !std::isfinite(g)) return std::numeric_limits<float>::infinity();
    diff += (a - g) * (a - g);
    norm += g * g;
  }
  return static_cast<float>(norm > 0 ? std::sqrt(diff / norm) : std::sqrt(diff));
}

}  // namespace amla
