#pragma once
// One attention row of an AMLA run, KV block by KV block, for teaching: the row's scalars (m, n,
// dn, c, c^, k, e, N, l), the accumulator row before and after the block's integer add and after
// its P~V, the running output against the FP64 golden of the same prefix of tokens, and when the
// clamp and the guard act. It replays the row's task (its whole row block, as the kernel walks
// it) through the same AmlaRowBlock the run uses, so its last block is the run's output bit for
// bit.
#include <string>
#include <vector>

#include "core/common/job_control.h"
#include "core/numerics/attention_inputs.h"
#include "core/numerics/heatmaps.h"
#include "core/numerics/kernel_state.h"
#include "core/numerics/numerics_run.h"

namespace amla {

struct StepBlock {
  int first_token = 0;
  int tokens = 0;
  RowBlockState state;
  int shift = 0;  // the dn the add applied: dn, or the clamp value when the clamp engaged
  // Accumulator row (kValueDim wide): before this block's integer add (block 0: nothing yet),
  // after it, and after the block's P~V landed (block 0: the plain write).
  std::vector<float> before;
  std::vector<float> after_add;
  std::vector<float> after_block;
  // O / (l c^) after the guard, FP32: the output if the run ended after this block.
  std::vector<float> running;
  std::vector<double> golden;     // FP64 attention over the same prefix of tokens
  double relative_rms_error = 0;  // of running against golden: the error-growth heatmap's value
  // Elements of the row with |O| above the guard threshold (NaN never is): the guard sets them
  // to 0 before the divide. The kernel guards once, after the last block; the running output of
  // an earlier block is guarded the same way.
  int guard_elements = 0;
};

struct RowStepThrough {
  int row = 0;
  int kv_block = 0;
  AmlaSwitches switches;
  std::vector<StepBlock> blocks;
  std::vector<float> final_output;  // BF16(guarded O / (l c^)), the kernel's output row

  int block_count() const { return static_cast<int>(blocks.size()); }
  // The integer add of `block` on one accumulator element, for the bit view: input = O before
  // the add, shift = the dn applied, compensation = N - shift 2^23. Block 0 has no add: its
  // probe is the written value with a zero addend.
  BitProbe probe(int block, int column) const;
  // "clamp engaged: dn -32 -> -30" when the clamp acted on this block, else "".
  std::string clamp_text(int block) const;
  // What the guard does to this row if the run ends after `block`, in words ("" when nothing).
  std::string guard_text(int block) const;
};

// The step-through keeps a few rows of O per KV block; this many blocks at most (about 240 MB).
inline constexpr int kMaxStepThroughBlocks = 16384;
// Refuses a blocking with more KV blocks than that, naming "kv-block".
void validate_step_through(int kv_len, int kv_block);

// Replays `row` of a run of `inputs` with `config`'s blocking and switches. Refuses a row out of
// range with an InputError naming "row", and too many KV blocks (validate_step_through).
// Progress counts KV blocks; a cancel throws Cancelled at the next block.
RowStepThrough step_through_row(const AttentionInputs& inputs, const NumericsConfig& config,
                                int row, const JobControl& control = {});

}  // namespace amla
