#include "core/profile/profile_run.h"

#include <limits>

#include "core/profile/profile_summary.h"

namespace amla {

SimulationRun profile_as_run(ProfileTrace profile) {
  const ProfileSummary summary = summarize_profile(profile);
  SimulationRun run;
  run.profile_source = profile.source.empty() ? "(unnamed profile)" : profile.source;
  const auto slash = profile.source.find_last_of('/');
  run.hardware.name =
      "profile " + (slash == std::string::npos ? profile.source : profile.source.substr(slash + 1));
  run.hardware.clock_ghz = profile.clock_mhz / 1000.0;
  run.hardware.kernel_launch_us = 0;
  // The profile says nothing about the attention problem: every size zero, not the defaults.
  run.config.problem.batch = 0;
  run.config.problem.q_tokens = 0;
  run.config.problem.heads = 0;
  run.config.problem.kv_len = 0;
  run.metrics = summary.metrics;
  // Its FLOPs and the machine's peak are unknown: not a number, shown as n/a, never as 0.
  const double unknown = std::numeric_limits<double>::quiet_NaN();
  run.metrics.total_flops = unknown;
  run.metrics.tflops = unknown;
  run.metrics.peak_tflops = unknown;
  run.metrics.flops_utilization = unknown;
  run.plan.cores = profile.trace.cores;
  run.trace = std::move(profile.trace);
  run.planned_ops = static_cast<std::int64_t>(run.trace.ops.size());
  return run;
}

}  // namespace amla
