// amla-cli calibrate: a profile written by simulate --trace-format insight at known values is
// fitted back from other starting values (via --set), the JSON reports the fit, --out writes a
// hardware file with the fitted values tagged [F] that simulate --hw reads; bad input exits 2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/core/cli_runner.h"
#include "tests/core/scratch_dir.h"

namespace amla::cli {
namespace {

using testing::run_cli;

class CliCalibrate : public amla::testing::ScratchDirTest {
 protected:
  CliCalibrate() : ScratchDirTest("amla_cli_calibrate_") {}
};

TEST_F(CliCalibrate, FitsBackTheProfilesValueAndWritesATaggedHardwareFile) {
  const std::string profile = at("profile.json");
  const std::string fitted = at("fitted.json");
  ASSERT_EQ(run_cli({"simulate", "--batch", "4", "--kv-len", "2048", "--trace", profile,
                     "--trace-format", "insight"})
                .code,
            0);
  const auto r = run_cli({"calibrate", "--profile", profile, "--batch", "4", "--kv-len", "2048",
                          "--set", "fixp_bytes_per_cycle=40", "--params", "fixp_bytes_per_cycle",
                          "--out", fitted, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["params"][0]["start"], 40);
  EXPECT_NEAR(j["params"][0]["fitted"].get<double>(), 56, 56 * 0.03);  // the preset's value
  EXPECT_LT(j["residual_after"].get<double>(), j["residual_before"].get<double>());
  const auto hw = nlohmann::json::parse(amla::testing::slurp(fitted));
  const auto& p = hw["parameters"]["fixp_bytes_per_cycle"];
  EXPECT_EQ(p["value"], j["params"][0]["fitted"]);
  EXPECT_EQ(p["source"].get<std::string>().rfind("[F] fitted to the profile", 0), 0u);
  EXPECT_EQ(run_cli({"simulate", "--hw", fitted, "--batch", "4", "--kv-len", "2048"}).code, 0);
}

TEST_F(CliCalibrate, BadInputExitsTwoNamingTheFlagAndWritesNothing) {
  const std::string profile = at("profile.json");
  ASSERT_EQ(run_cli({"simulate", "--batch", "2", "--kv-len", "512", "--trace", profile,
                     "--trace-format", "insight"})
                .code,
            0);
  const struct {
    std::vector<std::string> args;
    const char* names;
  } cases[] = {
      {{"calibrate", "--params", "fixp_bytes_per_cycle"}, "--profile"},
      {{"calibrate", "--profile", profile}, "--params"},
      {{"calibrate", "--profile", profile, "--params", "fixp_bytes_per_cylce"}, "--params"},
      {{"calibrate", "--profile", profile, "--params", "fixp_bytes_per_cycle,"}, "--params"},
      {{"calibrate", "--profile", at("missing.json"), "--params", "fixp_bytes_per_cycle"},
       "--profile"},
      {{"calibrate", "--profile", profile, "--params", "dies", "--out", at("o.json")}, "--params"},
  };
  for (const auto& c : cases) {
    const auto r = run_cli(c.args);
    EXPECT_EQ(r.code, 2) << c.args.back();
    EXPECT_NE(r.err.find(c.names), std::string::npos) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(at("o.json")));
}

}  // namespace
}  // namespace amla::cli
