#include "core/numerics/reduced_precision.h"

namespace amla {

namespace {

std::vector<std::uint8_t> finite_rows(const MatrixD& m) {
  std::vector<std::uint8_t> ok(static_cast<std::size_t>(m.rows()), 1);
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    ok[static_cast<std::size_t>(r)] = m.row(r).allFinite();
  return ok;
}

}  // namespace

void round_matrix(Arith a, MatrixD& m, StageOverflow& stage) {
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    const double before = m.data()[i];
    m.data()[i] = round_to(a, before);
    stage.note(m.data()[i], std::isfinite(before));
  }
}

MatrixD cube_product(const MatrixD& a, const MatrixD& b, Arith out, StageOverflow& stage) {
  MatrixD c;
  if (out == Arith::kFp64) {
    c.noalias() = a * b.transpose();
  } else {
    const MatrixF af = a.cast<float>();
    const MatrixF bf = b.cast<float>();
    const MatrixF cf = af * bf.transpose();  // FP32 accumulation of exact FP16 products
    c = cf.cast<double>();
  }
  const auto a_ok = finite_rows(a);
  const auto b_ok = finite_rows(b);
  for (Eigen::Index r = 0; r < c.rows(); ++r) {
    for (Eigen::Index t = 0; t < c.cols(); ++t) {
      double& v = c(r, t);
      v = round_to(out, v);
      stage.note(v, a_ok[static_cast<std::size_t>(r)] && b_ok[static_cast<std::size_t>(t)]);
    }
  }
  return c;
}

double tree_sum(Arith a, const double* values, int n) {
  if (n <= 0) return 0.0;
  if (n == 1) return values[0];
  const int half = n / 2;
  return round_to(a, tree_sum(a, values, half) + tree_sum(a, values + half, n - half));
}

}  // namespace amla
