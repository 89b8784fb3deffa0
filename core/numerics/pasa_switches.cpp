#include "core/numerics/pasa_switches.h"

#include <cmath>

#include "core/common/input_error.h"
#include "core/numerics/float_formats.h"

namespace amla {

namespace {

template <typename E>
E parse_option(const std::vector<PasaOption>& options, const std::string& field,
               const std::string& name) {
  std::string names;
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (name == options[i].name) return static_cast<E>(i);
    names += (names.empty() ? "" : ", ") + std::string(options[i].name);
  }
  throw InputError(field, name, "one of " + names);
}

}  // namespace

void validate_pasa_switches(const PasaSwitches& s) {
  if (!(s.beta >= 0 && s.beta <= kPasaBetaMax)) {
    throw InputError("pasa-beta", std::to_string(s.beta),
                     "must be in [0, 0.999]; the fixed points are 0.9375, 0.968994, 0.984497");
  }
  if (static_cast<std::size_t>(s.precision) >= pasa_precision_options().size()) {
    throw InputError("pasa-precision", std::to_string(static_cast<int>(s.precision)),
                     "not a precision");
  }
  if (static_cast<std::size_t>(s.mean) >= pasa_mean_options().size()) {
    throw InputError("pasa-mean", std::to_string(static_cast<int>(s.mean)), "not a reduction");
  }
}

const std::vector<PasaOption>& pasa_precision_options() {
  static const std::vector<PasaOption> list = {
      {"fp16", "every Vector operation in FP16 (the paper's kernel)"},
      {"hybrid", "Vector arithmetic in FP32, Cube in FP16 (the reference's \"hybrid\")"},
      {"fp64", "every step in double, nothing rounded (checks the recovery's algebra)"},
  };
  return list;
}

const std::vector<PasaOption>& pasa_mean_options() {
  static const std::vector<PasaOption> list = {
      {"fp16-sum", "plain FP16 sum of S', then / n (overflows past 65504)"},
      {"fp16-scaled", "FP16 sum of the pre-scaled S' / n"},
      {"fp32", "FP32 accumulation, then / n"},
  };
  return list;
}

PasaPrecision parse_pasa_precision(const std::string& field, const std::string& name) {
  return parse_option<PasaPrecision>(pasa_precision_options(), field, name);
}

PasaMeanReduction parse_pasa_mean(const std::string& field, const std::string& name) {
  return parse_option<PasaMeanReduction>(pasa_mean_options(), field, name);
}

double pasa_beta_fixed_point(double start, int n) {
  double beta = start;
  for (int i = 0; i < 100; ++i) {
    const double b = -fp16_round(static_cast<float>(-beta / n));
    const double a = fp16_round(static_cast<float>(1.0 - beta / n)) + b;
    const double c = b * n / (a * (a - b * n)) + (1.0 - a) / a;
    const double next = c / (1.0 + c);
    if (next == beta) break;
    beta = next;
  }
  return beta;
}

}  // namespace amla
