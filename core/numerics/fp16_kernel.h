#pragma once
// FlashAttention's online softmax with every stored value in FP16, as a plain FP16 kernel on
// Ascend runs it: Q and K in FP16, S = Q K^T accumulated in FP32 by the Cube and written out in
// FP16, the softmax scale applied afterwards in the Vector stage (so a large bias overflows S
// itself), the Vector arithmetic (scale, max, exp, row sum, rescale of O) in FP16, P V an FP16
// matmul, the output O / l in FP16. Overflows are counted per stage.
#include "core/numerics/overflow_counts.h"
#include "core/numerics/reduced_precision.h"
#include "core/numerics/softmax_block.h"

namespace amla {

class Fp16RowBlock {
 public:
  Fp16RowBlock(const MatrixF& q, float scale);
  void step(const KvBlockView& block);
  // O / l in FP16 arithmetic: the running output (the kernel's output is this, in FP16).
  MatrixF running_output() const;
  MatrixF final_output();
  const OverflowCounts& overflow() const { return overflow_; }

 private:
  MatrixD q_;  // FP16
  double scale_;
  MatrixD o_;
  Eigen::VectorXd m_;
  Eigen::VectorXd l_;
  OverflowCounts overflow_;
};

}  // namespace amla
