#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/commands.h"
#include "core/numerics/npy_file.h"
#include "tests/core/cli_runner.h"

namespace amla::cli {
namespace {

using testing::run_cli;
using Result = testing::CliResult;

Result run(std::vector<std::string> args) { return run_cli(std::move(args)); }

std::filesystem::path temp_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(CliBits, JsonHasTheDocumentedKeys) {
  const Result r = run({"bits", "--value", "0", "--shift", "-3", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["input_bits"], "0x00000000");
  EXPECT_EQ(j["addend_bits"], "0xFE800000");
  EXPECT_EQ(j["result_bits"], "0xFE800000");
  EXPECT_EQ(j["reference"], 0.0);
  EXPECT_EQ(j["classification"], "zero_garbage");
  EXPECT_TRUE(j["ulp_distance"].is_number_integer());
  EXPECT_TRUE(j["result"].is_number());
}

TEST(CliBits, ExactOnlyWhenBitIdentical) {
  auto j = nlohmann::json::parse(run({"bits", "--value", "1.5", "--shift", "-3", "--json"}).out);
  EXPECT_EQ(j["classification"], "exact");
  EXPECT_EQ(j["ulp_distance"], 0);
  j = nlohmann::json::parse(
      run({"bits", "--value", "1.5", "--shift", "-3", "--comp", "7", "--json"}).out);
  EXPECT_EQ(j["classification"], "compensated");
  EXPECT_EQ(j["ulp_distance"], 7);
  j = nlohmann::json::parse(run({"bits", "--value", "nan", "--shift", "-1", "--json"}).out);
  EXPECT_EQ(j["classification"], "nan_lost");
  EXPECT_TRUE(j["ulp_distance"].is_null());
  EXPECT_EQ(j["reference"], "nan");
}

TEST(CliBits, TextShowsFieldsAndClassification) {
  const Result r = run({"bits", "--value", "0x7F800000", "--shift", "-1"});
  ASSERT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("0 | 11111111 | 00000000000000000000000"), std::string::npos);
  EXPECT_NE(r.out.find("inf_lost"), std::string::npos);
}

struct BadInput {
  std::vector<std::string> args;
  std::string field;
};

TEST(CliErrors, BadInputExitsTwoNamingTheField) {
  const std::vector<BadInput> cases = {
      {{}, ""},
      {{"frobnicate"}, "command"},
      {{"bits"}, "--value"},
      {{"bits", "--value", "abc"}, "--value"},
      {{"bits", "--value", "1", "--shift"}, "--shift"},
      {{"bits", "--value", "1", "--shift", "x"}, "--shift"},
      {{"bits", "--value", "1", "--shift", "99999"}, "--shift"},
      {{"bits", "--value", "1", "--bogus"}, "--bogus"},
      {{"bits", "--value", "1e40"}, "--value"},
      {{"numerics", "--rows", "0"}, "--rows"},
      {{"numerics", "--rows", "-5"}, "--rows"},
      {{"numerics", "--kv-len", "nan"}, "--kv-len"},
      {{"numerics", "--kv-len", "99999999999999999999"}, "--kv-len"},
      {{"numerics", "--kv-block", "0"}, "--kv-block"},
      {{"numerics", "--dist", "uniform"}, "--dist"},
      {{"numerics", "--scale", "inf"}, "--scale"},
      {{"numerics", "--clamp", "5"}, "--clamp"},
      {{"numerics", "--q", "/nonexistent.npy"}, "--kv"},
      {{"numerics", "--q", "/nonexistent.npy", "--kv", "/nonexistent.npy"}, "--q"},
      {{"numerics", "--rows", "1048576", "--kv-len", "67108864"}, "memory budget"},
      {{"numerics", "--rows", "4", "--kv-len", "64", "--out-amla", "/nonexistent/dir/a.npy"},
       "--out-amla"},
  };
  for (const auto& c : cases) {
    const Result r = run(c.args);
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    EXPECT_EQ(r.code, 2) << joined << "-> " << r.err;
    EXPECT_NE(r.err.find(c.field), std::string::npos) << joined << "-> " << r.err;
    if (!c.args.empty()) {  // with no command at all the usage text is printed instead
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << joined;
    }
  }
}

TEST(CliNumerics, JsonHasBothVariantsAndTheirMetrics) {
  const Result r = run({"numerics", "--rows", "8", "--kv-len", "1024", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* variant : {"amla", "baseline"}) {
    for (const char* key : {"max_abs_err", "max_rel_err", "rmse", "cos_diff", "mere", "mare",
                            "flashmla_pass", "ascend_pass"}) {
      EXPECT_TRUE(j[variant].contains(key)) << variant << "." << key;
    }
    EXPECT_TRUE(j[variant]["flashmla_pass"].get<bool>());
  }
}

TEST(CliNumerics, WritesOutputsAndReadsThemBackAsInputs) {
  const auto dir = temp_dir("amla_cli_test");
  const std::string a = (dir / "amla.npy").string();
  const std::string g = (dir / "golden.npy").string();
  Result r =
      run({"numerics", "--rows", "4", "--kv-len", "256", "--out-amla", a, "--out-golden", g});
  ASSERT_EQ(r.code, 0) << r.err;
  const MatrixF out = read_npy_matrix("x", a, 512, 1ull << 30);
  EXPECT_EQ(out.rows(), 4);
  EXPECT_TRUE(out.allFinite());

  // Q and KV from .npy files: the same tensors the generator makes give the same metrics.
  InputSpec spec;
  spec.rows = 4;
  spec.kv_len = 256;
  const AttentionInputs in = generate_inputs(spec);
  write_npy_matrix("q", (dir / "q.npy").string(), in.q);
  write_npy_matrix("kv", (dir / "kv.npy").string(), in.kv);
  const auto from_files = nlohmann::json::parse(run({"numerics", "--q", (dir / "q.npy").string(),
                                                     "--kv", (dir / "kv.npy").string(), "--json"})
                                                    .out);
  const auto generated =
      nlohmann::json::parse(run({"numerics", "--rows", "4", "--kv-len", "256", "--json"}).out);
  EXPECT_EQ(from_files["amla"]["max_abs_err"], generated["amla"]["max_abs_err"]);

  // A wrong shape is refused, naming the flag.
  write_npy_matrix("q", (dir / "bad.npy").string(), MatrixF::Zero(4, 512));
  r = run({"numerics", "--q", (dir / "bad.npy").string(), "--kv", (dir / "kv.npy").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--q"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(CliNumerics, FailedOutputLeavesNoFile) {
  const auto dir = temp_dir("amla_cli_fail");
  const std::string ok = (dir / "ok.npy").string();
  const Result r = run({"numerics", "--rows", "2", "--kv-len", "64", "--out-amla", ok,
                        "--out-baseline", "/nonexistent/dir/b.npy"});
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(std::filesystem::exists("/nonexistent/dir/b.npy"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace amla::cli
