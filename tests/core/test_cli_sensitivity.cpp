// amla-cli sensitivity and compare: the JSON shapes the issue documents, figures that agree with
// simulate's, the difference exactly B - A, the chart written, bad input refused with exit 2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/cli/image_export.h"
#include "tests/core/cli_runner.h"
#include "tests/core/scratch_dir.h"

namespace amla::cli {
namespace {

using testing::run_cli;

const std::vector<std::string> kShape = {"--batch", "4", "--kv-len", "1024"};

std::vector<std::string> with(std::vector<std::string> head, const std::vector<std::string>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

double simulate_makespan(const std::vector<std::string>& extra) {
  const auto r = run_cli(with(with({"simulate", "--json"}, kShape), extra));
  EXPECT_EQ(r.code, 0) << r.err;
  return nlohmann::json::parse(r.out)["makespan_us"].get<double>();
}

TEST(CliSensitivity, JsonHasTheDocumentedShapeAndAgreesWithSimulate) {
  const auto r = run_cli(with(with({"sensitivity", "--json", "--jobs", "2"}, kShape),
                              {"--params", "fixp_bytes_per_cycle,l2_hit_latency_cycles"}));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["makespan_us"].get<double>(), simulate_makespan({}));
  ASSERT_EQ(j["params"].size(), 2u);
  for (const auto& p : j["params"]) {
    for (const char* key : {"name", "source"}) EXPECT_TRUE(p[key].is_string()) << key;
    for (const char* key : {"minus_us", "plus_us"}) EXPECT_TRUE(p[key].is_number()) << key;
  }
  EXPECT_GE(j["params"][0]["swing_us"].get<double>(), j["params"][1]["swing_us"].get<double>());
  // The fitted FixPipe rate at +20% is simulate's run with --set at that value.
  for (const auto& p : j["params"]) {
    if (p["name"] != "fixp_bytes_per_cycle") continue;
    EXPECT_EQ(p["source"], "[F]");
    const double plus = p["plus_value"].get<double>();
    EXPECT_EQ(p["plus_us"].get<double>(),
              simulate_makespan({"--set", "fixp_bytes_per_cycle=" + nlohmann::json(plus).dump()}));
  }
}

TEST(CliSensitivity, TextTableNamesEveryEstimatedParameter) {
  const auto r = run_cli(with({"sensitivity"}, kShape));
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* s : {"makespan", "-20% us", "+20% us", "swing us", "fixp_bytes_per_cycle", "[F]",
                        "cross_core_flag_latency_cycles", "[E]"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
  EXPECT_EQ(r.out.find("clock_ghz"), std::string::npos) << r.out;
}

TEST(CliSensitivity, BadInputExitsTwoNamingTheFlag) {
  struct Case {
    std::vector<std::string> args;
    std::string expect;
  };
  const std::vector<Case> cases = {
      {{"--delta", "1.5"}, "--delta"},
      {{"--delta", "0"}, "--delta"},
      {{"--params", "fixp_byte_per_cycle"}, "did you mean fixp_bytes_per_cycle"},
      {{"--params", "a,,b"}, "--params"},
      {{"--jobs", "-1"}, "--jobs"},
      {{"--plot", "out.gif"}, "--plot"},
  };
  for (const Case& c : cases) {
    const auto r = run_cli(with(with({"sensitivity"}, kShape), c.args));
    EXPECT_EQ(r.code, 2) << c.args[0] << " " << c.args[1];
    EXPECT_NE(r.err.find(c.expect), std::string::npos) << r.err;
  }
}

class CliSensitivityPlot : public amla::testing::ScratchDirTest {
 protected:
  CliSensitivityPlot() : ScratchDirTest("amla_sensitivity_") {}
};

TEST_F(CliSensitivityPlot, WritesTheTornadoChart) {
  if (!image_export_available()) GTEST_SKIP() << "a build without the GUI draws no images";
  const std::string png = at("tornado.png");
  // 203.2 x 127 mm at 100 dpi: 800 x 500 pixels.
  const auto r = run_cli(with(with({"sensitivity", "--plot", png, "--figure", "203.2x127"}, kShape),
                              {"--dpi", "100", "--params", "fixp_bytes_per_cycle"}));
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string bytes = amla::testing::slurp(png);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  const auto be32 = [&](std::size_t at) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(bytes[at + k]); };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
  };
  EXPECT_EQ(be32(16), 800);  // IHDR width
  EXPECT_EQ(be32(20), 500);  // IHDR height
}

TEST(CliCompare, DeltaIsExactlyBMinusA) {
  const auto r = run_cli(with(with({"compare", "--json"}, kShape), {"--b", "rows-per-task=64"}));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["a"]["makespan_us"].get<double>(), simulate_makespan({}));
  EXPECT_EQ(j["b"]["makespan_us"].get<double>(), simulate_makespan({"--rows-per-task", "64"}));
  EXPECT_EQ(j["delta"]["makespan_us"].get<double>(),
            j["b"]["makespan_us"].get<double>() - j["a"]["makespan_us"].get<double>());
  for (const char* side : {"a", "b"}) {
    const auto& e = j[side]["explain"];
    for (const char* key :
         {"critical_path_us", "attribution", "bound", "per_unit_busy", "advice"}) {
      EXPECT_TRUE(e.contains(key)) << side << " " << key;
    }
  }
  const auto& a = j["a"]["explain"]["attribution"];
  const auto& b = j["b"]["explain"]["attribution"];
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(j["delta"]["attribution"].size(), a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string category = a[i]["category"];
    EXPECT_EQ(j["delta"]["attribution"][category].get<double>(),
              b[i]["us"].get<double>() - a[i]["us"].get<double>())
        << category;
  }
}

TEST(CliCompare, TextShowsBothRunsAndTheDifference) {
  const auto r = run_cli(with(with({"compare"}, kShape), {"--b", "variant=baseline,preload=1"}));
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* s : {"A: ", "B: A with variant=baseline,preload=1", "B - A us", "Cube compute",
                        "(makespan)", "bound "}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
}

TEST(CliCompare, BadOverridesExitTwoNamingTheFlag) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"row-per-task=64", "did you mean rows-per-task"},
      {"rows-per-task", "expected NAME=VALUE"},
      {"rows-per-task=abc", "--b rows-per-task"},
      {"preset=910X", "--b preset"},
      {"preload=1,preload=2", "named twice"},
  };
  for (const auto& [value, expect] : cases) {
    const auto r = run_cli(with(with({"compare"}, kShape), {"--b", value}));
    EXPECT_EQ(r.code, 2) << value;
    EXPECT_NE(r.err.find(expect), std::string::npos) << value << ": " << r.err;
    EXPECT_NE(r.err.find("--b"), std::string::npos) << r.err;
  }
  const auto missing = run_cli(with({"compare"}, kShape));
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("--b"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace amla::cli
