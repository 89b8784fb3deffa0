// amla-cli simulate --explain: the attribution, the bound and the advice in the text, and the
// "explain" object in the JSON with the documented shape, adding up to the makespan.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/core/cli_runner.h"

namespace amla::cli {
namespace {

using testing::run_cli;

const std::vector<std::string> kSmall = {"simulate", "--preset", "910C-die", "--batch",
                                         "4",        "--kv-len", "2048"};

TEST(CliExplain, JsonExplainObjectAddsUpToTheMakespan) {
  auto args = kSmall;
  args.push_back("--explain");
  args.push_back("--json");
  const auto r = run_cli(args);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.contains("explain"));
  const auto& e = j["explain"];
  EXPECT_NEAR(e["critical_path_us"].get<double>(), j["makespan_us"].get<double>(), 1e-9);
  double us = 0, share = 0;
  ASSERT_TRUE(e["attribution"].is_array());
  ASSERT_GE(e["attribution"].size(), 12u);
  for (const auto& a : e["attribution"]) {
    EXPECT_TRUE(a["category"].is_string());
    us += a["us"].get<double>();
    share += a["share"].get<double>();
  }
  EXPECT_NEAR(us, j["makespan_us"].get<double>(), 1e-9);
  EXPECT_NEAR(share, 1.0, 1e-12);
  // The bound is the busiest unit's pipe, with the figure of the per-unit table.
  const std::string unit = e["bound"]["unit"], pipe = e["bound"]["pipe"];
  EXPECT_DOUBLE_EQ(e["bound"]["busy"].get<double>(), j["pipes"][unit][pipe]["busy"].get<double>());
  for (const char* u : {"aic", "aiv0", "aiv1"}) {
    ASSERT_TRUE(e["per_unit_busy"].contains(u)) << u;
    for (const auto& [p, busy] : e["per_unit_busy"][u].items()) {
      EXPECT_LE(busy.get<double>(), e["bound"]["busy"].get<double>()) << u << " " << p;
    }
  }
  EXPECT_DOUBLE_EQ(e["per_unit_busy"]["aic"]["MTE2"].get<double>(),
                   j["pipes"]["AIC"]["MTE2"]["busy"].get<double>());
  ASSERT_TRUE(e["advice"].is_array());
  ASSERT_FALSE(e["advice"].empty());
  EXPECT_NE(e["advice"][0].get<std::string>().find(unit + " " + pipe), std::string::npos)
      << e["advice"][0];
}

TEST(CliExplain, WithoutTheFlagTheJsonHasNoExplainObject) {
  auto args = kSmall;
  args.push_back("--json");
  const auto r = run_cli(args);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(r.out).contains("explain"));
}

TEST(CliExplain, TextNamesTheAttributionTheBoundAndTheAdvice) {
  auto args = kSmall;
  args.push_back("--explain");
  const auto r = run_cli(args);
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* s :
       {"why: critical path", "Cube compute", "%", "bound ", "% busy", "advice: "}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  }
  EXPECT_EQ(run_cli(kSmall).out.find("why:"), std::string::npos);
}

}  // namespace
}  // namespace amla::cli
