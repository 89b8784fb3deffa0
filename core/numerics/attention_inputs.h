#pragma once
// The inputs of one MLA decode attention problem: Q [rows, 576] and the shared latent KV cache
// [S_k, 576] (K = all 576 columns, V = the first 512), already rounded to BF16 as the kernel
// reads them, plus a per-token validity mask (padding) and the softmax scale.
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace amla {

constexpr int kLatentDim = 512;
constexpr int kRopeDim = 64;
constexpr int kHeadDim = kLatentDim + kRopeDim;  // 576
constexpr int kValueDim = kLatentDim;            // 512

using MatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct AttentionInputs {
  MatrixF q;                              // rows x 576
  MatrixF kv;                             // S_k x 576
  std::vector<std::uint8_t> token_valid;  // S_k entries, 1 = attend, 0 = masked padding
  double scale = 0.0;

  int rows() const { return static_cast<int>(q.rows()); }
  int kv_len() const { return static_cast<int>(kv.rows()); }
};

enum class InputDistribution {
  kFlashMla,     // N(0,1)/10 clamped to [-1, 1] (FlashMLA's tests)
  kNormal,       // N(0,1)
  kPasa,         // bias along the sequence, amplitude, Q/K resonance (PASA)
  kZeroV,        // some V columns exactly zero, plus a max rise that makes dn < 0
  kMaxJump,      // the running max jumps by more than 30 ln2 between two KV blocks
  kSink,         // one early token with a much larger score (attention sink)
  kNanPadding,   // a partly filled page whose empty slots are NaN and masked, then a max rise
  kPasaUniform,  // PASA's benchmark: Q, K, V = mean + Am (2U - 1)
  kPasaHybrid,   // PASA's outliers: N(mean, 1) + N(0, Am) * Bernoulli(0.001)
  kResonance,    // Q and K share (or oppose) a sinusoid along the head dimension
};

// Resonance: whether K's phase pattern coincides with Q's or is opposite to it.
enum class ResonancePhase : std::uint8_t { kCoincide, kOpposite };
const char* phase_name(ResonancePhase p);
ResonancePhase parse_phase(const std::string& field, const std::string& name);

// PASA's evaluation grid (spec pasa.md): mean in {0, 10, 20, 30} x Am in {0.5, 5, 10, 20}.
const std::vector<double>& pasa_grid_means();
const std::vector<double>& pasa_grid_amplitudes();

// The sinusoid of the resonance generator: cycles over the 576-wide head dimension.
constexpr int kResonanceCycles = 16;
// The hybrid generator's outlier probability per element.
constexpr double kPasaOutlierProbability = 0.001;

struct DistributionInfo {
  InputDistribution id;
  const char* name;
  const char* description;
};
const std::vector<DistributionInfo>& all_distributions();
InputDistribution parse_distribution(const std::string& field, const std::string& name);
const char* distribution_name(InputDistribution d);

struct InputSpec {
  int rows = 128;
  int kv_len = 4096;
  InputDistribution distribution = InputDistribution::kFlashMla;
  std::uint64_t seed = 0;
  double scale = 0.041666666666666664;  // 1/sqrt(576)
  // PASA knobs.
  double pasa_bias = 4.0;       // constant offset added along the sequence (score drift)
  double pasa_amplitude = 3.0;  // multiplies Q and K
  double pasa_resonance = 0.5;  // 0 = random phases, 1 = Q and K phases aligned
  // PASA generators (pasa-uniform, pasa-hybrid, resonance). Reference defaults: mean 30, Am 0.5
  // (uniform; the reference uses 10 for hybrid), seed 2024724.
  double mean = 30.0;
  double amplitude = 0.5;  // Am: uniform half-width, outlier sigma, or the sinusoid's amplitude
  ResonancePhase phase = ResonancePhase::kCoincide;
  // Hazard knobs.
  int zero_v_columns = 16;   // kZeroV: V columns [0, n) are exactly zero
  double jump = 22.0;        // kMaxJump / kZeroV / kNanPadding: score rise (score units)
  int jump_token = 512;      // first token of the rise (start of KV block 2 by default)
  double sink_boost = 10.0;  // kSink: extra score of the sink token
  int sink_token = 0;
  int pad_page = 64;  // kNanPadding: page size; the page before jump_token is half empty
};

// Validates the spec (sizes positive, knobs in range, memory) and draws the tensors.
AttentionInputs generate_inputs(const InputSpec& spec);
void validate_input_spec(const InputSpec& spec);

// Rounds every element to BF16 (what the kernel reads).
void round_inputs_to_bf16(AttentionInputs& inputs);

}  // namespace amla
