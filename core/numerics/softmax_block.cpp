#include "core/numerics/softmax_block.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace amla {

KvBlockView kv_block_view(const AttentionInputs& in, int kv_block, int index) {
  KvBlockView view;
  view.index = index;
  view.first_token = index * kv_block;
  view.tokens = std::min(kv_block, in.kv_len() - view.first_token);
  view.kv = in.kv.row(view.first_token).data();
  view.valid = in.token_valid.data() + view.first_token;
  view.any_masked = !std::all_of(view.valid, view.valid + view.tokens,
                                 [](std::uint8_t valid) { return valid != 0; });
  return view;
}

void compute_softmax_block(const MatrixF& q, float scale, const KvBlockView& block,
                           const VectorF& m_prev, SoftmaxBlock& out) {
  const auto rows = q.rows();
  out.p.noalias() = q * block.k().transpose();  // FP32 GEMM; BF16 x BF16 products are exact
  out.p *= scale;
  constexpr float kMinusInf = -std::numeric_limits<float>::infinity();
  if (block.any_masked) {
    for (int t = 0; t < block.tokens; ++t) {
      if (!block.valid[t]) out.p.col(t).setConstant(kMinusInf);
    }
  }
  out.m_new.resize(rows);
  out.row_sum.resize(rows);
  for (Eigen::Index r = 0; r < rows; ++r) {
    float m = m_prev[r];
    const float* s = out.p.row(r).data();
    for (int t = 0; t < block.tokens; ++t) m = s[t] > m ? s[t] : m;  // NaN scores do not win
    out.m_new[r] = m;
  }
  for (Eigen::Index r = 0; r < rows; ++r) {
    const float m = out.m_new[r];
    auto row = out.p.row(r).array();
    if (m == kMinusInf) {
      row.setZero();  // nothing valid yet in this row: no probability mass
    } else {
      row = (row - m).exp();
    }
    out.row_sum[r] = row.sum();
  }
}

}  // namespace amla
