#pragma once
// The classic FlashAttention update as the Ascend baseline does it: every KV block the Vector
// core multiplies old O by exp(m_old - m_new) and adds the new P V partial (FP32), P rounded to
// BF16 before the Cube's P V, output O / l cast to BF16.
#include "core/numerics/softmax_block.h"

namespace amla {

class BaselineRowBlock {
 public:
  BaselineRowBlock(const MatrixF& q, float scale);
  void step(const KvBlockView& block);
  // O / l in FP32: the running output before the BF16 cast.
  MatrixF running_output() const;
  const MatrixF& accumulator() const { return o_; }
  // BF16(O / l).
  MatrixF final_output() const;

 private:
  const MatrixF& q_;
  float scale_;
  MatrixF o_;
  MatrixF pv_;
  VectorF m_;
  VectorF l_;
  SoftmaxBlock block_;
  bool first_ = true;
};

}  // namespace amla
