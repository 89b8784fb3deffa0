#include "core/numerics/baseline_kernel.h"

#include <cmath>
#include <limits>

#include "core/numerics/float_formats.h"

namespace amla {

BaselineRowBlock::BaselineRowBlock(const MatrixF& q, float scale)
    : q_(q),
      scale_(scale),
      o_(MatrixF::Zero(q.rows(), kValueDim)),
      m_(VectorF::Constant(q.rows(), -std::numeric_limits<float>::infinity())),
      l_(VectorF::Zero(q.rows())) {}

void BaselineRowBlock::step(const KvBlockView& block) {
  compute_softmax_block(q_, scale_, block, m_, block_);
  const auto rows = q_.rows();
  for (Eigen::Index r = 0; r < rows; ++r) {
    const float m_old = m_[r];
    const float m_new = block_.m_new[r];
    const float alpha =
        m_old == -std::numeric_limits<float>::infinity() ? 0.0f : std::exp(m_old - m_new);
    l_[r] = alpha * l_[r] + block_.row_sum[r];
    if (!first_) o_.row(r) *= alpha;  // the Vector core's multiply over the whole O tile
  }
  m_ = block_.m_new;
  for (Eigen::Index i = 0; i < block_.p.size(); ++i) {
    block_.p.data()[i] = bf16_round(block_.p.data()[i]);
  }
  const auto v = block.k().leftCols(kValueDim);
  // The Cube finishes P V in L0C first; the Vector core then adds the whole partial to O.
  pv_.noalias() = block_.p * v;
  if (first_) {
    o_ = pv_;
  } else {
    o_ += pv_;
  }
  first_ = false;
}

MatrixF BaselineRowBlock::running_output() const {
  MatrixF out = o_;
  for (Eigen::Index r = 0; r < out.rows(); ++r) out.row(r) /= l_[r];
  return out;
}

MatrixF BaselineRowBlock::final_output() const {
  MatrixF out = running_output();
  for (Eigen::Index i = 0; i < out.size(); ++i) out.data()[i] = bf16_round(out.data()[i]);
  return out;
}

}  // namespace amla
