// amla-cli numerics --step-row: one row block by block, in text and JSON; the last block's output
// is the one --out-amla writes, the clamp is said in words, and the refusals name the flag.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/numerics/float_bits.h"
#include "core/numerics/npy_file.h"
#include "tests/core/cli_runner.h"
#include "tests/core/scratch_dir.h"

namespace amla::cli {
namespace {

using testing::run_cli;

TEST(CliStepThrough, TextHasOneLinePerBlockAndSaysTheClampEngaged) {
  const auto r = run_cli({"numerics", "--rows", "8", "--kv-len", "2048", "--dist", "max-jump",
                          "--step-row", "0", "--step-column", "7"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Step-through of row 0, column 7"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("clamp engaged: dn -32 -> -30"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-30(-32)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Kernel output O[0, 7] (BF16)"), std::string::npos) << r.out;
}

class CliStepThroughOutput : public amla::testing::ScratchDirTest {
 protected:
  CliStepThroughOutput() : ScratchDirTest("amla_cli_step_") {}
};

TEST_F(CliStepThroughOutput, JsonLastBlockIsTheWrittenOutput) {
  const std::string npy = at("amla.npy");
  const auto r = run_cli({"numerics", "--rows", "16", "--kv-len", "1000", "--kv-block", "128",
                          "--rows-per-task", "8", "--step-row", "11", "--out-amla", npy, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& st = j["step_through"];
  EXPECT_EQ(st["row"], 11);
  const int column = st["column"].get<int>();
  ASSERT_GE(column, 0);
  ASSERT_LT(column, kValueDim);
  ASSERT_EQ(st["blocks"].size(), 8u);
  EXPECT_EQ(st["blocks"][7]["tokens"], 1000 - 7 * 128);
  EXPECT_EQ(st["blocks"][0]["dn"], 0);
  // Each block starts from the accumulator the previous one left.
  for (std::size_t b = 1; b < st["blocks"].size(); ++b) {
    EXPECT_EQ(st["blocks"][b]["before"], st["blocks"][b - 1]["after_block"]) << b;
  }
  const MatrixF out = read_npy_matrix("amla", npy, kValueDim, 1 << 20);
  EXPECT_EQ(bits_of(st["output"].get<float>()), bits_of(out(11, column)));
}

TEST(CliStepThrough, RefusalsNameTheFlag) {
  auto r = run_cli({"numerics", "--rows", "8", "--kv-len", "256", "--step-row", "8"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--step-row: 8 (a row in [0, 7])"), std::string::npos) << r.err;
  r = run_cli({"numerics", "--rows", "8", "--kv-len", "256", "--step-column", "3"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--step-column"), std::string::npos) << r.err;
  r = run_cli(
      {"numerics", "--rows", "8", "--kv-len", "256", "--step-row", "0", "--step-column", "512"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--step-column"), std::string::npos) << r.err;
  // Too many KV blocks for the step-through, before any work.
  r = run_cli(
      {"numerics", "--rows", "1", "--kv-len", "300000", "--kv-block", "16", "--step-row", "0"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--kv-block"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace amla::cli
