#include "core/numerics/pasa_kernel.h"

#include <cmath>

namespace amla {

namespace {

enum Stage {
  kInputs,
  kShift,
  kKeys,
  kScores,
  kMean,
  kExp,
  kRowSum,
  kPv,
  kRecovery,
  kUpdate,
  kOutput
};

OverflowCounts pasa_stages() {
  OverflowCounts c;
  for (const char* name :
       {"inputs to FP16", "M = s (I - beta/n 1 1^T)", "K' = M K (Cube)", "S' = Q K'^T (Cube)",
        "row mean sbar", "P = exp(S' - m_j)", "row sum l_j", "P V (Cube)",
        "recovery (abar, d, m, factors, l)", "O update", "output O / l"}) {
    c.stages.push_back({name, 0, 0});
  }
  return c;
}

Arith vector_arith(PasaPrecision p) {
  switch (p) {
    case PasaPrecision::kFp16:
      return Arith::kFp16;
    case PasaPrecision::kHybrid:
      return Arith::kFp32;
    case PasaPrecision::kFp64:
      break;
  }
  return Arith::kFp64;
}

constexpr double kStartMax = -60000.0;  // the reference's start value of m (finite in FP16)

}  // namespace

PasaRowBlock::PasaRowBlock(const MatrixF& q, double scale, const PasaSwitches& switches,
                           PasaBlockState* states, int kv_blocks)
    : vector_(vector_arith(switches.precision)),
      cube_(switches.precision == PasaPrecision::kFp64 ? Arith::kFp64 : Arith::kFp16),
      sw_(switches),
      scale_(scale),
      c_(round_to(vector_, switches.beta / (1.0 - switches.beta))),
      q_(q.cast<double>()),
      o_(MatrixD::Zero(q.rows(), kValueDim)),
      m_(Eigen::VectorXd::Constant(q.rows(), kStartMax)),
      l_(Eigen::VectorXd::Zero(q.rows())),
      running_mean_(Eigen::VectorXd::Zero(q.rows())),
      states_(states),
      kv_blocks_(kv_blocks),
      overflow_(pasa_stages()) {
  round_matrix(cube_, q_, overflow_.stages[kInputs]);
}

double PasaRowBlock::row_mean(const double* s, int n) const {
  if (vector_ == Arith::kFp64) {
    double sum = 0;
    for (int t = 0; t < n; ++t) sum += s[t];
    return sum / n;
  }
  std::vector<double> terms(s, s + n);
  switch (sw_.mean) {
    case PasaMeanReduction::kFp16Sum:
      return vec(tree_sum(Arith::kFp16, terms.data(), n) / n);
    case PasaMeanReduction::kFp16Scaled: {
      const double inv_n = vec(1.0 / n);
      for (double& t : terms) t = round_to(Arith::kFp16, t * inv_n);
      return vec(tree_sum(Arith::kFp16, terms.data(), n));
    }
    case PasaMeanReduction::kFp32:
      break;
  }
  return vec(tree_sum(Arith::kFp32, terms.data(), n) / n);
}

void PasaRowBlock::step(const KvBlockView& block) {
  auto& st = overflow_.stages;
  const auto rows = q_.rows();
  // The shift works on the block's valid keys only: masked ones take no part (their K may be NaN).
  std::vector<int> kept;
  for (int t = 0; t < block.tokens; ++t) {
    if (block.valid[t]) kept.push_back(t);
  }
  const int n = static_cast<int>(kept.size());
  if (n == 0) {
    for (Eigen::Index r = 0; r < rows && states_; ++r) {
      PasaBlockState& s = states_[r * kv_blocks_ + block.index];
      s = block.index > 0 ? states_[r * kv_blocks_ + block.index - 1] : PasaBlockState{};
    }
    return;
  }
  MatrixD k(n, kHeadDim);
  for (int i = 0; i < n; ++i)
    k.row(i) = block.k().row(kept[static_cast<std::size_t>(i)]).cast<double>();
  round_matrix(cube_, k, st[kInputs]);

  // Step 1: M = s (I - beta/n 1 1^T) in FP16: one diagonal and one off-diagonal value.
  const double diag = round_to(cube_, scale_ * (1.0 - sw_.beta / n));
  const double off = round_to(cube_, -scale_ * sw_.beta / n);
  st[kShift].note(diag, true);
  st[kShift].note(off, true);
  // Step 2: K' = M K. Row t of M K is diag K_t + off (sum of the other rows), accumulated in FP32
  // by the Cube; written out in FP16.
  MatrixD k_shift(n, kHeadDim);
  if (cube_ == Arith::kFp64) {
    const Eigen::RowVectorXd colsum = k.colwise().sum();
    k_shift = (diag - off) * k;
    k_shift.rowwise() += off * colsum;
  } else {
    const MatrixF kf = k.cast<float>();
    const Eigen::RowVectorXf colsum = kf.colwise().sum();
    MatrixF shifted = static_cast<float>(diag - off) * kf;
    shifted.rowwise() += static_cast<float>(off) * colsum;
    k_shift = shifted.cast<double>();
  }
  const bool k_finite = k.allFinite();
  for (Eigen::Index i = 0; i < k_shift.size(); ++i) {
    double& v = k_shift.data()[i];
    v = round_to(cube_, v);
    st[kKeys].note(v, k_finite);
  }
  // Step 3: S' = Q K'^T (the scale is already in M).
  const MatrixD s = cube_product(q_, k_shift, cube_, st[kScores]);

  MatrixD p(rows, n);
  Eigen::VectorXd f_new_row(rows);
  const int j = blocks_seen_;
  for (Eigen::Index r = 0; r < rows; ++r) {
    const double* srow = s.row(r).data();
    const bool s_finite = s.row(r).allFinite();
    // Step 4: sbar, m_j, P = exp(S' - m_j), l_j.
    const double sbar = row_mean(srow, n);
    st[kMean].note(sbar, s_finite);
    double m_block = srow[0];
    for (int t = 1; t < n; ++t) m_block = srow[t] > m_block ? srow[t] : m_block;
    for (int t = 0; t < n; ++t) {
      const double e = vec(std::exp(vec(srow[t] - m_block)));
      st[kExp].note(e, s_finite);
      p(r, t) = e;
    }
    const double l_block = tree_sum(vector_, p.row(r).data(), n);
    st[kRowSum].note(l_block, p.row(r).allFinite());

    // Steps 5-7: running mean of the shifted means, recovery terms, merge with the old state.
    const double a_old = running_mean_[r];
    const double a_new = j == 0 ? sbar : vec(vec(sbar + vec(j * a_old)) / (j + 1));
    const double d_new = vec(c_ * vec(sbar - a_new));
    const double d_old = j == 0 ? 0.0 : vec(c_ * vec(a_old - a_new));
    const double m_old = m_[r];
    const double m = std::max(vec(m_block + d_new), vec(m_old + d_old));
    const double f_old = vec(std::exp(vec(vec(m_old - m) + d_old)));
    const double f_new = vec(std::exp(vec(vec(m_block - m) + d_new)));
    const double l_old = l_[r];
    const double l = vec(vec(f_old * l_old) + vec(f_new * l_block));
    const bool recovery_in = std::isfinite(sbar) && std::isfinite(a_old) &&
                             std::isfinite(m_block) && std::isfinite(l_block) &&
                             std::isfinite(l_old);
    const std::uint64_t before = st[kRecovery].total();
    for (double v : {a_new, d_new, d_old, m, f_old, f_new, l}) st[kRecovery].note(v, recovery_in);
    running_mean_[r] = a_new;
    m_[r] = m;
    l_[r] = l;
    // The old accumulator is scaled now; the new P V partial is added once the Cube is done.
    for (Eigen::Index c = 0; c < o_.cols(); ++c) o_(r, c) = vec(f_old * o_(r, c));
    if (states_) {
      PasaBlockState& out = states_[r * kv_blocks_ + block.index];
      out.shift = static_cast<float>(vec(c_ * sbar));
      out.row_mean = static_cast<float>(sbar);
      out.running_mean = static_cast<float>(a_new);
      out.d_new = static_cast<float>(d_new);
      out.d_old = static_cast<float>(d_old);
      out.m = static_cast<float>(m);
      out.l = static_cast<float>(l);
      out.overflowed = st[kRecovery].total() != before || !s_finite || !std::isfinite(sbar);
    }
    f_new_row[r] = f_new;
  }
  // P goes to the Cube in FP16; its factor f_new is applied to the P V partial.
  MatrixD p_cube = p;
  StageOverflow ignored;  // P is in [0, 1]: rounding it cannot overflow
  round_matrix(cube_, p_cube, ignored);
  const MatrixD v_t = k.leftCols(kValueDim).transpose();  // the Cube's B operand: V^T
  const MatrixD pv = cube_product(p_cube, v_t, cube_, st[kPv]);
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (Eigen::Index c = 0; c < o_.cols(); ++c) {
      const double before = o_(r, c);
      const double add = vec(f_new_row[r] * pv(r, c));
      o_(r, c) = vec(before + add);
      st[kUpdate].note(o_(r, c), std::isfinite(before) && std::isfinite(pv(r, c)));
    }
  }
  ++blocks_seen_;
}

MatrixD PasaRowBlock::running_output_double() const {
  MatrixD out(o_.rows(), o_.cols());
  for (Eigen::Index r = 0; r < o_.rows(); ++r) {
    for (Eigen::Index c = 0; c < o_.cols(); ++c) out(r, c) = vec(o_(r, c) / l_[r]);
  }
  return out;
}

MatrixF PasaRowBlock::running_output() const { return running_output_double().cast<float>(); }

MatrixF PasaRowBlock::final_output() {
  const MatrixD running = running_output_double();
  MatrixF out(running.rows(), running.cols());
  for (Eigen::Index r = 0; r < running.rows(); ++r) {
    const bool operands = std::isfinite(l_[r]) && l_[r] != 0 && o_.row(r).allFinite();
    for (Eigen::Index c = 0; c < running.cols(); ++c) {
      // The kernel writes FP16; the fp64 precision keeps its exact value (as float).
      const double v = round_to(cube_, running(r, c));
      overflow_.stages[kOutput].note(v, operands);
      out(r, c) = static_cast<float>(v);
    }
  }
  return out;
}

}  // namespace amla
