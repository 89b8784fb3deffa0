#include "core/numerics/attention_inputs.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "core/common/input_error.h"
#include "core/numerics/float_formats.h"

namespace amla {

namespace {

// splitmix64 + Box-Muller: the same stream on every platform (std::normal_distribution is not).
class NormalStream {
 public:
  explicit NormalStream(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 1) {}
  double next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u1 = 0.0;
    do {
      u1 = uniform();
    } while (u1 <= 0.0);
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    spare_ = radius * std::sin(2.0 * std::numbers::pi * u2);
    has_spare_ = true;
    return radius * std::cos(2.0 * std::numbers::pi * u2);
  }
  // U[0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t next_u64() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

void fill(MatrixF& m, NormalStream& rng, double sigma, double clamp) {
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    double v = rng.next() * sigma;
    if (clamp > 0) v = std::clamp(v, -clamp, clamp);
    m.data()[i] = static_cast<float>(v);
  }
}

// Adds `rise` (score units) to the score of every row against tokens [first, last), through
// a RoPE column that Q holds at 1: row-independent and exact in BF16 up to the rounding of
// rise/scale.
void add_score_rise(AttentionInputs& in, int column, double rise, int first, int last) {
  in.q.col(column).setOnes();
  const float k_value = bf16_round(static_cast<float>(rise / in.scale));
  for (int t = 0; t < in.kv_len(); ++t) {
    in.kv(t, column) = (t >= first && t < last) ? k_value : 0.0f;
  }
}

void check_range(const std::string& field, double value, double lo, double hi) {
  if (!(value >= lo && value <= hi)) {
    throw InputError(field, std::to_string(value),
                     "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  }
}

}  // namespace

const std::vector<DistributionInfo>& all_distributions() {
  static const std::vector<DistributionInfo> list = {
      {InputDistribution::kFlashMla, "flashmla", "N(0,1)/10 clamped to [-1,1] (FlashMLA tests)"},
      {InputDistribution::kNormal, "normal", "N(0,1)"},
      {InputDistribution::kPasa, "pasa", "PASA: sequence bias, amplitude, Q/K resonance"},
      {InputDistribution::kZeroV, "zero-v", "exact-zero V columns, then a rise of the max"},
      {InputDistribution::kMaxJump, "max-jump", "running max jumps by --jump (> 30 ln2)"},
      {InputDistribution::kSink, "sink", "one early token with a much larger score"},
      {InputDistribution::kNanPadding, "nan-padding",
       "half-empty page of NaN-poisoned, masked slots, then a rise of the max"},
      {InputDistribution::kPasaUniform, "pasa-uniform",
       "PASA's benchmark: Q, K, V = mean + Am (2U - 1), U ~ U[0, 1)"},
      {InputDistribution::kPasaHybrid, "pasa-hybrid",
       "PASA's outliers: N(mean, 1) + N(0, Am) on 0.1% of elements"},
      {InputDistribution::kResonance, "resonance",
       "mean + N(0,1) + Am sin(16 cycles over d); K's phase coincides with or opposes Q's"},
  };
  return list;
}

const char* distribution_name(InputDistribution d) {
  for (const auto& info : all_distributions()) {
    if (info.id == d) return info.name;
  }
  return "unknown";
}

InputDistribution parse_distribution(const std::string& field, const std::string& name) {
  std::string names;
  for (const auto& info : all_distributions()) {
    if (name == info.name) return info.id;
    names += (names.empty() ? "" : ", ") + std::string(info.name);
  }
  throw InputError(field, name, "one of " + names);
}

const char* phase_name(ResonancePhase p) {
  return p == ResonancePhase::kOpposite ? "opposite" : "coincide";
}

ResonancePhase parse_phase(const std::string& field, const std::string& name) {
  if (name == "coincide") return ResonancePhase::kCoincide;
  if (name == "opposite") return ResonancePhase::kOpposite;
  throw InputError(field, name, "one of coincide, opposite");
}

const std::vector<double>& pasa_grid_means() {
  static const std::vector<double> means = {0, 10, 20, 30};
  return means;
}

const std::vector<double>& pasa_grid_amplitudes() {
  static const std::vector<double> amplitudes = {0.5, 5, 10, 20};
  return amplitudes;
}

void validate_input_spec(const InputSpec& s) {
  check_range("rows", s.rows, 1, 1 << 20);
  check_range("kv-len", s.kv_len, 1, 1 << 26);
  if (!(std::isfinite(s.scale) && s.scale > 0)) {
    throw InputError("scale", std::to_string(s.scale), "must be a finite number > 0");
  }
  check_range("pasa-bias", s.pasa_bias, -1e3, 1e3);
  check_range("pasa-amplitude", s.pasa_amplitude, 0, 1e3);
  check_range("pasa-resonance", s.pasa_resonance, 0, 1);
  check_range("mean", s.mean, -1e4, 1e4);
  check_range("amplitude", s.amplitude, 0, 1e4);
  check_range("zero-v-columns", s.zero_v_columns, 0, kValueDim);
  check_range("jump", s.jump, -1e4, 1e4);
  check_range("sink-boost", s.sink_boost, -1e4, 1e4);
  // Token positions only matter to the distributions that place something there.
  const auto d = s.distribution;
  if (d == InputDistribution::kZeroV || d == InputDistribution::kMaxJump ||
      d == InputDistribution::kNanPadding) {
    check_range("jump-token", s.jump_token, 0, s.kv_len);
  }
  if (d == InputDistribution::kSink) check_range("sink-token", s.sink_token, 0, s.kv_len - 1);
  check_range("pad-page", s.pad_page, 2, 1 << 16);
}

void round_inputs_to_bf16(AttentionInputs& in) {
  for (Eigen::Index i = 0; i < in.q.size(); ++i) in.q.data()[i] = bf16_round(in.q.data()[i]);
  for (Eigen::Index i = 0; i < in.kv.size(); ++i) in.kv.data()[i] = bf16_round(in.kv.data()[i]);
}

AttentionInputs generate_inputs(const InputSpec& s) {
  validate_input_spec(s);
  AttentionInputs in;
  in.scale = s.scale;
  in.q.resize(s.rows, kHeadDim);
  in.kv.resize(s.kv_len, kHeadDim);
  in.token_valid.assign(static_cast<std::size_t>(s.kv_len), 1);
  NormalStream rng(s.seed);

  switch (s.distribution) {
    case InputDistribution::kNormal:
      fill(in.q, rng, 1.0, 0.0);
      fill(in.kv, rng, 1.0, 0.0);
      break;
    case InputDistribution::kPasa: {
      // Q and K share a cosine along the head dimension (resonance), are scaled (amplitude) and
      // K carries a constant offset (bias along the sequence).
      const double r = s.pasa_resonance;
      auto wave = [](int d) { return std::cos(2.0 * std::numbers::pi * d / 32.0); };
      for (int i = 0; i < s.rows; ++i)
        for (int d = 0; d < kHeadDim; ++d)
          in.q(i, d) = static_cast<float>(s.pasa_amplitude * ((1 - r) * rng.next() + r * wave(d)));
      for (int t = 0; t < s.kv_len; ++t)
        for (int d = 0; d < kHeadDim; ++d)
          in.kv(t, d) = static_cast<float>(s.pasa_amplitude * ((1 - r) * rng.next() + r * wave(d)) +
                                           s.pasa_bias);
      break;
    }
    case InputDistribution::kPasaUniform:
      for (MatrixF* m : {&in.q, &in.kv}) {
        for (Eigen::Index i = 0; i < m->size(); ++i) {
          m->data()[i] = static_cast<float>(s.mean + s.amplitude * (2.0 * rng.uniform() - 1.0));
        }
      }
      break;
    case InputDistribution::kPasaHybrid:
      for (MatrixF* m : {&in.q, &in.kv}) {
        for (Eigen::Index i = 0; i < m->size(); ++i) {
          double v = s.mean + rng.next();
          if (rng.uniform() < kPasaOutlierProbability) v += s.amplitude * rng.next();
          m->data()[i] = static_cast<float>(v);
        }
      }
      break;
    case InputDistribution::kResonance: {
      const double phase_k = s.phase == ResonancePhase::kOpposite ? std::numbers::pi : 0.0;
      auto wave = [](int d, double phase) {
        return std::sin(2.0 * std::numbers::pi * kResonanceCycles * d / kHeadDim + phase);
      };
      for (int i = 0; i < s.rows; ++i)
        for (int d = 0; d < kHeadDim; ++d)
          in.q(i, d) = static_cast<float>(s.mean + rng.next() + s.amplitude * wave(d, 0.0));
      for (int t = 0; t < s.kv_len; ++t)
        for (int d = 0; d < kHeadDim; ++d)
          in.kv(t, d) = static_cast<float>(s.mean + rng.next() + s.amplitude * wave(d, phase_k));
      break;
    }
    default:
      fill(in.q, rng, 0.1, 1.0);
      fill(in.kv, rng, 0.1, 1.0);
      break;
  }

  const int rise_column = kHeadDim - 1;
  const int sink_column = kHeadDim - 2;
  switch (s.distribution) {
    case InputDistribution::kZeroV:
      in.kv.leftCols(s.zero_v_columns).setZero();
      add_score_rise(in, rise_column, s.jump, s.jump_token, s.kv_len);
      break;
    case InputDistribution::kMaxJump:
      add_score_rise(in, rise_column, s.jump, s.jump_token, s.kv_len);
      break;
    case InputDistribution::kSink:
      add_score_rise(in, sink_column, s.sink_boost, s.sink_token, s.sink_token + 1);
      break;
    case InputDistribution::kNanPadding: {
      // The page that ends at jump_token is only half filled; its empty slots hold NaN.
      const int page_end = std::max(0, s.jump_token);
      const int pad_begin = std::max(0, page_end - s.pad_page / 2);
      add_score_rise(in, rise_column, s.jump, s.jump_token, s.kv_len);
      const float nan = std::numeric_limits<float>::quiet_NaN();
      for (int t = pad_begin; t < page_end; ++t) {
        in.kv.row(t).setConstant(nan);
        in.token_valid[static_cast<std::size_t>(t)] = 0;
      }
      break;
    }
    default:
      break;
  }
  round_inputs_to_bf16(in);
  return in;
}

}  // namespace amla
