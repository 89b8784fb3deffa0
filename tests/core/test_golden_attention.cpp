#include "core/numerics/golden_attention.h"

#include <gtest/gtest.h>

#include "core/numerics/numerics_run.h"

namespace amla {
namespace {

// The blockwise FP64 online softmax equals the direct two-pass softmax to FP64 rounding.
TEST(Golden, OnlineEqualsDirect) {
  InputSpec spec;
  spec.rows = 16;
  spec.kv_len = 1000;  // not a multiple of the block: a short last block
  spec.distribution = InputDistribution::kNormal;
  const AttentionInputs in = generate_inputs(spec);
  NumericsConfig config;
  config.blocking.kv_block = 128;
  const NumericsRun run = run_numerics(in, config);
  const MatrixD direct = golden_attention_direct(in);
  EXPECT_LT((run.golden - direct).cwiseAbs().maxCoeff(), 1e-13);
}

TEST(Golden, MaskedNanPaddingTakesNoPart) {
  InputSpec spec;
  spec.rows = 4;
  spec.kv_len = 1024;
  spec.distribution = InputDistribution::kNanPadding;
  const AttentionInputs in = generate_inputs(spec);
  const MatrixD direct = golden_attention_direct(in);
  EXPECT_TRUE(direct.allFinite());
  // Dropping the masked tokens altogether gives the same answer.
  AttentionInputs kept;
  kept.scale = in.scale;
  kept.q = in.q;
  std::vector<int> idx;
  for (int t = 0; t < in.kv_len(); ++t) {
    if (in.token_valid[t]) idx.push_back(t);
  }
  kept.kv.resize(static_cast<Eigen::Index>(idx.size()), kHeadDim);
  for (std::size_t i = 0; i < idx.size(); ++i) kept.kv.row(i) = in.kv.row(idx[i]);
  kept.token_valid.assign(idx.size(), 1);
  EXPECT_LT((golden_attention_direct(kept) - direct).cwiseAbs().maxCoeff(), 1e-14);
}

TEST(Golden, SingleTokenReturnsItsValue) {
  AttentionInputs in;
  in.q = MatrixF::Ones(2, kHeadDim);
  in.kv = MatrixF::Constant(1, kHeadDim, 0.5f);
  in.token_valid = {1};
  in.scale = 0.1;
  const MatrixD out = golden_attention_direct(in);
  EXPECT_DOUBLE_EQ(out(1, 300), 0.5);
}

}  // namespace
}  // namespace amla
