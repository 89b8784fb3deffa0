#pragma once
// The part of one KV block that the baseline and AMLA share, done as the kernel does it in FP32:
// S = scale * Q K^T (Cube, FP32 accumulation of BF16 products), masked tokens at -inf, the
// running row max, P = exp(S - m) and its row sum (Vector).
#include <Eigen/Core>

#include "core/numerics/attention_inputs.h"

namespace amla {

using VectorF = Eigen::VectorXf;

struct KvBlockView {
  int index = 0;  // KV block number
  int first_token = 0;
  int tokens = 0;
  const float* kv = nullptr;            // tokens x 576, row-major
  const std::uint8_t* valid = nullptr;  // tokens entries
  bool any_masked = false;

  Eigen::Map<const MatrixF> k() const { return {kv, tokens, kHeadDim}; }
};

// KV block `index` of the inputs when blocks are `kv_block` tokens (the last one may be short);
// any_masked says whether one of its tokens is invalid. The run and the step-through both walk
// the cache through this.
KvBlockView kv_block_view(const AttentionInputs& inputs, int kv_block, int index);

struct SoftmaxBlock {
  MatrixF p;        // rows x tokens, exp(S - m_new) in FP32
  VectorF m_new;    // running max after this block
  VectorF row_sum;  // sum of p per row (from the unrounded P)
};

// m_prev holds -inf before the first block.
void compute_softmax_block(const MatrixF& q, float scale, const KvBlockView& block,
                           const VectorF& m_prev, SoftmaxBlock& out);

}  // namespace amla
