#pragma once
// Calibration against a real profile: the chosen hardware parameters are fitted so that the
// simulated run of the profiled shape matches the profile's duration and per-unit pipe busy
// (least squares over every pipe the profile measures, the duration as a relative error). The
// simulation is a step function of the parameters (whole cycles), so the optimiser is a
// derivative-free one from NLopt (Subplex), searching each parameter on a log scale within a
// factor of its start.
#include <string>
#include <vector>

#include "core/common/job_control.h"
#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"
#include "core/profile/profile_summary.h"

namespace amla {

struct CalibrationOptions {
  std::vector<std::string> params;  // hardware parameter keys (presets --show names them)
  int max_evaluations = 120;        // simulations at most
  double range_factor = 4;          // each parameter within [start / f, start x f]
};

struct FittedParameter {
  std::string name;
  double start = 0;
  double fitted = 0;
};

struct CalibrationResult {
  std::vector<FittedParameter> params;
  double residual_before = 0;
  double residual_after = 0;
  int evaluations = 0;
  HardwareModel hardware;  // the start with the fitted values
};

// Sum over the pipes the profile measures of (simulated busy - profiled busy)^2, plus the
// duration's relative error squared.
double calibration_residual(const SimulationMetrics& simulated, const ProfileSummary& profile);

// Throws InputError("--params", name, ...) for a name that is not a numeric hardware parameter,
// and Cancelled when `control` cancels.
CalibrationResult calibrate_to_profile(const HardwareModel& start, const KernelConfig& config,
                                       const ProfileSummary& profile,
                                       const CalibrationOptions& options,
                                       const JobControl& control = {});

}  // namespace amla
