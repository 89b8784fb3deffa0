#include "core/numerics/error_metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace amla {
namespace {

TEST(ErrorMetrics, HandComputedCase) {
  MatrixF a(1, 2);
  MatrixD g(1, 2);
  a << 1.0f, 2.0f;
  g << 1.0, 2.5;
  const ErrorMetrics m = compute_error_metrics(a, g);
  EXPECT_DOUBLE_EQ(m.max_abs_err, 0.5);
  EXPECT_DOUBLE_EQ(m.max_rel_err, 0.5 / (2.5 + 1e-6));
  EXPECT_DOUBLE_EQ(m.rmse, std::sqrt(0.125));
  EXPECT_NEAR(m.cos_diff, 1.0 - 2.0 * 6.0 / 12.25, 1e-15);
  EXPECT_NEAR(m.mere, 0.5 * 0.5 / (2.5 + 1e-7), 1e-15);
  EXPECT_NEAR(m.mare, 0.5 / (2.5 + 1e-7), 1e-15);
  EXPECT_EQ(m.failing_elements, 1u);
  EXPECT_FALSE(m.flashmla_pass);
  EXPECT_FALSE(m.ascend_pass);
}

TEST(ErrorMetrics, PassLinesAreTheDocumentedOnes) {
  MatrixF a(1, 3);
  MatrixD g(1, 3);
  g << 1.0, 0.001, -0.5;
  // abs error just under 8e-4 on a small value passes by the absolute rule; 1% relative on a
  // large value passes by the relative rule (2.01/128 = 1.57%).
  a << 1.01f, static_cast<float>(0.001 + 7.9e-4), -0.5f;
  const ErrorMetrics m = compute_error_metrics(a, g);
  EXPECT_EQ(m.failing_elements, 0u);
  EXPECT_GT(m.cos_diff, kFlashMlaCosTol);  // but the global cosine check fails
  EXPECT_FALSE(m.flashmla_pass);
}

TEST(ErrorMetrics, NonFinitePositionsMustMatch) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  MatrixF a(1, 3);
  MatrixD g(1, 3);
  a << nan, 1.0f, std::numeric_limits<float>::infinity();
  g << std::nan(""), 1.0, 1.0;
  const ErrorMetrics m = compute_error_metrics(a, g);
  EXPECT_EQ(m.nonfinite_mismatches, 1u);  // the inf; the matching NaN is fine
  EXPECT_FALSE(m.flashmla_pass);
  EXPECT_FALSE(m.ascend_pass);
  EXPECT_EQ(m.max_abs_err, 0.0);
}

TEST(ErrorMetrics, IdenticalPasses) {
  MatrixF a = MatrixF::Constant(4, 4, 0.25f);
  const ErrorMetrics m = compute_error_metrics(a, a.cast<double>());
  EXPECT_TRUE(m.flashmla_pass);
  EXPECT_TRUE(m.ascend_pass);
  EXPECT_EQ(m.cos_diff, 0.0);
}

}  // namespace
}  // namespace amla
