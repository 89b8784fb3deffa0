// amla-cli import, and simulate --trace-format insight read back by it: the same per-unit busy
// and duration as the simulated run; bad input exits 2 naming the file and field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/cli/image_export.h"
#include "tests/core/cli_runner.h"
#include "tests/core/scratch_dir.h"

namespace amla::cli {
namespace {

using amla::testing::put;
using testing::run_cli;

class CliImport : public amla::testing::ScratchDirTest {
 protected:
  CliImport() : ScratchDirTest("amla_import_") {}
};

const std::vector<std::string> kSmall = {"--preset", "910B2", "--batch", "2", "--kv-len", "1024"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST_F(CliImport, InsightTraceOfASimulatedRunImportsWithTheRunsFigures) {
  const std::string trace = at("sim.json");
  const auto sim =
      run_cli(with({"simulate", "--json", "--trace", trace, "--trace-format", "insight"}, kSmall));
  ASSERT_EQ(sim.code, 0) << sim.err;
  const auto imp = run_cli({"import", trace, "--json"});
  ASSERT_EQ(imp.code, 0) << imp.err;
  const nlohmann::json s = nlohmann::json::parse(sim.out);
  const nlohmann::json i = nlohmann::json::parse(imp.out);
  EXPECT_EQ(i["format"], "simulator-trace");
  EXPECT_EQ(i["ops"], s["events"]);
  EXPECT_NEAR(i["duration_us"].get<double>(), s["makespan_cycles"].get<double>() / 1800.0, 1e-9);
  for (const auto& [unit, key] :
       {std::pair{"AIC", "aic"}, std::pair{"AIV0", "aiv0"}, std::pair{"AIV1", "aiv1"}}) {
    for (const auto& [pipe, value] : s["pipes"][unit].items()) {
      EXPECT_DOUBLE_EQ(i["per_unit_busy"][key][pipe].get<double>(), value["busy"].get<double>())
          << unit << " " << pipe;
    }
  }
}

TEST_F(CliImport, TextSummaryNamesFormatDurationAndPipes) {
  put(at("p.csv"),
      "block_id,sub_block_id,aic_time(us),aic_cube_ratio,aiv_time(us),aiv_vec_ratio\n"
      "0,cube0,10,0.25,NA,NA\n0,vector0,NA,NA,8,0.5\n");
  const auto r = run_cli({"import", at("p.csv")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("pipe-utilization, 1 blocks"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("duration                     10.000 us"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CUBE 25.0%"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("VECTOR 50.0%"), std::string::npos) << r.out;
}

TEST_F(CliImport, TimelineImageOfAProfile) {
  if (!image_export_available()) GTEST_SKIP() << "built without the GUI's painters";
  const std::string png = at("profile.png");
  const auto r =
      run_cli({"import", std::string(AMLA_CLI_TEST_PROFILE_DIR) + "/all_cores_trace.json",
               "--timeline", png, "--figure", "200x75", "--dpi", "100"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string bytes = amla::testing::slurp(png);
  ASSERT_GT(bytes.size(), 24u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  // Width and height from the IHDR chunk (big-endian).
  const auto u32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(bytes[at]) << 24) |
           (static_cast<unsigned char>(bytes[at + 1]) << 16) |
           (static_cast<unsigned char>(bytes[at + 2]) << 8) |
           static_cast<unsigned char>(bytes[at + 3]);
  };
  EXPECT_EQ(u32(16), 787u);  // 200 mm at 100 dpi
  EXPECT_EQ(u32(20), 295u);  // 75 mm
  // A bad profile leaves no image behind.
  put(at("bad.json"), "[");
  EXPECT_EQ(run_cli({"import", at("bad.json"), "--timeline", at("bad.png")}).code, 2);
  EXPECT_FALSE(std::filesystem::exists(at("bad.png")));
}

TEST_F(CliImport, ChromeStaysTheDefaultTraceFormat) {
  const std::string trace = at("chrome.json");
  ASSERT_EQ(run_cli(with({"simulate", "--trace", trace}, kSmall)).code, 0);
  const std::string text = amla::testing::slurp(trace);
  EXPECT_EQ(text.rfind("{\"traceEvents\":[", 0), 0u);
  EXPECT_EQ(text.find("profilingType"), std::string::npos);
}

TEST_F(CliImport, BadInputExitsTwoNamingFileAndField) {
  put(at("trunc.json"), "{\"profilingType\":\"op\",\"traceEvents\":[{\"name\":\"A\",\"ph\":\"X\"");
  put(at("neg.json"),
      "{\"profilingType\":\"op\",\"traceEvents\":[{\"name\":\"A\",\"ph\":\"X\",\"pid\":"
      "\"core0.cubecore0\",\"tid\":\"CUBE\",\"ts\":1,\"dur\":-1}]}");
  put(at("chip.csv"), "block_id,sub_block_id,time(us),vec_ratio\n0,vector0,1,0.5\n");
  put(at("text.txt"), "hello\n");
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> says;
  };
  const std::vector<Case> cases = {
      {{"import", at("trunc.json")}, {"trunc.json", "byte"}},
      {{"import", at("neg.json")}, {"neg.json", "traceEvents[0].dur", "byte"}},
      {{"import", at("chip.csv")}, {"chip.csv", "line 1", "aic_time(us)"}},
      {{"import", at("text.txt")}, {"text.txt", "--format"}},
      {{"import", at("missing.json")}, {"missing.json"}},
      {{"import"}, {"FILE"}},
      {{"import", at("neg.json"), "--format", "perfetto"}, {"--format", "perfetto"}},
      {{"import", at("neg.json"), "--format", "pipe-utilization"}, {"neg.json", "block_id"}},
      {{"import", at("neg.json"), "--clock-mhz", "0"}, {"--clock-mhz"}},
      {with({"simulate", "--trace", at("x.json"), "--trace-format", "svg"}, kSmall),
       {"--trace-format", "svg"}},
  };
  for (const Case& c : cases) {
    const auto r = run_cli(c.args);
    EXPECT_EQ(r.code, 2) << c.args.back() << ": " << r.out << r.err;
    for (const std::string& s : c.says) {
      EXPECT_NE(r.err.find(s), std::string::npos) << r.err << " does not say " << s;
    }
  }
  EXPECT_FALSE(std::filesystem::exists(at("x.json")));
}

}  // namespace
}  // namespace amla::cli
