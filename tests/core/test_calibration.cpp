// Calibration against a profile: a profile made by simulating known parameter values and writing
// the run in the msprof (Insight) layout is read back, and calibration from other starting
// values recovers the known values; the residual is exactly zero for the true machine; bad
// parameter names are refused by name.
#include <gtest/gtest.h>

#include <sstream>

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/profile/calibration.h"
#include "core/profile/profile_reader.h"
#include "core/run/simulation_run.h"
#include "core/sim/insight_trace_writer.h"

namespace amla {
namespace {

KernelConfig small_shape() {
  KernelConfig c;
  c.problem.batch = 4;
  c.problem.kv_len = 2048;
  return c;
}

// The run of `hw` as a profile: written in the msprof layout, read back as a real one would be.
ProfileSummary profile_of(const HardwareModel& hw, const KernelConfig& config) {
  const SimulationRun run = run_simulation(hw, config);
  std::ostringstream trace;
  write_insight_trace(run.trace, trace);
  ProfileReadOptions options;
  options.clock_mhz = hw.clock_ghz * 1e3;
  return summarize_profile(read_profile_bytes(trace.str(), "known.json", options));
}

TEST(Calibration, RecoversKnownParametersFromOtherStartingValues) {
  HardwareModel truth = find_preset("910C-package");
  truth.fixp_bytes_per_cycle = 56;
  truth.mte2_gm_to_l1_bytes_per_cycle = 78;
  const KernelConfig config = small_shape();
  const ProfileSummary profile = profile_of(truth, config);

  HardwareModel start = truth;
  start.fixp_bytes_per_cycle = 40;
  start.mte2_gm_to_l1_bytes_per_cycle = 100;
  CalibrationOptions options;
  options.params = {"fixp_bytes_per_cycle", "mte2_gm_to_l1_bytes_per_cycle"};
  const CalibrationResult r = calibrate_to_profile(start, config, profile, options);
  ASSERT_EQ(r.params.size(), 2u);
  EXPECT_EQ(r.params[0].start, 40);
  EXPECT_NEAR(r.params[0].fitted, 56, 56 * 0.03);
  EXPECT_NEAR(r.params[1].fitted, 78, 78 * 0.03);
  EXPECT_LT(r.residual_after, r.residual_before / 100);
  EXPECT_LE(r.evaluations, options.max_evaluations);
  EXPECT_DOUBLE_EQ(r.hardware.fixp_bytes_per_cycle, r.params[0].fitted);
}

TEST(Calibration, TheTrueMachineHasNoResidualAndAnotherOneHas) {
  const HardwareModel truth = find_preset("910C-package");
  const KernelConfig config = small_shape();
  const ProfileSummary profile = profile_of(truth, config);
  SimulationControl quiet;
  quiet.record_reasons = false;
  // The profile's figures come back through a text format in microseconds: equal to print
  // precision, not to the bit.
  EXPECT_LT(calibration_residual(run_simulation(truth, config, quiet).metrics, profile), 1e-10);
  HardwareModel other = truth;
  other.fixp_bytes_per_cycle /= 2;
  EXPECT_GT(calibration_residual(run_simulation(other, config, quiet).metrics, profile), 1e-4);
}

TEST(Calibration, ParametersItCannotFitAreRefusedByName) {
  const HardwareModel hw = find_preset("910C-package");
  const KernelConfig config = small_shape();
  const ProfileSummary profile = profile_of(hw, config);
  for (const char* bad : {"fixp_bytes_per_cylce", "aic_per_die", "kernel_launch_us"}) {
    CalibrationOptions options;
    options.params = {bad};
    try {
      calibrate_to_profile(hw, config, profile, options);
      ADD_FAILURE() << bad << " accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "--params");
      EXPECT_EQ(e.value(), bad);
    }
  }
}

}  // namespace
}  // namespace amla
