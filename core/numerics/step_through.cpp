#include "core/numerics/step_through.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/common/input_error.h"
#include "core/numerics/amla_kernel.h"
#include "core/numerics/float_bits.h"
#include "core/numerics/golden_attention.h"

namespace amla {

namespace {

template <typename Row>
std::vector<float> row_of(const Row& row) {
  return std::vector<float>(row.data(), row.data() + row.size());
}

int count_guarded(const std::vector<float>& accumulator, const AmlaSwitches& sw) {
  if (!sw.guard) return 0;
  const float threshold = static_cast<float>(sw.guard_threshold);
  return static_cast<int>(std::count_if(accumulator.begin(), accumulator.end(),
                                        [threshold](float x) { return std::fabs(x) > threshold; }));
}

}  // namespace

BitProbe RowStepThrough::probe(int block, int column) const {
  const StepBlock& b = blocks.at(static_cast<std::size_t>(block));
  const auto j = static_cast<std::size_t>(column);
  BitProbe p;
  if (block == 0) {
    p.input_bits = bits_of(b.after_block.at(j));
    return p;
  }
  p.input_bits = bits_of(b.before.at(j));
  p.shift = b.shift;
  p.compensation = static_cast<std::int64_t>(b.state.N) - p.shift * kExponentUnit;
  return p;
}

std::string RowStepThrough::clamp_text(int block) const {
  const StepBlock& b = blocks.at(static_cast<std::size_t>(block));
  if (!b.state.clamped) return {};
  std::ostringstream text;
  text << "clamp engaged: dn " << b.state.dn << " -> " << b.shift;
  return text.str();
}

std::string RowStepThrough::guard_text(int block) const {
  const StepBlock& b = blocks.at(static_cast<std::size_t>(block));
  if (b.guard_elements == 0) return {};
  std::ostringstream text;
  text << "guard engaged: " << b.guard_elements << " element" << (b.guard_elements == 1 ? "" : "s")
       << " with |O| > " << switches.guard_threshold << " set to 0"
       << (block + 1 == block_count() ? " before the final divide"
                                      : " (if the run ended after this block)");
  return text.str();
}

void validate_step_through(int kv_len, int kv_block) {
  const int blocks = block_count(kv_len, kv_block);
  if (blocks > kMaxStepThroughBlocks) {
    throw InputError("kv-block", std::to_string(kv_block),
                     "the step-through keeps every KV block of a row: at most " +
                         std::to_string(kMaxStepThroughBlocks) + " blocks, " +
                         std::to_string(blocks) + " here; use a larger KV block");
  }
}

RowStepThrough step_through_row(const AttentionInputs& in, const NumericsConfig& config, int row,
                                const JobControl& control) {
  validate_blocking(config.blocking);
  validate_switches(config.switches);
  validate_step_through(in.kv_len(), config.blocking.kv_block);
  if (row < 0 || row >= in.rows()) {
    throw InputError("row", std::to_string(row),
                     "an attention row in [0, " + std::to_string(in.rows() - 1) + "]");
  }
  const int rows_per_task = config.blocking.rows_per_task;
  const int kv_block = config.blocking.kv_block;
  const int kv_blocks = block_count(in.kv_len(), kv_block);
  // The row's task: the kernel computes a whole row block at once, and so does the replay, so
  // every matrix product has the run's shape and rounds the same way.
  const int r0 = row / rows_per_task * rows_per_task;
  const int task_rows = std::min(rows_per_task, in.rows() - r0);
  const int local = row - r0;
  const MatrixF q = in.q.middleRows(r0, task_rows);
  // The golden needs only this row (FP64: its rounding is far below any error shown).
  const MatrixD q64 = in.q.middleRows(row, 1).cast<double>();

  RowStepThrough result;
  result.row = row;
  result.kv_block = kv_block;
  result.switches = config.switches;
  std::vector<RowBlockState> states(static_cast<std::size_t>(task_rows) * kv_blocks);
  AmlaRowBlock amla(q, static_cast<float>(in.scale), config.switches, states.data(), kv_blocks);
  GoldenRowBlock golden(q64, in.scale);

  for (int b = 0; b < kv_blocks; ++b) {
    control.check_cancelled();
    const KvBlockView view = kv_block_view(in, kv_block, b);
    StepBlock step;
    step.first_token = view.first_token;
    step.tokens = view.tokens;
    step.before = row_of(amla.accumulator().row(local));
    const MatrixD kv64 = in.kv.middleRows(view.first_token, view.tokens).cast<double>();
    golden.step(kv64, view);
    amla.step(view);
    step.state = states[static_cast<std::size_t>(local) * kv_blocks + b];
    const AmlaRescale rescale(step.state, config.switches);
    step.shift = b == 0 ? 0 : rescale.shift();
    step.after_add = step.before;
    if (b > 0) {
      for (float& x : step.after_add) x = rescale.apply(x);
    }
    step.after_block = row_of(amla.accumulator().row(local));
    const MatrixF running = amla.running_output();
    step.running = row_of(running.row(local));
    const MatrixD g = golden.output();
    step.golden.assign(g.row(0).data(), g.row(0).data() + g.cols());
    step.relative_rms_error = relative_rms(running.row(local), g.row(0));
    step.guard_elements = count_guarded(step.after_block, config.switches);
    result.blocks.push_back(std::move(step));
    control.report(static_cast<double>(b + 1) / kv_blocks);
  }
  std::uint64_t guard_hits = 0;
  result.final_output = row_of(amla.finish(guard_hits).row(local));
  return result;
}

}  // namespace amla
