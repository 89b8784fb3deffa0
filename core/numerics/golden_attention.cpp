#include "core/numerics/golden_attention.h"

#include <cmath>
#include <limits>

namespace amla {

namespace {
constexpr double kMinusInf = -std::numeric_limits<double>::infinity();
}

GoldenRowBlock::GoldenRowBlock(const MatrixD& q, double scale)
    : q_(q),
      scale_(scale),
      o_(MatrixD::Zero(q.rows(), kValueDim)),
      m_(Eigen::VectorXd::Constant(q.rows(), kMinusInf)),
      l_(Eigen::VectorXd::Zero(q.rows())) {}

void GoldenRowBlock::step(const Eigen::Ref<const MatrixD>& kv, const KvBlockView& block) {
  s_.noalias() = q_ * kv.transpose();
  s_ *= scale_;
  for (Eigen::Index r = 0; r < s_.rows(); ++r) {
    double m = m_[r];
    for (int t = 0; t < block.tokens; ++t) {
      if (block.valid[t] && s_(r, t) > m) m = s_(r, t);
    }
    const double alpha = m_[r] == kMinusInf ? 0.0 : std::exp(m_[r] - m);
    double sum = 0;
    for (int t = 0; t < block.tokens; ++t) {
      const double p = (block.valid[t] && m != kMinusInf) ? std::exp(s_(r, t) - m) : 0.0;
      s_(r, t) = p;
      sum += p;
    }
    l_[r] = alpha * l_[r] + sum;
    o_.row(r) *= alpha;
    m_[r] = m;
  }
  if (block.any_masked) {
    // Masked rows of V may hold NaN padding: leave them out of the product entirely.
    MatrixD v = kv.leftCols(kValueDim);
    for (int t = 0; t < block.tokens; ++t) {
      if (!block.valid[t]) v.row(t).setZero();
    }
    o_.noalias() += s_ * v;
  } else {
    o_.noalias() += s_ * kv.leftCols(kValueDim);
  }
}

MatrixD GoldenRowBlock::output() const {
  MatrixD out = o_;
  for (Eigen::Index r = 0; r < out.rows(); ++r) out.row(r) /= l_[r];
  return out;
}

MatrixD golden_attention_direct(const AttentionInputs& in) {
  const MatrixD q = in.q.cast<double>();
  const MatrixD kv = in.kv.cast<double>();
  MatrixD s = in.scale * (q * kv.transpose());
  MatrixD v = kv.leftCols(kValueDim);
  for (int t = 0; t < in.kv_len(); ++t) {
    if (!in.token_valid[static_cast<std::size_t>(t)]) {
      s.col(t).setConstant(kMinusInf);
      v.row(t).setZero();
    }
  }
  for (Eigen::Index r = 0; r < s.rows(); ++r) {
    const double m = s.row(r).maxCoeff();
    s.row(r) = (s.row(r).array() - m).exp().matrix();
    s.row(r) /= s.row(r).sum();
  }
  return s * v;
}

}  // namespace amla
