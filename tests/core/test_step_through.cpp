// The numerics step-through replays one row of a run block by block: its last block must be the
// run's output bit for bit, every block's state the run's state, the error after each block the
// one against the golden of the same prefix, and the clamp and the guard flagged exactly when
// they act.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <vector>

#include "core/common/cancelled.h"
#include "core/common/input_error.h"
#include "core/numerics/float_bits.h"
#include "core/numerics/golden_attention.h"
#include "core/numerics/numerics_run.h"
#include "core/numerics/step_through.h"

namespace amla {
namespace {

AttentionInputs make_inputs(InputDistribution distribution, int rows, int kv_len,
                            std::uint64_t seed = 0) {
  InputSpec spec;
  spec.distribution = distribution;
  spec.rows = rows;
  spec.kv_len = kv_len;
  spec.seed = seed;
  return generate_inputs(spec);
}

NumericsConfig small_blocks(int rows_per_task, int kv_block) {
  NumericsConfig config;
  config.blocking.rows_per_task = rows_per_task;
  config.blocking.kv_block = kv_block;
  config.threads = 1;
  return config;
}

void expect_same_state(const RowBlockState& a, const RowBlockState& b, int block) {
  EXPECT_EQ(bits_of(a.m), bits_of(b.m)) << "block " << block;
  EXPECT_EQ(a.n, b.n) << "block " << block;
  EXPECT_EQ(a.dn, b.dn) << "block " << block;
  EXPECT_EQ(bits_of(a.c), bits_of(b.c)) << "block " << block;
  EXPECT_EQ(bits_of(a.c_hat), bits_of(b.c_hat)) << "block " << block;
  EXPECT_EQ(bits_of(a.k), bits_of(b.k)) << "block " << block;
  EXPECT_EQ(bits_of(a.e), bits_of(b.e)) << "block " << block;
  EXPECT_EQ(a.N, b.N) << "block " << block;
  EXPECT_EQ(bits_of(a.l), bits_of(b.l)) << "block " << block;
  EXPECT_EQ(a.clamped, b.clamped) << "block " << block;
}

// Rows in the middle of the second row block, a row block cut short, and several KV blocks with
// a short last one.
TEST(StepThrough, LastBlockIsTheRunsOutputBitForBit) {
  const AttentionInputs in = make_inputs(InputDistribution::kFlashMla, 40, 1000, 5);
  const NumericsConfig config = small_blocks(16, 128);
  const NumericsRun run = run_numerics(in, config);
  ASSERT_EQ(run.kv_blocks, 8);
  for (int row : {0, 21, 39}) {
    const RowStepThrough st = step_through_row(in, config, row);
    ASSERT_EQ(st.block_count(), run.kv_blocks);
    const StepBlock& last = st.blocks.back();
    ASSERT_EQ(last.after_block.size(), static_cast<std::size_t>(kValueDim));
    for (int j = 0; j < kValueDim; ++j) {
      ASSERT_EQ(bits_of(st.final_output[static_cast<std::size_t>(j)]),
                bits_of(run.amla.output(row, j)))
          << "row " << row << " column " << j;
      // The run keeps the accumulator after the guard; with no guard hit here it is the last
      // block's accumulator.
      ASSERT_EQ(bits_of(last.after_block[static_cast<std::size_t>(j)]),
                bits_of(run.amla.accumulator(row, j)));
      ASSERT_EQ(bits_of(last.before[static_cast<std::size_t>(j)]),
                bits_of(run.amla.last_rescale_input(row, j)));
    }
    EXPECT_EQ(st.blocks.back().tokens, 1000 - 7 * 128);
    for (int b = 0; b < st.block_count(); ++b) {
      expect_same_state(st.blocks[static_cast<std::size_t>(b)].state, run.state(row, b), b);
    }
  }
}

// Each block starts from the previous one's accumulator, and the add is the INT32 add of N.
TEST(StepThrough, BlocksChainAndTheAddIsTheIntegerAddOfN) {
  const AttentionInputs in = make_inputs(InputDistribution::kFlashMla, 8, 2048, 2);
  const NumericsConfig config = small_blocks(8, 256);
  const RowStepThrough st = step_through_row(in, config, 3);
  ASSERT_EQ(st.block_count(), 8);
  for (float x : st.blocks[0].before) ASSERT_EQ(x, 0.0f);
  for (int b = 1; b < st.block_count(); ++b) {
    const StepBlock& prev = st.blocks[static_cast<std::size_t>(b - 1)];
    const StepBlock& cur = st.blocks[static_cast<std::size_t>(b)];
    for (int j = 0; j < kValueDim; ++j) {
      const auto k = static_cast<std::size_t>(j);
      ASSERT_EQ(bits_of(cur.before[k]), bits_of(prev.after_block[k]));
      ASSERT_EQ(bits_of(cur.after_add[k]), exponent_add_bits(bits_of(cur.before[k]), cur.state.N));
      // The probe for the bit view is the same add.
      const BitProbe p = st.probe(b, j);
      EXPECT_EQ(p.input_bits, bits_of(cur.before[k]));
      EXPECT_EQ(exponent_addend(p.shift, p.compensation), cur.state.N);
    }
  }
  // Block 0 writes O; its probe adds nothing.
  const BitProbe first = st.probe(0, 10);
  EXPECT_EQ(first.input_bits, bits_of(st.blocks[0].after_block[10]));
  EXPECT_EQ(exponent_addend(first.shift, first.compensation), 0);
}

// The error after block b is against the FP64 attention over tokens [0, end of block b): the
// golden of the same prefix, computed here directly from a truncated cache.
TEST(StepThrough, ErrorAfterEachBlockIsAgainstTheGoldenOfThePrefix) {
  const AttentionInputs in = make_inputs(InputDistribution::kFlashMla, 16, 1024, 9);
  const NumericsConfig config = small_blocks(16, 256);
  const NumericsRun run = run_numerics(in, config);
  const int row = 6;
  const RowStepThrough st = step_through_row(in, config, row);
  for (int b = 0; b < st.block_count(); ++b) {
    const StepBlock& step = st.blocks[static_cast<std::size_t>(b)];
    AttentionInputs prefix = in;
    const int end = step.first_token + step.tokens;
    prefix.kv = in.kv.topRows(end);
    prefix.token_valid.resize(static_cast<std::size_t>(end));
    const MatrixD direct = golden_attention_direct(prefix);
    for (int j = 0; j < kValueDim; ++j) {
      const double g = direct(row, j);
      EXPECT_NEAR(step.golden[static_cast<std::size_t>(j)], g, 1e-12 * (1 + std::fabs(g)))
          << "block " << b << " column " << j;
    }
    // The number the error-growth heatmap shows for (row, block) (its golden is the whole row
    // block's, summed in another order: equal to far below the figure's precision).
    EXPECT_NEAR(step.relative_rms_error, run.amla.growth(row, b), 1e-6 * run.amla.growth(row, b))
        << b;
    EXPECT_GT(step.relative_rms_error, 0.0);
    EXPECT_LT(step.relative_rms_error, 1e-2);
  }
}

// A max jump of 22 score units (about 31.7 ln 2) after block 1: dn = -32, below the clamp.
TEST(StepThrough, ClampFlagsExactlyWhenDnIsBelowTheClampValue) {
  const AttentionInputs in = make_inputs(InputDistribution::kMaxJump, 8, 2048);
  for (bool clamp : {true, false}) {
    NumericsConfig config = small_blocks(8, 512);
    config.switches.clamp = clamp;
    int engaged = 0;
    for (int row = 0; row < 8; ++row) {
      const RowStepThrough st = step_through_row(in, config, row);
      for (int b = 0; b < st.block_count(); ++b) {
        const StepBlock& step = st.blocks[static_cast<std::size_t>(b)];
        const bool should = clamp && step.state.dn < config.switches.clamp_value;
        EXPECT_EQ(step.state.clamped, should) << "row " << row << " block " << b;
        EXPECT_EQ(!st.clamp_text(b).empty(), should);
        EXPECT_EQ(step.shift, should ? config.switches.clamp_value : step.state.dn);
        if (should) {
          ++engaged;
          EXPECT_EQ(st.clamp_text(b), "clamp engaged: dn " + std::to_string(step.state.dn) +
                                          " -> " + std::to_string(config.switches.clamp_value));
        }
      }
    }
    if (clamp) {
      EXPECT_GT(engaged, 0) << "the jump input must push dn below -30 somewhere";
    }
  }
  // The spec's example, in words.
  NumericsConfig config = small_blocks(8, 512);
  const RowStepThrough st = step_through_row(in, config, 0);
  bool said = false;
  for (int b = 0; b < st.block_count(); ++b)
    said |= st.clamp_text(b) == "clamp engaged: dn -32 -> -30";
  EXPECT_TRUE(said);
}

// Exactly-zero V columns under a max drop: 0 + N borrows into the sign, a huge negative number,
// and the guard zeroes it. The step-through counts those elements; over all rows the last
// block's count is the run's guard hits.
TEST(StepThrough, GuardCountsMatchTheRun) {
  const AttentionInputs in = make_inputs(InputDistribution::kZeroV, 8, 1024);
  const NumericsConfig config = small_blocks(8, 256);
  const NumericsRun run = run_numerics(in, config);
  ASSERT_GT(run.amla.guard_hits, 0u);
  std::uint64_t total = 0;
  for (int row = 0; row < 8; ++row) {
    const RowStepThrough st = step_through_row(in, config, row);
    const StepBlock& last = st.blocks.back();
    total += static_cast<std::uint64_t>(last.guard_elements);
    EXPECT_EQ(last.guard_elements > 0, !st.guard_text(st.block_count() - 1).empty());
    for (int j = 0; j < kValueDim; ++j) {
      ASSERT_EQ(bits_of(st.final_output[static_cast<std::size_t>(j)]),
                bits_of(run.amla.output(row, j)));
    }
  }
  EXPECT_EQ(total, run.amla.guard_hits);
  NumericsConfig off = config;
  off.switches.guard = false;
  const RowStepThrough unguarded = step_through_row(in, off, 0);
  for (int b = 0; b < unguarded.block_count(); ++b) {
    EXPECT_EQ(unguarded.blocks[static_cast<std::size_t>(b)].guard_elements, 0);
    EXPECT_TRUE(unguarded.guard_text(b).empty());
  }
}

// The GUI replays in the background: progress per block, and a cancel stops it.
TEST(StepThrough, ReportsProgressAndStopsWhenCancelled) {
  const AttentionInputs in = make_inputs(InputDistribution::kFlashMla, 4, 1024);
  std::vector<double> seen;
  JobControl control;
  control.progress = [&](double p) { seen.push_back(p); };
  step_through_row(in, small_blocks(4, 256), 1, control);
  EXPECT_EQ(seen, (std::vector<double>{0.25, 0.5, 0.75, 1.0}));
  std::atomic<bool> cancel{true};
  JobControl cancelled;
  cancelled.cancel = &cancel;
  EXPECT_THROW(step_through_row(in, small_blocks(4, 256), 1, cancelled), Cancelled);
}

TEST(StepThrough, RefusesARowOutOfRange) {
  const AttentionInputs in = make_inputs(InputDistribution::kFlashMla, 4, 256);
  try {
    step_through_row(in, small_blocks(4, 128), 4);
    FAIL() << "row 4 of 4 accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "row");
    EXPECT_NE(std::string(e.what()).find("[0, 3]"), std::string::npos) << e.what();
  }
  EXPECT_THROW(step_through_row(in, small_blocks(4, 128), -1), InputError);
}

// Every block keeps rows of O, so the number of blocks is bounded before anything is computed.
TEST(StepThrough, RefusesMoreBlocksThanItKeeps) {
  EXPECT_NO_THROW(validate_step_through(kMaxStepThroughBlocks * 16, 16));
  try {
    validate_step_through(kMaxStepThroughBlocks * 16 + 1, 16);
    FAIL() << "one block too many accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "kv-block");
    EXPECT_NE(std::string(e.what()).find(std::to_string(kMaxStepThroughBlocks)), std::string::npos);
  }
}

}  // namespace
}  // namespace amla
