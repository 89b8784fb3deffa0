#pragma once
// The per-row AMLA scalars after one KV block, as the Vector core computes them.
#include <cstdint>

namespace amla {

struct RowBlockState {
  float m = 0;           // running max of the scaled scores
  int n = 0;             // round(-m / ln2), half away from zero
  int dn = 0;            // n_i - n_{i-1} (0 for the first block)
  float c = 0;           // exp(m + n ln2), in [2^-0.5, 2^0.5]
  float c_hat = 0;       // c rounded to BF16
  float k = 0;           // c / c_hat
  float e = 0;           // k_{i-1} / k_i - 1
  std::int32_t N = 0;    // the INT32 addend applied to O before this block's P V (0 for block 1)
  float l = 0;           // running row sum
  bool clamped = false;  // dn was below the clamp value
};

}  // namespace amla
