#include "core/numerics/attention_inputs.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/common/input_error.h"
#include "core/numerics/float_formats.h"

namespace amla {
namespace {

TEST(Inputs, SeededAndBf16Representable) {
  InputSpec spec;
  spec.rows = 8;
  spec.kv_len = 300;
  const AttentionInputs a = generate_inputs(spec);
  const AttentionInputs b = generate_inputs(spec);
  EXPECT_EQ(a.q, b.q);
  EXPECT_EQ(a.kv, b.kv);
  spec.seed = 1;
  EXPECT_NE(generate_inputs(spec).q, a.q);
  for (int i = 0; i < a.kv.size(); ++i) {
    ASSERT_EQ(bf16_round(a.kv.data()[i]), a.kv.data()[i]);
    ASSERT_LE(std::fabs(a.kv.data()[i]), 1.0f);  // FlashMLA's clamp
  }
}

TEST(Inputs, EveryDistributionGeneratesItsShape) {
  for (const auto& info : all_distributions()) {
    InputSpec spec;
    spec.rows = 4;
    spec.kv_len = 1024;
    spec.distribution = info.id;
    const AttentionInputs in = generate_inputs(spec);
    EXPECT_EQ(in.q.rows(), 4) << info.name;
    EXPECT_EQ(in.kv.rows(), 1024) << info.name;
    EXPECT_EQ(in.kv.cols(), kHeadDim) << info.name;
    EXPECT_EQ(parse_distribution("--dist", info.name), info.id);
  }
}

TEST(Inputs, HazardShapes) {
  InputSpec spec;
  spec.rows = 4;
  spec.kv_len = 1024;
  spec.distribution = InputDistribution::kZeroV;
  const AttentionInputs zero_v = generate_inputs(spec);
  EXPECT_EQ(zero_v.kv.leftCols(spec.zero_v_columns).cwiseAbs().maxCoeff(), 0.0f);

  spec.distribution = InputDistribution::kNanPadding;
  const AttentionInputs nan_pad = generate_inputs(spec);
  int masked = 0;
  for (int t = 0; t < nan_pad.kv_len(); ++t) {
    if (!nan_pad.token_valid[t]) {
      ++masked;
      EXPECT_TRUE(std::isnan(nan_pad.kv(t, 0)));
      EXPECT_LT(t, spec.jump_token);
    }
  }
  EXPECT_EQ(masked, spec.pad_page / 2);
}

TEST(Inputs, ValidationNamesTheField) {
  InputSpec spec;
  spec.rows = 0;
  try {
    generate_inputs(spec);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "rows");
  }
  spec.rows = 1;
  spec.scale = -1;
  EXPECT_THROW(generate_inputs(spec), InputError);
  EXPECT_THROW(parse_distribution("--dist", "uniform"), InputError);
}

}  // namespace
}  // namespace amla
