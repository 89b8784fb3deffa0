#include "core/numerics/amla_kernel.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/numerics/float_bits.h"
#include "core/numerics/float_formats.h"

namespace amla {

namespace {
constexpr float kLn2 = 0.693147182f;    // ln 2 rounded to FP32, as the Vector core holds it
constexpr float kInvLn2 = 1.44269502f;  // 1 / ln 2 rounded to FP32
constexpr float kTwoPow23 = 8388608.0f;
constexpr float kMinusInf = -std::numeric_limits<float>::infinity();

std::int32_t saturate_int32(float x) {
  if (!(x == x)) return 0;
  const double d = std::clamp<double>(x, -2147483648.0, 2147483647.0);
  return static_cast<std::int32_t>(round_half_away(d));
}
}  // namespace

RowBlockState amla_row_update(const RowBlockState* prev, float m_new, float row_sum,
                              const AmlaSwitches& sw) {
  RowBlockState s;
  s.m = m_new;
  if (m_new == kMinusInf) {
    // No valid token in this row yet: nothing to rescale, keep a neutral state.
    s.c = s.c_hat = s.k = 1.0f;
    s.l = 0.0f;
    return s;
  }
  const float t = std::clamp(-m_new * kInvLn2, -1e9f, 1e9f);
  s.n = static_cast<int>(round_half_away(t));
  s.dn = prev ? s.n - prev->n : 0;
  s.c = std::exp(m_new + static_cast<float>(s.n) * kLn2);
  s.c_hat = bf16_round(s.c);
  s.k = s.c / s.c_hat;
  const float k_prev = prev ? prev->k : 1.0f;
  s.e = k_prev / s.k - 1.0f;
  int dn_used = s.dn;
  if (sw.clamp && s.dn < sw.clamp_value) {
    dn_used = sw.clamp_value;
    s.clamped = true;
  }
  const float compensation = sw.compensation ? static_cast<float>(sw.mantissa_mean) * s.e : 0.0f;
  s.N = prev ? saturate_int32(
                   (static_cast<float>(dn_used) + compensation + static_cast<float>(sw.epsilon)) *
                   kTwoPow23)
             : 0;
  const float alpha = (prev == nullptr || prev->m == kMinusInf) ? 0.0f : std::exp(prev->m - m_new);
  s.l = alpha * (prev ? prev->l : 0.0f) + row_sum;
  return s;
}

AmlaRowBlock::AmlaRowBlock(const MatrixF& q, float scale, const AmlaSwitches& switches,
                           RowBlockState* states, int kv_blocks)
    : q_(q),
      scale_(scale),
      sw_(switches),
      states_(states),
      kv_blocks_(kv_blocks),
      o_(MatrixF::Zero(q.rows(), kValueDim)),
      last_rescale_input_(MatrixF::Zero(q.rows(), kValueDim)),
      last_addend_(static_cast<std::size_t>(q.rows()), 0),
      last_shift_(static_cast<std::size_t>(q.rows()), 0),
      current_(static_cast<std::size_t>(q.rows())),
      classes_(kRescaleClassCount, 0) {}

AmlaRescale::AmlaRescale(const RowBlockState& s, const AmlaSwitches& sw)
    : exponent_add_(sw.exponent_add),
      compensation_(sw.compensation),
      addend_(s.N),
      shift_(s.clamped ? sw.clamp_value : s.dn),
      power_(std::ldexp(1.0f, shift_)),
      factor_(1.0f + s.e) {}

float AmlaRescale::exponent_add_value(float x) const {
  return float_of(exponent_add_bits(bits_of(x), addend_));
}

void AmlaRowBlock::rescale_row(Eigen::Index r, const RowBlockState& s) {
  last_rescale_input_.row(r) = o_.row(r);
  const AmlaRescale rescale(s, sw_);
  last_addend_[static_cast<std::size_t>(r)] = s.N;
  last_shift_[static_cast<std::size_t>(r)] = rescale.shift();
  float* row = o_.row(r).data();
  if (sw_.exponent_add) {
    // The MTE3 INT32 atomic add: no load into the Vector core, no multiply.
    for (int j = 0; j < kValueDim; ++j) {
      ++classes_[static_cast<int>(classify_exponent_add(bits_of(row[j]), s.N))];
    }
  }
  for (int j = 0; j < kValueDim; ++j) row[j] = rescale.apply(row[j]);
}

void AmlaRowBlock::step(const KvBlockView& block) {
  VectorF m_prev(q_.rows());
  for (Eigen::Index r = 0; r < q_.rows(); ++r) {
    m_prev[r] = first_ ? kMinusInf : current_[static_cast<std::size_t>(r)].m;
  }
  compute_softmax_block(q_, scale_, block, m_prev, block_);
  for (Eigen::Index r = 0; r < q_.rows(); ++r) {
    auto& cur = current_[static_cast<std::size_t>(r)];
    const RowBlockState s =
        amla_row_update(first_ ? nullptr : &cur, block_.m_new[r], block_.row_sum[r], sw_);
    if (!first_) rescale_row(r, s);
    // P~ = BF16(P * c^): the tile the Cube multiplies with V.
    float* p = block_.p.row(r).data();
    for (int t = 0; t < block.tokens; ++t) p[t] = bf16_round(p[t] * s.c_hat);
    cur = s;
    states_[static_cast<std::size_t>(r) * kv_blocks_ + block.index] = s;
  }
  // The Cube's P~ V lands in L0C; FixPipe writes it (block 1) or atomically adds it to O in GM.
  pv_.noalias() = block_.p * block.k().leftCols(kValueDim);
  if (first_) {
    o_ = pv_;
  } else {
    o_ += pv_;
  }
  first_ = false;
}

void AmlaRowBlock::apply_guard(MatrixF& o, std::uint64_t* hits) const {
  if (!sw_.guard) return;
  const float threshold = static_cast<float>(sw_.guard_threshold);
  for (Eigen::Index i = 0; i < o.size(); ++i) {
    float& x = o.data()[i];
    if (std::fabs(x) > threshold) {  // NaN compares false and passes through, as on the device
      x = 0.0f;
      if (hits) ++*hits;
    }
  }
}

MatrixF AmlaRowBlock::running_output() const {
  MatrixF out = o_;
  apply_guard(out, nullptr);
  for (Eigen::Index r = 0; r < out.rows(); ++r) {
    const auto& s = current_[static_cast<std::size_t>(r)];
    out.row(r) /= s.l * s.c_hat;
  }
  return out;
}

MatrixF AmlaRowBlock::finish(std::uint64_t& guard_hits) {
  apply_guard(o_, &guard_hits);
  MatrixF out = o_;
  for (Eigen::Index r = 0; r < out.rows(); ++r) {
    const auto& s = current_[static_cast<std::size_t>(r)];
    const float denominator = s.l * s.c_hat;
    for (int j = 0; j < kValueDim; ++j) out(r, j) = bf16_round(out(r, j) / denominator);
  }
  return out;
}

}  // namespace amla
