#include "core/profile/calibration.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <nlopt.hpp>

#include "core/common/cancelled.h"
#include "core/common/input_error.h"
#include "core/common/json_io.h"
#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"

namespace amla {

namespace {

// A parameter's value as the hardware file writes it.
double parameter_value(const HardwareModel& hw, const std::string& name) {
  const nlohmann::json params = hardware_to_json(hw).at("parameters");
  std::vector<std::string> names;
  for (const auto& [key, p] : params.items()) {
    if (p.at("value").is_number()) names.push_back(key);
  }
  if (!params.contains(name) || !params.at(name).at("value").is_number()) {
    throw InputError("--params", name,
                     "not a numeric hardware parameter; " + unknown_key_limit(name, names));
  }
  if (params.at(name).at("value").is_number_integer()) {
    throw InputError("--params", name,
                     "a whole-number parameter; calibration fits continuous ones (rates, "
                     "latencies, factors)");
  }
  return params.at(name).at("value").get<double>();
}

struct Objective {
  const HardwareModel* start;
  const KernelConfig* config;
  const ProfileSummary* profile;
  const std::vector<std::string>* names;
  const std::vector<double>* starts;
  const JobControl* control;
  int max_evaluations;
  int evaluations = 0;
  bool cancelled = false;

  // The machine at x (log ratios to the start), or nullopt when a value leaves its range.
  std::optional<HardwareModel> machine_at(const double* x) const {
    HardwareModel hw = *start;
    nlohmann::json moved = nlohmann::json::object();
    for (std::size_t i = 0; i < names->size(); ++i) {
      moved[(*names)[i]] = (*starts)[i] * std::exp(x[i]);
    }
    try {
      apply_hardware_json(moved, "calibration", hw);
    } catch (const InputError&) {
      return std::nullopt;
    }
    return hw;
  }

  double evaluate(const double* x) {
    if (control->cancelled()) {
      cancelled = true;
      throw nlopt::forced_stop();
    }
    ++evaluations;
    control->report(std::min(1.0, static_cast<double>(evaluations) / max_evaluations));
    const auto hw = machine_at(x);
    if (!hw) return 1e9;  // outside a parameter's own range: never the answer
    SimulationControl sim;
    sim.record_reasons = false;
    try {
      return calibration_residual(run_simulation(*hw, *config, sim).metrics, *profile);
    } catch (const InputError&) {
      return 1e9;  // e.g. tiles no longer fit: not a candidate
    }
  }

  static double call(unsigned, const double* x, double*, void* self) {
    return static_cast<Objective*>(self)->evaluate(x);
  }
};

}  // namespace

double calibration_residual(const SimulationMetrics& simulated, const ProfileSummary& profile) {
  double sum = 0;
  for (const Unit unit : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
    for (int p = 0; p < kPipeCount; ++p) {
      const auto pipe = static_cast<Pipe>(p);
      if (!profile.is_measured(unit, pipe) || !unit_has_pipe(unit, pipe)) continue;
      const double d =
          simulated.pipe(unit, pipe).busy_fraction - profile.metrics.pipe(unit, pipe).busy_fraction;
      sum += d * d;
    }
  }
  if (profile.duration_us > 0) {
    const double r = simulated.makespan_us / profile.duration_us - 1;
    sum += r * r;
  }
  return sum;
}

CalibrationResult calibrate_to_profile(const HardwareModel& start, const KernelConfig& config,
                                       const ProfileSummary& profile,
                                       const CalibrationOptions& options,
                                       const JobControl& control) {
  if (options.params.empty()) throw InputError("--params", "none", "name at least one parameter");
  if (options.range_factor <= 1) {
    throw InputError("--range", std::to_string(options.range_factor), "a factor above 1");
  }
  std::vector<double> starts;
  for (const std::string& name : options.params) {
    const double v = parameter_value(start, name);
    if (!(v > 0)) {
      throw InputError("--params", name,
                       "its value is " + short_dump(nlohmann::json(v)) +
                           ": only positive parameters are fitted (on a log scale)");
    }
    starts.push_back(v);
  }
  const auto n = static_cast<unsigned>(starts.size());
  Objective objective{
      &start, &config, &profile, &options.params, &starts, &control, options.max_evaluations};
  CalibrationResult result;
  std::vector<double> x(n, 0.0);
  result.residual_before = objective.evaluate(x.data());

  nlopt::opt opt(nlopt::LN_SBPLX, n);
  const double span = std::log(options.range_factor);
  opt.set_lower_bounds(std::vector<double>(n, -span));
  opt.set_upper_bounds(std::vector<double>(n, span));
  opt.set_initial_step(std::vector<double>(n, span / 4));
  opt.set_min_objective(&Objective::call, &objective);
  opt.set_maxeval(std::max(1, options.max_evaluations - 1));
  opt.set_xtol_abs(1e-4);  // a ratio of 1.0001: far below what whole cycles resolve
  opt.set_ftol_abs(1e-12);
  double best = result.residual_before;
  try {
    opt.optimize(x, best);
  } catch (const nlopt::forced_stop&) {
  } catch (const nlopt::roundoff_limited&) {
    // The step function stopped improving: the best point so far is kept in x.
  }
  if (objective.cancelled) throw Cancelled();
  result.evaluations = objective.evaluations;
  result.hardware = objective.machine_at(x.data()).value_or(start);
  for (std::size_t i = 0; i < n; ++i) {
    result.params.push_back(
        {options.params[i], starts[i], parameter_value(result.hardware, options.params[i])});
  }
  SimulationControl sim;
  sim.record_reasons = false;
  result.residual_after =
      calibration_residual(run_simulation(result.hardware, config, sim).metrics, profile);
  return result;
}

}  // namespace amla
