#pragma once
// PASA's choices (spec pasa.md): the shift fraction beta, the precision of the Vector stage and
// how the row mean of the shifted scores is reduced. Each is a switch so its effect can be seen.
#include <cstdint>
#include <string>
#include <vector>

namespace amla {

// The fixed points of the spec's step 9 (from 1 - 2^-4, 1 - 2^-5, 1 - 2^-6).
inline constexpr double kPasaBetaFp16 = 0.9375;
inline constexpr double kPasaBetaBf16 = 0.968994;
inline constexpr double kPasaBetaFine = 0.984497;
inline constexpr double kPasaBetaMax = 0.999;  // M is singular at 1; c = beta / (1 - beta) <= 999

enum class PasaPrecision : std::uint8_t {
  kFp16,    // every Vector operation in FP16 (the paper's kernel)
  kHybrid,  // Vector arithmetic in FP32, Cube in FP16 (the reference's "hybrid")
  kFp64,    // every step in double, nothing rounded: the recovery's algebra alone
};

enum class PasaMeanReduction : std::uint8_t {
  kFp16Sum,     // plain FP16 sum of the shifted scores, then / n (overflows at MLA's widths)
  kFp16Scaled,  // FP16 sum of the pre-scaled values S' / n
  kFp32,        // FP32 accumulation, then / n
};

struct PasaSwitches {
  // The generators round inputs to BF16, so the default is the reference's beta for BF16 inputs.
  double beta = kPasaBetaBf16;
  PasaPrecision precision = PasaPrecision::kFp16;
  PasaMeanReduction mean = PasaMeanReduction::kFp16Scaled;
};

void validate_pasa_switches(const PasaSwitches& s);

// Names as the CLI and GUI show and accept them, with one-line meanings.
struct PasaOption {
  const char* name;
  const char* description;
};
const std::vector<PasaOption>& pasa_precision_options();  // indexed by PasaPrecision
const std::vector<PasaOption>& pasa_mean_options();       // indexed by PasaMeanReduction
PasaPrecision parse_pasa_precision(const std::string& field, const std::string& name);
PasaMeanReduction parse_pasa_mean(const std::string& field, const std::string& name);

// beta from the fixed point of step 9, starting at `start`, for blocks of n keys.
double pasa_beta_fixed_point(double start, int n = 128);

}  // namespace amla
