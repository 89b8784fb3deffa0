#pragma once
// One numerics run: the FP64 golden and the kernel emulations (baseline MUL rescale and AMLA's
// exponent add always; the FP16 kernel and PASA when chosen), walked in lockstep over the
// kernel's (row block, KV block) tasks, with the per-row AMLA and PASA state per KV block, the
// error metrics, the overflow counts and the error growth per KV block.
#include <cstdint>
#include <vector>

#include "core/common/job_control.h"
#include "core/numerics/amla_switches.h"
#include "core/numerics/attention_inputs.h"
#include "core/numerics/error_metrics.h"
#include "core/numerics/kernel_blocking.h"
#include "core/numerics/kernel_state.h"
#include "core/numerics/numerics_variants.h"
#include "core/numerics/overflow_counts.h"
#include "core/numerics/pasa_kernel.h"
#include "core/numerics/pasa_switches.h"

namespace amla {

struct NumericsConfig {
  KernelBlocking blocking;
  AmlaSwitches switches;
  PasaSwitches pasa;
  // The variants to report. The baseline is always run too: it is the Ratio standard's
  // reference; AMLA always runs (its state feeds the heatmaps).
  std::vector<NumericsVariant> variants = default_variants();
  bool record_growth = true;  // per (row, KV block) error of the running output
  int threads = 0;            // 0 = all hardware threads; row blocks run in parallel
};

struct VariantResult {
  MatrixF output;       // rows x 512, the BF16 result (as float)
  MatrixF accumulator;  // rows x 512, final FP32 O before the divide (after AMLA's guard)
  // rows x kv_blocks: relative RMS error of the running FP32 output (before the BF16 cast)
  // against the golden of the same prefix of tokens; empty when not recorded.
  MatrixF growth;
  ErrorMetrics metrics;
  // New inf/NaN per stage (the FP16 kernels; empty for the FP32-accumulator ones).
  OverflowCounts overflow;
};

struct PasaResult : VariantResult {
  std::vector<PasaBlockState> states;  // rows * kv_blocks, row-major, as AmlaResult::states
};

// How many of AMLA's integer adds landed in each RescaleClass (index = enum value).
using RescaleClassCounts = std::vector<std::uint64_t>;

struct AmlaResult : VariantResult {
  std::vector<RowBlockState> states;      // rows * kv_blocks, row-major (row r, block b at r*B + b)
  MatrixF last_rescale_input;             // rows x 512: O before the last integer add (0 if none)
  std::vector<std::int32_t> last_addend;  // per row: N of the last update (0 if none)
  std::vector<int> last_shift;            // per row: clamped dn of the last update
  RescaleClassCounts rescale_classes;     // over every element of every integer add
  std::uint64_t guard_hits = 0;           // elements the guard set to 0
};

struct NumericsRun {
  int rows = 0;
  int kv_len = 0;
  int kv_blocks = 0;
  KernelBlocking blocking;
  AmlaSwitches switches;
  PasaSwitches pasa_switches;
  std::vector<NumericsVariant> variants;  // the ones asked for, in the order asked
  MatrixD golden;                         // rows x 512, FP64
  VariantResult baseline;
  AmlaResult amla;
  VariantResult fp16;  // empty unless fp16 was asked for
  PasaResult pasa;     // empty unless pasa was asked for
  double seconds = 0;  // wall time of the run

  bool has(NumericsVariant v) const;
  const VariantResult& result(NumericsVariant v) const;
  const PasaBlockState& pasa_state(int row, int block) const {
    return pasa.states[static_cast<std::size_t>(row) * kv_blocks + block];
  }

  const RowBlockState& state(int row, int block) const {
    return amla.states[static_cast<std::size_t>(row) * kv_blocks + block];
  }
};

// Bytes a run of this size will hold at its peak (inputs, FP64 copies, outputs, state).
double numerics_memory_bytes(int rows, int kv_len, const KernelBlocking& blocking,
                             int extra_variants = 0);

// Progress counts (row block, KV block) steps; a cancel throws Cancelled at the next step.
NumericsRun run_numerics(const AttentionInputs& inputs, const NumericsConfig& config,
                         const JobControl& control = {});

// FLOPs of one attention pass (golden or one variant): 2 * rows * S_k * (576 + 512).
double attention_flops(int rows, int kv_len);

}  // namespace amla
