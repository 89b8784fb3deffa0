// amla-cli numerics with the FP16 variants: --variants, the JSON per variant, PASA's switches and
// generators, --grid, and the refusals (exit 2 naming the flag, the value and the limit).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/numerics/npy_file.h"
#include "tests/core/cli_runner.h"
#include "tests/core/scratch_dir.h"

namespace amla::cli {
namespace {

using testing::run_cli;

TEST(CliPasa, JsonHasOneObjectPerVariantWithRelativeRmseOverflowAndCriteria) {
  const auto r = run_cli({"numerics", "--rows", "8", "--kv-len", "1024", "--variants",
                          "amla,baseline,fp16,pasa", "--dist", "pasa-uniform", "--mean", "30",
                          "--amplitude", "0.5", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["variants"], "amla,baseline,fp16,pasa");
  for (const char* v : {"amla", "baseline", "fp16", "pasa"}) {
    ASSERT_TRUE(j.contains(v)) << v;
    for (const char* key : {"max_abs_err", "rmse", "relative_rmse", "overflow_count", "mere",
                            "mare", "flashmla_pass", "ascend_pass", "criteria"}) {
      EXPECT_TRUE(j[v].contains(key)) << v << "." << key;
    }
    ASSERT_EQ(j[v]["criteria"].size(), 5u) << v;
    EXPECT_EQ(j[v]["criteria"][0]["name"], "FlashMLA");
    EXPECT_EQ(j[v]["criteria"][1]["name"], "Ascend Threshold");
    EXPECT_EQ(j[v]["criteria"][2]["name"], "Ascend Ratio");
    EXPECT_EQ(j[v]["criteria"][2]["level"], "L0");
    EXPECT_EQ(j[v]["criteria"][4]["level"], "L2");
  }
  EXPECT_EQ(j["baseline"]["ratio_standard"]["level"], "L2");  // against itself: ratios of 1
  EXPECT_EQ(j["fp16"]["criteria"][1]["level"], "FP16, T = 2^-10");
  EXPECT_EQ(j["amla"]["criteria"][1]["level"], "BF16, T = 2^-7");
  // Plain FP16 overflows at mean 30; PASA does not.
  EXPECT_GT(j["fp16"]["overflow_count"].get<std::uint64_t>(), 0u);
  EXPECT_TRUE(j["fp16"]["relative_rmse"].is_null());  // inf: an overflowed output
  EXPECT_EQ(j["pasa"]["overflow_count"].get<std::uint64_t>(), 0u);
  EXPECT_LT(j["pasa"]["relative_rmse"].get<double>(), 0.05);
  EXPECT_EQ(j["amla"]["overflow_count"].get<std::uint64_t>(), 0u);
  EXPECT_DOUBLE_EQ(j["pasa"]["beta"].get<double>(), 0.968994);
}

TEST(CliPasa, DefaultVariantsStayAmlaAndBaseline) {
  const auto r = run_cli({"numerics", "--rows", "4", "--kv-len", "256", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j.contains("amla"));
  EXPECT_TRUE(j.contains("baseline"));
  EXPECT_FALSE(j.contains("fp16"));
  EXPECT_FALSE(j.contains("pasa"));
}

TEST(CliPasa, TextNamesEveryCriterionWithItsLevel) {
  const auto r = run_cli({"numerics", "--rows", "4", "--kv-len", "256", "--variants",
                          "baseline,pasa", "--pasa-precision", "hybrid", "--pasa-beta", "0.9375"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* text :
       {"FlashMLA dense decode test", "Ascend Threshold", "Ascend Ratio L0", "Ascend Ratio L1",
        "Ascend Ratio L2", "relative RMSE", "overflow count", "beta 0.9375", "precision hybrid"}) {
    EXPECT_NE(r.out.find(text), std::string::npos) << text << "\n" << r.out;
  }
}

class CliPasaOutput : public amla::testing::ScratchDirTest {
 protected:
  CliPasaOutput() : ScratchDirTest("amla_cli_pasa_") {}
};

TEST_F(CliPasaOutput, WritesTheOutputOfEachChosenVariant) {
  const std::string f = at("pasa.npy");
  const auto r = run_cli(
      {"numerics", "--rows", "4", "--kv-len", "256", "--variants", "pasa", "--out-pasa", f});
  ASSERT_EQ(r.code, 0) << r.err;
  const MatrixF out = read_npy_matrix("x", f, 512, 1ull << 30);
  EXPECT_EQ(out.rows(), 4);
  EXPECT_TRUE(out.allFinite());
}

TEST(CliPasa, GridPrintsEveryMeanAndAmplitude) {
  const auto r = run_cli({"numerics", "--grid", "--dist", "pasa-uniform", "--rows", "2", "--kv-len",
                          "64", "--kv-block", "32", "--variants", "fp16,pasa", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["grid"].size(), 16u);
  EXPECT_EQ(j["grid"][0]["mean"], 0.0);
  EXPECT_EQ(j["grid"][15]["amplitude"], 20.0);
  for (const auto& p : j["grid"]) {
    EXPECT_TRUE(p["fp16"].contains("overflow_count"));
    EXPECT_EQ(p["pasa"]["overflow_count"], 0u) << p.dump();
  }
  // Mean 30: plain FP16 overflows at every amplitude.
  EXPECT_GT(j["grid"][12]["fp16"]["overflow_count"].get<std::uint64_t>(), 0u);
}

TEST(CliPasa, BadValuesExitTwoNamingFlagValueAndLimit) {
  struct Case {
    std::vector<std::string> args;
    std::string field, value, limit;
  };
  const std::vector<Case> cases = {
      {{"--variants", "amla,fp8"}, "--variants", "fp8", "amla, baseline, fp16, pasa"},
      {{"--variants", "pasa,pasa"}, "--variants", "pasa", "at most once"},
      {{"--pasa-beta", "1"}, "--pasa-beta", "1", "0.999"},
      {{"--pasa-precision", "fp8"}, "--pasa-precision", "fp8", "fp16"},
      {{"--pasa-mean", "avg"}, "--pasa-mean", "avg", "fp16-scaled"},
      {{"--phase", "sideways"}, "--phase", "sideways", "coincide"},
      {{"--amplitude", "-1"}, "--amplitude", "-1", "0"},
      {{"--out-pasa", "x.npy"}, "--out-pasa", "x.npy", "needs pasa in --variants"},
      {{"--grid", "--dist", "flashmla"}, "dist", "flashmla", "pasa-uniform"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"numerics", "--rows", "2", "--kv-len", "64"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const auto r = run_cli(args);
    EXPECT_EQ(r.code, 2) << c.field << " -> " << r.err;
    for (const auto& part : {c.field, c.value, c.limit}) {
      EXPECT_NE(r.err.find(part), std::string::npos) << part << " in " << r.err;
    }
  }
}

TEST(CliPasa, HelpListsThePasaFlags) {
  const auto r = run_cli({"help", "numerics"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* flag : {"--variants", "--pasa-beta", "--pasa-precision", "--pasa-mean", "--mean",
                           "--amplitude", "--phase", "--grid", "--out-fp16", "--out-pasa"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace amla::cli
