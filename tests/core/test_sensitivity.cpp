// Sensitivity: which estimated or fitted parameters are moved, that the moved runs are the runs
// of the moved machine, that the pool's size changes nothing, invalid moves are reported, bad
// options refused, and a cancel stops the runs early.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

#include "core/common/cancelled.h"
#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/run/sensitivity.h"
#include "core/run/simulation_run.h"

namespace amla {
namespace {

// Small enough to run in a fraction of a second.
KernelConfig small_config() {
  KernelConfig c;
  c.problem.batch = 4;
  c.problem.kv_len = 1024;
  return c;
}

const SensitivityParam& find(const SensitivityResult& r, const std::string& name) {
  const auto it = std::find_if(r.params.begin(), r.params.end(),
                               [&](const SensitivityParam& p) { return p.name == name; });
  EXPECT_NE(it, r.params.end()) << name;
  return *it;
}

double makespan(const HardwareModel& hw, const KernelConfig& c) {
  return run_simulation(hw, c).metrics.makespan_us;
}

TEST(Sensitivity, SourceTagsAreTheLeadingBrackets) {
  EXPECT_EQ(source_tags("[T][H] CANN platform ini; Vector clock assumed equal [E]"), "[T][H]");
  EXPECT_EQ(source_tags("[F] fitted"), "[F]");
  EXPECT_EQ(source_tags("no tag"), "");
  EXPECT_TRUE(is_estimated_or_fitted("[E] no published figure"));
  EXPECT_TRUE(is_estimated_or_fitted("[F] fitted to the paper"));
  EXPECT_FALSE(is_estimated_or_fitted("[T][H] CANN platform ini; Vector clock assumed equal [E]"));
}

TEST(Sensitivity, CandidatesAreThePresetsEstimatesAndFits) {
  const HardwareModel hw = find_preset("910C-package");
  const std::vector<ParameterInfo> sources = hardware_sources(hw);
  const std::vector<std::string> keys = sensitivity_candidates(sources);
  for (const ParameterInfo& p : sources) {
    const bool listed = std::find(keys.begin(), keys.end(), p.key) != keys.end();
    EXPECT_EQ(listed, is_estimated_or_fitted(p.source)) << p.key << ": " << p.source;
  }
  EXPECT_NE(std::find(keys.begin(), keys.end(), "fixp_bytes_per_cycle"), keys.end());
  EXPECT_EQ(std::find(keys.begin(), keys.end(), "clock_ghz"), keys.end());
}

TEST(Sensitivity, EachEndIsTheRunOfTheMovedMachineAndTheListIsSortedBySwing) {
  const HardwareModel hw = find_preset("910C-package");
  const KernelConfig c = small_config();
  SensitivityOptions o;
  o.params = {"cross_core_flag_latency_cycles", "fixp_bytes_per_cycle", "scalar_setup_cycles"};
  const SensitivityResult r = run_sensitivity(hw, c, o);
  EXPECT_EQ(r.makespan_us, makespan(hw, c));
  EXPECT_EQ(r.runs, 7);
  ASSERT_EQ(r.params.size(), 3u);
  const SensitivityParam& fixp = find(r, "fixp_bytes_per_cycle");
  EXPECT_EQ(fixp.source, "[F]");
  EXPECT_EQ(fixp.value, hw.fixp_bytes_per_cycle);
  HardwareModel moved = hw;
  moved.fixp_bytes_per_cycle = hw.fixp_bytes_per_cycle * 0.8;
  EXPECT_EQ(fixp.minus.value, moved.fixp_bytes_per_cycle);
  EXPECT_EQ(*fixp.minus.makespan_us, makespan(moved, c));
  moved.fixp_bytes_per_cycle = hw.fixp_bytes_per_cycle * 1.2;
  EXPECT_EQ(*fixp.plus.makespan_us, makespan(moved, c));
  for (std::size_t i = 1; i < r.params.size(); ++i) {
    EXPECT_GE(r.params[i - 1].swing_us, r.params[i].swing_us);
  }
  for (const SensitivityParam& p : r.params) {
    const double hi = std::max({r.makespan_us, *p.minus.makespan_us, *p.plus.makespan_us});
    const double lo = std::min({r.makespan_us, *p.minus.makespan_us, *p.plus.makespan_us});
    EXPECT_EQ(p.swing_us, hi - lo) << p.name;
  }
}

TEST(Sensitivity, TheLaunchMovesTheMakespanByExactlyItsChange) {
  HardwareModel hw = find_preset("910C-die");
  hw.kernel_launch_us = 10;
  SensitivityOptions o;
  o.params = {"kernel_launch_us"};
  o.delta = 0.25;
  const SensitivityResult r = run_sensitivity(hw, small_config(), o);
  const SensitivityParam& p = r.params.front();
  EXPECT_NEAR(*p.minus.makespan_us - r.makespan_us, -2.5, 1e-9);
  EXPECT_NEAR(*p.plus.makespan_us - r.makespan_us, 2.5, 1e-9);
  EXPECT_NEAR(p.swing_us, 5.0, 1e-9);
}

TEST(Sensitivity, AZeroParameterStaysAtZeroAndIsNotRerun) {
  const HardwareModel hw = find_preset("910C-package");
  ASSERT_EQ(hw.block_dispatch_cycles, 0);
  SensitivityOptions o;
  o.params = {"block_dispatch_cycles"};
  const SensitivityResult r = run_sensitivity(hw, small_config(), o);
  EXPECT_EQ(r.runs, 1);
  const SensitivityParam& p = r.params.front();
  EXPECT_TRUE(p.minus.same_as_baseline);
  EXPECT_TRUE(p.plus.same_as_baseline);
  EXPECT_EQ(*p.minus.makespan_us, r.makespan_us);
  EXPECT_EQ(*p.plus.makespan_us, r.makespan_us);
  EXPECT_EQ(p.swing_us, 0);
}

TEST(Sensitivity, MoreHbmBandwidthNeverSlowsAnHbmBoundRun) {
  const HardwareModel hw = find_preset("910C-package");
  KernelConfig c = small_config();
  c.tiling.blocking.rows_per_task = 16;  // each K/V block read for few rows: HBM bound
  ASSERT_EQ(run_simulation(hw, c).metrics.bound, "hbm");
  SensitivityOptions o;
  o.params = {"hbm_bandwidth_gb_per_s"};
  const SensitivityResult r = run_sensitivity(hw, c, o);
  const SensitivityParam& p = r.params.front();
  EXPECT_LE(*p.plus.makespan_us, r.makespan_us);
  EXPECT_GE(*p.minus.makespan_us, r.makespan_us);
  EXPECT_GT(p.swing_us, 0);
}

TEST(Sensitivity, OneJobAndTwoJobsGiveTheSameResult) {
  const HardwareModel hw = find_preset("910C-package");
  SensitivityOptions o;
  o.jobs = 1;
  const SensitivityResult one = run_sensitivity(hw, small_config(), o);
  o.jobs = 2;
  const SensitivityResult two = run_sensitivity(hw, small_config(), o);
  EXPECT_EQ(sensitivity_to_json(one), sensitivity_to_json(two));
  EXPECT_EQ(one.params.size(), sensitivity_candidates(hardware_sources(hw)).size());
}

TEST(Sensitivity, AMoveOutOfTheParametersRangeIsReportedNotRun) {
  const HardwareModel hw = find_preset("910C-package");
  ASSERT_EQ(hw.atomic_rmw_factor, 2.0);  // its range starts at 1
  SensitivityOptions o;
  o.params = {"atomic_rmw_factor"};
  o.delta = 0.6;
  const SensitivityResult r = run_sensitivity(hw, small_config(), o);
  const SensitivityParam& p = r.params.front();
  EXPECT_FALSE(p.minus.makespan_us.has_value());
  EXPECT_NE(p.minus.error.find("[1, 100]"), std::string::npos) << p.minus.error;
  EXPECT_NEAR(p.minus.value, 0.8, 1e-12);
  ASSERT_TRUE(p.plus.makespan_us.has_value());
  EXPECT_TRUE(p.plus.error.empty());
  EXPECT_EQ(r.runs, 2);
  const nlohmann::json j = sensitivity_to_json(r);
  EXPECT_TRUE(j["params"][0]["minus_us"].is_null());
  EXPECT_TRUE(j["params"][0]["minus_error"].is_string());
}

TEST(Sensitivity, BadOptionsAreRefusedNamingTheField) {
  const HardwareModel hw = find_preset("910C-package");
  SensitivityOptions o;
  o.params = {"fixp_byte_per_cycle"};
  try {
    run_sensitivity(hw, small_config(), o);
    FAIL() << "an unknown parameter ran";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--params");
    EXPECT_NE(e.limit().find("fixp_bytes_per_cycle"), std::string::npos) << e.limit();
  }
  o.params = {};
  o.delta = 1.5;
  EXPECT_THROW(run_sensitivity(hw, small_config(), o), InputError);
  o.delta = 0.2;
  o.jobs = 0;
  EXPECT_THROW(run_sensitivity(hw, small_config(), o), InputError);
}

TEST(Sensitivity, CancelStopsTheRunsEarly) {
  const HardwareModel hw = find_preset("910C-package");
  std::atomic<bool> cancel{false};
  double furthest = 0;
  JobControl control;
  control.cancel = &cancel;
  control.progress = [&](double f) {
    furthest = std::max(furthest, f);
    cancel = true;  // the first report cancels
  };
  SensitivityOptions o;
  o.jobs = 1;
  EXPECT_THROW(run_sensitivity(hw, small_config(), o, control), Cancelled);
  // 15 runs were planned; the cancel at the first report (within or at the end of the first
  // run) let no second run start.
  EXPECT_LE(furthest, 1.0 / 15 + 1e-12);
  cancel = true;
  furthest = 0;
  EXPECT_THROW(run_sensitivity(hw, small_config(), o, control), Cancelled);
  EXPECT_EQ(furthest, 0);
}

}  // namespace
}  // namespace amla
