#pragma once
// The arithmetic of the FP16 kernels (fp16 and pasa): values held in double and rounded after
// every operation to the precision of the unit that computes it, the Cube's FP16 matmul with
// FP32 accumulation, and the Vector unit's row reductions, each counting new overflows.
#include <cstdint>
#include <vector>

#include "core/numerics/attention_inputs.h"
#include "core/numerics/float_formats.h"
#include "core/numerics/overflow_counts.h"

namespace amla {

// kFp64 rounds nothing: the same steps in exact-enough arithmetic, to check the algebra.
enum class Arith : std::uint8_t { kFp16, kFp32, kFp64 };

inline double round_to(Arith a, double x) {
  switch (a) {
    case Arith::kFp16:
      return fp16_round(static_cast<float>(x));
    case Arith::kFp32:
      return static_cast<float>(x);
    case Arith::kFp64:
      break;
  }
  return x;
}

// Rounds every element in place; counts the elements that became inf/NaN from finite values.
void round_matrix(Arith a, MatrixD& m, StageOverflow& stage);

// A (r x k) times B^T (B is n x k, so pass V^T for P V) as the Cube does it: operands as given
// (already in the Cube's input format), products accumulated in FP32, the result written out
// rounded to `out`. With out == kFp64 the product is taken in double instead. An output counts as a
// new overflow when its row of A and row of B are finite.
MatrixD cube_product(const MatrixD& a, const MatrixD& b, Arith out, StageOverflow& stage);

// Sum of values [0, n) by the Vector unit's pairwise tree, every partial sum rounded to `a`.
double tree_sum(Arith a, const double* values, int n);

}  // namespace amla
