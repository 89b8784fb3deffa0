// amla-cli decode: the JSON keys the issue names, the kernel flags passed through, the model's
// own flags refused on bad values and the kernel's batch refused (the model sets it), exit 2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/serving/decode_outputs.h"
#include "tests/core/cli_runner.h"

namespace amla::cli {
namespace {

using testing::run_cli;

TEST(CliDecode, JsonHasTheStepsFiguresAndTheVariantReachesTheKernel) {
  const auto a = run_cli({"decode", "--batch-per-npu", "16", "--kv-len", "1024", "--json"});
  ASSERT_EQ(a.code, 0) << a.err;
  const auto j = nlohmann::json::parse(a.out);
  for (const char* key : {"tpot_ms", "tokens_per_s_per_npu", "layer_us", "stream0_us", "stream1_us",
                          "attention_us", "limiting_stream"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  // Every figure of the one output table, counts as integers.
  for (const DecodeOutputDef& def : decode_outputs()) {
    ASSERT_TRUE(j.contains(std::string(def.key))) << def.key;
    if (def.whole) {
      EXPECT_TRUE(j[std::string(def.key)].is_number_integer()) << def.key;
    }
  }
  EXPECT_NEAR(j["tokens_per_s_per_npu"].get<double>() * j["tpot_ms"].get<double>() / 1e3, 16, 1e-9);
  const auto b = run_cli(
      {"decode", "--batch-per-npu", "16", "--kv-len", "1024", "--variant", "baseline", "--json"});
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_NE(nlohmann::json::parse(b.out)["attention_us"], j["attention_us"]);
}

TEST(CliDecode, BadInputExitsTwoNamingTheFlag) {
  const struct {
    std::vector<std::string> args;
    const char* names;
  } cases[] = {
      {{"decode", "--mtp", "maybe"}, "--mtp"},
      {{"decode", "--acceptance", "1.5"}, "--acceptance"},
      {{"decode", "--attention-aic", "20"}, "--attention-aic"},
      {{"decode", "--batch", "8"}, "--batch"},  // the model sets it: not a decode flag
      {{"decode", "--table", "--fit"}, "--table"},
  };
  for (const auto& c : cases) {
    const auto r = run_cli(c.args);
    EXPECT_EQ(r.code, 2) << c.args.back();
    EXPECT_NE(r.err.find(c.names), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace amla::cli
