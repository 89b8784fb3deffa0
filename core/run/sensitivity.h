#pragma once
// Which assumption a result hangs on: the run repeated with each estimated [E] or fitted [F]
// hardware parameter moved down and up by a fraction (default 20%), the makespan at each end, and
// the parameters ordered by how far they swing it (the data of a tornado chart). The runs are
// independent, so they go to a small pool of threads; results do not depend on the pool's size.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/common/job_control.h"
#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"

namespace amla {

// The move is a fraction of the parameter's value: value * (1 -+ delta).
constexpr double kMinSensitivityDelta = 0.001;
constexpr double kMaxSensitivityDelta = 0.99;
constexpr double kDefaultSensitivityDelta = 0.2;
constexpr int kMaxSensitivityJobs = 64;

// The leading source tags of a parameter's note: "[T][H] CANN platform ini ... [E]" -> "[T][H]".
std::string source_tags(const std::string& note);
// An estimate or a fit: the leading tags hold [E] or [F].
bool is_estimated_or_fitted(const std::string& note);

// The source notes of the machine's parameters: its preset's when the name is a preset's, the
// defaults otherwise.
std::vector<ParameterInfo> hardware_sources(const HardwareModel& hw);
// The parameters a sensitivity moves when none are named: every estimated or fitted one.
std::vector<std::string> sensitivity_candidates(const std::vector<ParameterInfo>& sources);

struct SensitivityOptions {
  double delta = kDefaultSensitivityDelta;
  // Hardware parameter keys; empty = sensitivity_candidates(). Any numeric parameter may be
  // named (integer ones are rounded after the move).
  std::vector<std::string> params;
  int jobs = 1;                           // runs at once
  std::uint64_t memory_budget_bytes = 0;  // for all runs at once; 0 = the default budget
};

// One end of a parameter's move.
struct SensitivityEnd {
  double value = 0;  // the moved value
  // The run at that value; empty when it could not run, `error` then says why (the value is out
  // of the parameter's range, or the run refused the configuration).
  std::optional<double> makespan_us;
  std::string bound;  // "AIC MTE2"
  double bound_busy = 0;
  std::string error;
  bool same_as_baseline = false;  // the move left the value unchanged (a zero, a rounded integer)
};

struct SensitivityParam {
  std::string name;
  std::string source;  // the leading tags, "[E]"
  std::string note;    // the whole source note
  double value = 0;    // the baseline's value
  SensitivityEnd minus, plus;
  // The widest spread of the makespan over the baseline and the ends that ran.
  double swing_us = 0;
};

struct SensitivityResult {
  double delta = 0;
  double makespan_us = 0;
  std::string bound;
  double bound_busy = 0;
  std::vector<SensitivityParam> params;  // largest swing first
  int runs = 0;                          // simulations run, the baseline included
};

// Throws InputError("--delta" | "--params" | "--jobs", ...) for bad options and whatever the
// baseline run throws; Cancelled when control's flag is set (checked within every run).
// Progress goes over all runs.
SensitivityResult run_sensitivity(const HardwareModel& hw, const KernelConfig& config,
                                  const SensitivityOptions& options,
                                  const JobControl& control = {});

// {"makespan_us", "bound", "bound_busy", "delta", "runs", "params": [{"name", "source", "note",
// "value", "swing_us", "minus_value", "minus_us" (null when it could not run), "minus_bound",
// "minus_error" (only then), and the same for "plus"}]}.
nlohmann::json sensitivity_to_json(const SensitivityResult& result);

}  // namespace amla
