#include "core/kernel/kernel_config.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "core/common/input_error.h"
#include "core/kernel/kernel_params.h"

namespace amla {

namespace {

// splitmix64: a tiny, well-mixed generator whose output is the same on every platform and
// standard library (std::normal_distribution is not), so a seed names the same lengths anywhere.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in (0, 1]: never 0, so log() below is finite.
  double uniform() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

}  // namespace

std::int64_t Problem::total_kv_tokens() const {
  if (!kv_lens.empty() && kv_lens.size() != static_cast<std::size_t>(batch)) {
    throw InputError("problem.kv_lens", std::to_string(kv_lens.size()) + " entries",
                     "must have one entry per batch entry (batch " + std::to_string(batch) + ")");
  }
  std::int64_t tokens = 0;
  for (int b = 0; b < batch; ++b) tokens += kv_len_of(b);
  return tokens;
}

double Problem::total_flops() const {
  // QK^T over latent + rope columns and PV over latent columns, 2 FLOP per MAC.
  const double per_row_token = 2.0 * (latent_dim + rope_dim + latent_dim);
  return per_row_token * static_cast<double>(rows_per_batch()) *
         static_cast<double>(total_kv_tokens());
}

std::vector<int> draw_kv_lengths(int batch, int mean, std::uint64_t seed) {
  check_param_value(param("problem.batch"), "problem.batch", batch);
  // Drawn lengths reach twice the mean, and every one must be a valid S_k.
  const long long max_mean = param("problem.kv_len").max / 2;
  if (mean < 1 || mean > max_mean) {
    throw InputError(
        "problem.kv_len", std::to_string(mean),
        "a mean in [1, " + std::to_string(max_mean) + "]: drawn lengths reach twice the mean");
  }
  SplitMix64 rng(seed);
  std::vector<int> lengths;
  lengths.reserve(static_cast<std::size_t>(batch));
  const double sigma = mean / 2.0;
  const double hi = 2.0 * mean;
  while (lengths.size() < static_cast<std::size_t>(batch)) {
    // Box-Muller: two uniforms give two independent standard normals.
    const double r = std::sqrt(-2.0 * std::log(rng.uniform()));
    const double angle = 2.0 * std::numbers::pi * rng.uniform();
    for (const double z : {r * std::cos(angle), r * std::sin(angle)}) {
      if (lengths.size() == static_cast<std::size_t>(batch)) break;
      const double x = std::clamp(std::round(mean + sigma * z), 1.0, hi);
      lengths.push_back(static_cast<int>(x));
    }
  }
  return lengths;
}

const char* variant_name(KernelVariant v) {
  switch (v) {
    case KernelVariant::kAmla:
      return "amla";
    case KernelVariant::kBaseline:
      return "baseline";
  }
  return "unknown";
}

const char* kv_split_name(KvSplitPolicy p) {
  switch (p) {
    case KvSplitPolicy::kNone:
      return "none";
    case KvSplitPolicy::kAuto:
      return "auto";
    case KvSplitPolicy::kBalanced:
      return "balanced";
    case KvSplitPolicy::kFixed:
      return "fixed";
  }
  return "unknown";
}

}  // namespace amla
