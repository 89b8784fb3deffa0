#pragma once
// PASA (spec pasa.md, steps 1-9): FlashAttention in FP16 kept from overflowing by shifting each
// KV block's keys by beta times their mean along the sequence (K' = M K, the softmax scale
// folded into M), and recovering the exact softmax from a running mean of the shifted row means.
// The Cube works in FP16 with FP32 accumulation; the Vector stage in FP16, FP32 ("hybrid") or
// double (PasaSwitches). Overflows are counted per stage; the per-row terms of every KV block are
// kept so they can be shown.
#include <vector>

#include "core/numerics/overflow_counts.h"
#include "core/numerics/pasa_switches.h"
#include "core/numerics/reduced_precision.h"
#include "core/numerics/softmax_block.h"

namespace amla {

// One row's PASA terms after one KV block.
struct PasaBlockState {
  float shift = 0;          // c * sbar: the amount the block's shift removed from its scores
  float row_mean = 0;       // sbar_j = rowmean(S'_j)
  float running_mean = 0;   // abar_j
  float d_new = 0;          // c (sbar_j - abar_j)
  float d_old = 0;          // c (abar_{j-1} - abar_j)
  float m = 0;              // running max after the recovery
  float l = 0;              // running row sum
  bool overflowed = false;  // a new inf/NaN appeared in this row during this block
};

class PasaRowBlock {
 public:
  // states: row r and block b at states[r * kv_blocks + b] (nullptr: not recorded).
  PasaRowBlock(const MatrixF& q, double scale, const PasaSwitches& switches, PasaBlockState* states,
               int kv_blocks);
  void step(const KvBlockView& block);
  // O / l in the Vector precision: the running output before the final FP16 cast.
  MatrixF running_output() const;
  // The output as the kernel writes it (FP16, or unrounded in the fp64 precision).
  MatrixF final_output();
  // The running output in double (the fp64 precision's exactness check reads this).
  MatrixD running_output_double() const;
  const OverflowCounts& overflow() const { return overflow_; }

 private:
  double vec(double x) const { return round_to(vector_, x); }
  double row_mean(const double* s, int n) const;

  Arith vector_;
  Arith cube_;
  PasaSwitches sw_;
  double scale_;
  double c_;  // beta / (1 - beta) in the Vector precision
  MatrixD q_;
  MatrixD o_;
  Eigen::VectorXd m_;
  Eigen::VectorXd l_;
  Eigen::VectorXd running_mean_;
  int blocks_seen_ = 0;
  PasaBlockState* states_;
  int kv_blocks_;
  OverflowCounts overflow_;
};

}  // namespace amla
