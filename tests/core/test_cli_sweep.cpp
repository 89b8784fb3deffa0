#include <gtest/gtest.h>

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

const std::vector<std::string> kBase = {"--preset", "910B2", "--batch", "2", "--kv-len", "2048"};

std::vector<std::string> sweep(std::vector<std::string> extra) {
  std::vector<std::string> args = {"sweep"};
  args.insert(args.end(), kBase.begin(), kBase.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(CliSweep, JsonHasOneResultPerCellInvalidOnesIncluded) {
  const Result r = run(sweep({"--param", "rows-per-task=128,256", "--param", "kv-block=256,2048",
                              "--json", "--jobs", "2"}));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["params"].size(), 2u);
  EXPECT_EQ(j["params"][0]["name"], "rows-per-task");
  ASSERT_EQ(j["results"].size(), 4u);
  int invalid = 0;
  for (const auto& cell : j["results"]) {
    EXPECT_TRUE(cell.contains("config"));
    EXPECT_TRUE(cell.contains("valid"));
    EXPECT_TRUE(cell.contains("reason"));
    if (cell["valid"]) {
      for (const char* key : {"makespan_us", "tflops", "flops_utilization", "bound", "pipes"}) {
        EXPECT_TRUE(cell.contains(key)) << key;
      }
    } else {
      ++invalid;
      EXPECT_EQ(cell["config"]["kv-block"], "2048");
      EXPECT_NE(cell["reason"].get<std::string>().find("--qp-buffers"), std::string::npos);
    }
  }
  EXPECT_EQ(invalid, 2);
}

// A sweep cell is exactly the simulate run of the same configuration.
TEST(CliSweep, CellsEqualIndividualSimulateRuns) {
  const Result s = run(sweep({"--param", "preload=0,2", "--json"}));
  ASSERT_EQ(s.code, 0) << s.err;
  const auto cells = nlohmann::json::parse(s.out)["results"];
  for (const char* preload : {"0", "2"}) {
    std::vector<std::string> args = {"simulate"};
    args.insert(args.end(), kBase.begin(), kBase.end());
    args.insert(args.end(), {"--preload", preload, "--json"});
    const Result one = run(args);
    ASSERT_EQ(one.code, 0) << one.err;
    const auto j = nlohmann::json::parse(one.out);
    const auto& cell = cells[std::string(preload) == "0" ? 0 : 1];
    EXPECT_EQ(cell["makespan_cycles"], j["makespan_cycles"]) << "preload " << preload;
    EXPECT_EQ(cell["hbm_bytes"], j["hbm_bytes"]);
  }
}

TEST(CliSweep, TableAndCsvAndHeatmap) {
  const auto dir = std::filesystem::temp_directory_path() / "amla_cli_sweep";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string csv = (dir / "s.csv").string();
  std::vector<std::string> extra = {
      "--param", "kv-block=256,512", "--metric", "makespan_us", "--csv", csv};
  const bool images = image_export_available();
  const std::string png = (dir / "s.png").string();
  // 254 x 152.4 mm at 100 dpi: 1000 x 600 pixels.
  if (images)
    extra.insert(extra.end(), {"--heatmap", png, "--figure", "254x152.4", "--dpi", "100"});
  const Result r = run(sweep(extra));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("makespan"), std::string::npos);
  EXPECT_NE(r.out.find('*'), std::string::npos);  // the best cell is marked
  std::ifstream in(csv);
  std::string header, line;
  std::getline(in, header);
  EXPECT_EQ(header.rfind("kv-block,valid,reason,makespan_us", 0), 0u) << header;
  int lines = 0;
  while (std::getline(in, line)) ++lines;
  EXPECT_EQ(lines, 2);
  if (images) {
    std::ifstream p(png, std::ios::binary);
    unsigned char head[24] = {};
    p.read(reinterpret_cast<char*>(head), 24);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(head) + 1, 3), "PNG");
    const auto be32 = [&](int at) {
      return head[at] << 24 | head[at + 1] << 16 | head[at + 2] << 8 | head[at + 3];
    };
    EXPECT_EQ(be32(16), 1000);  // IHDR width
    EXPECT_EQ(be32(20), 600);   // IHDR height
  }
}

TEST(CliSweep, FigureFlagsNeedTheHeatmap) {
  for (const std::vector<std::string>& flag : {std::vector<std::string>{"--figure", "column"},
                                               {"--dpi", "150"},
                                               {"--font-pt", "9"},
                                               {"--no-title"}}) {
    std::vector<std::string> extra = {"--param", "kv-block=256,512"};
    extra.insert(extra.end(), flag.begin(), flag.end());
    const Result r = run(sweep(extra));
    EXPECT_EQ(r.code, 2) << flag[0];
    EXPECT_NE(r.err.find(flag[0]), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("needs --heatmap FILE"), std::string::npos) << r.err;
  }
}

TEST(CliSweep, BadSpecificationsNameTheParameter) {
  const struct {
    std::vector<std::string> extra;
    std::string field;
  } cases[] = {
      {{}, "--param"},
      {{"--param", "warp-factor=1,2"}, "--warp-factor"},
      {{"--param", "kv-block="}, "--param kv-block"},
      {{"--param", "kv-block=256,,512"}, "--param kv-block"},
      {{"--param", "kv-block"}, "--param"},
      {{"--param", "kv-block=256", "--param", "kv-block=512"}, "--param kv-block"},
      {{"--param", "preload=1", "--param", "gm-slots=1", "--param", "kv-block=256"}, "--param"},
      {{"--param", "kv-block=256", "--metric", "speed"}, "--metric"},
      {{"--param", "preload=x"}, "--preload"},
  };
  for (const auto& c : cases) {
    const Result r = run(sweep(c.extra));
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find(c.field), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace amla::cli
