#include <gtest/gtest.h>

#include <map>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/commands.h"
#include "app/cli/image_export.h"
#include "tests/core/cli_runner.h"

namespace amla::cli {
namespace {

using testing::run_cli;
using Result = testing::CliResult;

Result run(std::vector<std::string> args) { return run_cli(std::move(args)); }

std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

const std::vector<std::string> kSmall = {"simulate", "--preset", "910C-die", "--batch",
                                         "4",        "--kv-len", "2048"};

TEST(CliSimulate, JsonHasTheDocumentedTopLevelKeys) {
  auto args = kSmall;
  args.push_back("--json");
  const Result r = run(args);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"makespan_us", "makespan_cycles", "total_flops", "tflops", "peak_tflops",
                          "flops_utilization", "hbm_bytes", "hbm_bandwidth_utilization", "bound",
                          "pipes", "events"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  // Per unit, only the pipes each unit has.
  const std::map<std::string, std::vector<std::string>> units = {
      {"AIC", {"SCALAR", "MTE2", "MTE1", "CUBE", "FIXP"}},
      {"AIV0", {"SCALAR", "MTE2", "VECTOR", "MTE3"}},
      {"AIV1", {"SCALAR", "MTE2", "VECTOR", "MTE3"}}};
  ASSERT_EQ(j["pipes"].size(), units.size());
  for (const auto& [unit, pipes] : units) {
    ASSERT_EQ(j["pipes"][unit].size(), pipes.size()) << unit;
    for (const auto& pipe : pipes) {
      const auto& stats = j["pipes"][unit][pipe];
      EXPECT_GE(stats["busy"].get<double>(), 0.0) << unit << " " << pipe;
      EXPECT_LE(stats["busy"].get<double>(), 1.0) << unit << " " << pipe;
      EXPECT_GE(stats["bubbles"].get<long long>(), 0) << unit << " " << pipe;
      EXPECT_TRUE(stats.contains("idle_cycles")) << unit << " " << pipe;
    }
  }
  EXPECT_DOUBLE_EQ(j["total_flops"].get<double>(), 2.0 * 4 * 2 * 128 * 2048 * 1088);
  EXPECT_GT(j["flops_utilization"].get<double>(), 0.0);
  EXPECT_LE(j["flops_utilization"].get<double>(), 1.0);
}

TEST(CliSimulate, DumpConfigRoundTripsThroughConfig) {
  const auto dir = fresh_dir("amla_cli_sim_cfg");
  auto args = kSmall;
  args.insert(args.end(), {"--preload", "1", "--variant", "baseline", "--dump-config"});
  const Result dumped = run(args);
  ASSERT_EQ(dumped.code, 0) << dumped.err;
  const std::string path = (dir / "cfg.json").string();
  std::ofstream(path) << dumped.out;
  const Result again = run({"simulate", "--config", path, "--dump-config"});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out), nlohmann::json::parse(dumped.out));
  // Flags override the file.
  const Result over = run({"simulate", "--config", path, "--preload", "2", "--dump-config"});
  EXPECT_EQ(nlohmann::json::parse(over.out)["tiling"]["preload"], 2);
}

TEST(CliSimulate, WritesAChromeTraceAndACsv) {
  const auto dir = fresh_dir("amla_cli_sim_out");
  auto args = kSmall;
  const std::string trace = (dir / "t.json").string(), csv = (dir / "t.csv").string();
  args.insert(args.end(), {"--trace", trace, "--csv", csv});
  const Result r = run(args);
  ASSERT_EQ(r.code, 0) << r.err;
  std::ifstream in(trace);
  const auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["displayTimeUnit"], "ns");
  EXPECT_GT(j["traceEvents"].size(), 1000u);
  std::ifstream c(csv);
  std::string header;
  std::getline(c, header);
  EXPECT_EQ(header.rfind("core,unit,pipe,kind", 0), 0u);
}

TEST(CliSimulate, HeadlessTimelineAndBuffersImagesHaveTheAskedSize) {
  if (!image_export_available()) GTEST_SKIP() << "built without the GUI";
  const auto dir = fresh_dir("amla_cli_sim_images");
  auto args = kSmall;
  const std::string timeline = (dir / "t.png").string(), buffers = (dir / "b.pdf").string();
  args.insert(args.end(), {"--timeline", timeline, "--buffers", buffers, "--figure", "254x152.4",
                           "--dpi", "100", "--range", "1:5"});
  const Result r = run(args);
  ASSERT_EQ(r.code, 0) << r.err;
  std::ifstream png(timeline, std::ios::binary);
  unsigned char header[24] = {};
  png.read(reinterpret_cast<char*>(header), 24);
  ASSERT_EQ(std::string(reinterpret_cast<char*>(header) + 1, 3), "PNG");
  const auto be32 = [&](int at) {
    return (header[at] << 24) | (header[at + 1] << 16) | (header[at + 2] << 8) | header[at + 3];
  };
  EXPECT_EQ(be32(16), 1000);  // IHDR width: 254 mm at 100 dpi
  EXPECT_EQ(be32(20), 600);   // IHDR height: 152.4 mm
  std::ifstream pdf(buffers, std::ios::binary);
  std::string magic(4, '\0');
  pdf.read(magic.data(), 4);
  EXPECT_EQ(magic, "%PDF");
  // Bad image requests are refused, naming the flag.
  EXPECT_EQ(
      run({"simulate", "--batch", "1", "--kv-len", "512", "--timeline", (dir / "x.gif").string()})
          .code,
      2);
  EXPECT_EQ(run({"simulate", "--range", "5:1"}).code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "x.gif"));
}

