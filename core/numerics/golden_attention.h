#pragma once
// The FP64 golden of MLA decode attention from the BF16-rounded inputs. Masked tokens take no
// part at all (their K and V are never multiplied), as a correct kernel must behave.
#include <Eigen/Core>

#include "core/numerics/attention_inputs.h"
#include "core/numerics/softmax_block.h"

namespace amla {

// Online softmax in FP64 over one row block, one KV block at a time; after each step
// output() is the exact attention over the tokens seen so far (the prefix golden).
class GoldenRowBlock {
 public:
  GoldenRowBlock(const MatrixD& q, double scale);
  void step(const Eigen::Ref<const MatrixD>& kv_block, const KvBlockView& block);
  MatrixD output() const;

 private:
  const MatrixD& q_;
  double scale_;
  MatrixD o_;
  Eigen::VectorXd m_;
  Eigen::VectorXd l_;
  MatrixD s_;
};

// Plain two-pass softmax over all tokens in FP64: the reference the online form is tested against.
MatrixD golden_attention_direct(const AttentionInputs& inputs);

}  // namespace amla
