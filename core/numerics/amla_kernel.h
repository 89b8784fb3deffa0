#pragma once
// AMLA's update exactly as the shipped kernel does it (spec amla-numerics.md, section 3):
// the running max rounded to a multiple of ln 2 so the rescale between blocks is 2^dn, applied to
// the FP32 accumulator by an INT32 add on its exponent field, with the BF16 rounding of the
// residual c carried by a 1.5 * e compensation, the -30 clamp, the 1e10 guard and the final
// divide by l * c^. Every detail is a switch (AmlaSwitches).
#include <cstdint>
#include <vector>

#include "core/numerics/amla_switches.h"
#include "core/numerics/kernel_state.h"
#include "core/numerics/softmax_block.h"

namespace amla {

class AmlaRowBlock {
 public:
  // states: where to record the per-row state, row r and block b at states[r * kv_blocks + b].
  AmlaRowBlock(const MatrixF& q, float scale, const AmlaSwitches& switches, RowBlockState* states,
               int kv_blocks);
  void step(const KvBlockView& block);

  // O / (l c^) in FP32 after the guard: the running output before the BF16 cast.
  MatrixF running_output() const;
  // Applies the guard to the accumulator (counting the elements it zeroes) and returns
  // BF16(O / (l c^)).
  MatrixF finish(std::uint64_t& guard_hits);

  const MatrixF& accumulator() const { return o_; }
  const MatrixF& last_rescale_input() const { return last_rescale_input_; }
  const std::vector<std::int32_t>& last_addend() const { return last_addend_; }
  const std::vector<int>& last_shift() const { return last_shift_; }
  // Count per RescaleClass over every element of every integer add.
  const std::vector<std::uint64_t>& rescale_classes() const { return classes_; }

 private:
  void rescale_row(Eigen::Index r, const RowBlockState& s);
  void apply_guard(MatrixF& o, std::uint64_t* hits) const;

  const MatrixF& q_;
  float scale_;
  AmlaSwitches sw_;
  RowBlockState* states_;
  int kv_blocks_;
  MatrixF o_;
  MatrixF pv_;
  MatrixF last_rescale_input_;
  std::vector<std::int32_t> last_addend_;
  std::vector<int> last_shift_;
  std::vector<RowBlockState> current_;  // latest state per row
  std::vector<std::uint64_t> classes_;
  SoftmaxBlock block_;
  bool first_ = true;
};

// What the kernel does to one element of old O before a block's P~V lands: the INT32 add of N,
// or with the exponent add off the exact multiply by 2^dn (times 1 + e with the compensation on).
// The kernel and the step-through both apply it, so they cannot drift apart.
class AmlaRescale {
 public:
  AmlaRescale(const RowBlockState& state, const AmlaSwitches& switches);
  float apply(float x) const {
    if (exponent_add_) return exponent_add_value(x);
    const float scaled = x * power_;
    return compensation_ ? scaled * factor_ : scaled;
  }
  // The dn the add applies: dn, or the clamp value when the clamp engaged.
  int shift() const { return shift_; }

 private:
  float exponent_add_value(float x) const;
  bool exponent_add_;
  bool compensation_;
  std::int32_t addend_;
  int shift_;
  float power_;
  float factor_;
};

// The AMLA scalars of one row for one block, from the previous block's state.
RowBlockState amla_row_update(const RowBlockState* previous, float m_new, float row_sum,
                              const AmlaSwitches& switches);

}  // namespace amla