struct Bad {
  std::vector<std::string> args;
  std::string field;
};

TEST(CliSimulate, BadInputExitsTwoNamingTheField) {
  const auto dir = fresh_dir("amla_cli_sim_bad");
  const std::string bad_json = (dir / "bad.json").string();
  std::ofstream(bad_json) << "{\"tiling\": {\"preload\": ";
  const std::string unknown_key = (dir / "unknown.json").string();
  std::ofstream(unknown_key) << "{\"tiling\": {\"qp_bufers\": 4}}";
  const std::vector<Bad> cases = {
      {{"simulate", "--preset", "910X"}, "--preset"},
      {{"simulate", "--batch", "0"}, "--batch"},
      {{"simulate", "--preload", "3"}, "--preload"},
      {{"simulate", "--kv-buffers", "5"}, "--kv-buffers"},
      {{"simulate", "--kv-block", "100"}, "--kv-block"},
      {{"simulate", "--variant", "fast"}, "--variant"},
      {{"simulate", "--kv-split", "sometimes"}, "--kv-split"},
      {{"simulate", "--config", bad_json}, "--config"},
      {{"simulate", "--config", unknown_key}, "qp_bufers"},
      {{"simulate", "--config", "/nonexistent.json"}, "--config"},
      {{"simulate", "--kv-len", "4096", "--kv-dist", "normal:100"}, "--kv-len"},
      {{"simulate", "--kv-dist", "uniform:100"}, "--kv-dist"},
      {{"simulate", "--set", "clock_ghz=-1"}, "clock_ghz"},
      {{"simulate", "--set", "warp_drive=9"}, "warp_drive"},
      {{"simulate", "--batch", "65536", "--kv-len", "16777216", "--memory-budget-mb", "64"},
       "memory budget"},
      {{"simulate", "--batch", "2", "--kv-len", "512", "--trace", "/nonexistent/dir/t.json"},
       "--trace"},
  };
  for (const auto& c : cases) {
    const Result r = run(c.args);
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    EXPECT_EQ(r.code, 2) << joined << "-> " << r.err;
    EXPECT_NE(r.err.find(c.field), std::string::npos) << joined << "-> " << r.err;
  }
}

TEST(CliSimulate, SetAcceptsIntegerAndRealParameters) {
  auto args = kSmall;
  args.insert(args.end(), {"--set", "aic_per_die=12,clock_ghz=1.6", "--dump-config"});
  const Result r = run(args);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["hardware"]["parameters"]["aic_per_die"]["value"], 12);
  EXPECT_DOUBLE_EQ(j["hardware"]["parameters"]["clock_ghz"]["value"].get<double>(), 1.6);
}

TEST(CliPresets, ListsEveryPresetWithItsPeak) {
  const Result r = run({"presets", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = run({"presets"}).out;
  for (const char* name : {"910B1", "910B2", "910B3", "910B4", "910C-die", "910C-package"}) {
    EXPECT_NE(text.find(name), std::string::npos) << name;
  }
  EXPECT_NE(text.find("707.8"), std::string::npos);
}

}  // namespace
}  // namespace amla::cli

namespace amla::cli {
namespace {

// The paper's shape: its trace takes about 92 MiB, its metrics alone about 23 MiB.
TEST(CliSimulate, ARunOverTheBudgetForItsTraceReportsItsMetricsAndWritesNoTrace) {
  const Result full = run_cli({"simulate", "--json"});
  ASSERT_EQ(full.code, 0) << full.err;
  const Result bare = run_cli({"simulate", "--json", "--memory-budget-mb", "50", "--explain"});
  ASSERT_EQ(bare.code, 0) << bare.err;
  auto a = nlohmann::json::parse(full.out);
  auto b = nlohmann::json::parse(bare.out);
  EXPECT_EQ(a["trace_kept"], true);
  EXPECT_EQ(b["trace_kept"], false);
  EXPECT_NE(b["trace_dropped"].get<std::string>().find("memory budget"), std::string::npos);
  EXPECT_TRUE(b["explain"].contains("unavailable"));
  for (const char* key : {"makespan_cycles", "tflops", "hbm_bytes", "bound", "pipes", "events"}) {
    EXPECT_EQ(a[key], b[key]) << key;
  }
  // A trace file cannot come from it: refused before anything is written.
  const auto dir = fresh_dir("amla_cli_traceless");
  const auto trace = dir / "t.json";
  const Result refused =
      run_cli({"simulate", "--memory-budget-mb", "50", "--trace", trace.string()});
  EXPECT_EQ(refused.code, 2);
  EXPECT_NE(refused.err.find("trace"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(trace));
  // Below what even its metrics need, the run is refused.
  const Result hopeless = run_cli({"simulate", "--memory-budget-mb", "10"});
  EXPECT_EQ(hopeless.code, 2);
  EXPECT_NE(hopeless.err.find("memory budget"), std::string::npos) << hopeless.err;
}

}  // namespace
}  // namespace amla::cli
