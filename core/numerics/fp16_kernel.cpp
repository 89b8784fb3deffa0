#include "core/numerics/fp16_kernel.h"

#include <cmath>
#include <limits>

namespace amla {

namespace {

enum Stage { kInputs, kScores, kScale, kExp, kRowSum, kPv, kUpdate, kOutput, kStageCount };

OverflowCounts fp16_stages() {
  OverflowCounts c;
  for (const char* name :
       {"inputs to FP16", "S = Q K^T (Cube, FP16 out)", "S * scale (Vector)", "P = exp(S - m)",
        "row sum l", "P V (Cube, FP16 out)", "O = alpha O + P V", "output O / l"}) {
    c.stages.push_back({name, 0, 0});
  }
  return c;
}

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();
constexpr Arith kHalf = Arith::kFp16;

}  // namespace

Fp16RowBlock::Fp16RowBlock(const MatrixF& q, float scale)
    : q_(q.cast<double>()),
      scale_(round_to(kHalf, scale)),
      o_(MatrixD::Zero(q.rows(), kValueDim)),
      m_(Eigen::VectorXd::Constant(q.rows(), kMinusInf)),
      l_(Eigen::VectorXd::Zero(q.rows())),
      overflow_(fp16_stages()) {
  round_matrix(kHalf, q_, overflow_.stages[kInputs]);
}

void Fp16RowBlock::step(const KvBlockView& block) {
  auto& st = overflow_.stages;
  MatrixD k = block.k().cast<double>();
  round_matrix(kHalf, k, st[kInputs]);
  MatrixD s = cube_product(q_, k, kHalf, st[kScores]);
  const auto rows = s.rows();
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (int t = 0; t < block.tokens; ++t) {
      double& v = s(r, t);
      if (!block.valid[t]) {
        v = kMinusInf;  // masked: no weight, whatever K held
        continue;
      }
      const bool finite = std::isfinite(v);
      v = round_to(kHalf, v * scale_);
      st[kScale].note(v, finite);
    }
  }
  MatrixD p(rows, block.tokens);
  for (Eigen::Index r = 0; r < rows; ++r) {
    double m_new = m_[r];
    for (int t = 0; t < block.tokens; ++t) m_new = s(r, t) > m_new ? s(r, t) : m_new;
    const bool m_finite = std::isfinite(m_new);
    for (int t = 0; t < block.tokens; ++t) {
      const double x = s(r, t);
      double e = 0.0;
      if (m_new != kMinusInf) {
        e = round_to(kHalf, std::exp(round_to(kHalf, x - m_new)));
        st[kExp].note(e, m_finite && (std::isfinite(x) || x == kMinusInf));
      }
      p(r, t) = e;
    }
    const double row_sum = tree_sum(kHalf, p.row(r).data(), block.tokens);
    st[kRowSum].note(row_sum, p.row(r).allFinite());
    const double alpha =
        m_[r] == kMinusInf ? 0.0 : round_to(kHalf, std::exp(round_to(kHalf, m_[r] - m_new)));
    const double l_old = l_[r];
    l_[r] = round_to(kHalf, round_to(kHalf, alpha * l_old) + row_sum);
    st[kRowSum].note(l_[r], std::isfinite(l_old) && std::isfinite(row_sum));
    m_[r] = m_new;
    o_.row(r) *= alpha;  // rounded below together with the add
    for (Eigen::Index c = 0; c < o_.cols(); ++c) o_(r, c) = round_to(kHalf, o_(r, c));
  }
  const MatrixD v_t = k.leftCols(kValueDim).transpose();  // the Cube's B operand: V^T
  const MatrixD pv = cube_product(p, v_t, kHalf, st[kPv]);
  for (Eigen::Index i = 0; i < o_.size(); ++i) {
    const double before = o_.data()[i];
    const double add = pv.data()[i];
    o_.data()[i] = round_to(kHalf, before + add);
    st[kUpdate].note(o_.data()[i], std::isfinite(before) && std::isfinite(add));
  }
}

MatrixF Fp16RowBlock::running_output() const {
  MatrixF out(o_.rows(), o_.cols());
  for (Eigen::Index r = 0; r < o_.rows(); ++r) {
    for (Eigen::Index c = 0; c < o_.cols(); ++c) {
      out(r, c) = static_cast<float>(round_to(kHalf, o_(r, c) / l_[r]));
    }
  }
  return out;
}

MatrixF Fp16RowBlock::final_output() {
  MatrixF out = running_output();
  for (Eigen::Index r = 0; r < o_.rows(); ++r) {
    const bool operands = std::isfinite(l_[r]) && l_[r] != 0 && o_.row(r).allFinite();
    for (Eigen::Index c = 0; c < o_.cols(); ++c) {
      overflow_.stages[kOutput].note(out(r, c), operands);
    }
  }
  return out;
}

}  // namespace amla
