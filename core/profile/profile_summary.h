#pragma once
// What an imported profile says about the run, in the same terms as a simulated run: its
// duration, the busy fraction of every unit's pipes over all cores (the simulator's metrics,
// computed by the same code from the same trace representation), plus the pipes the simulator
// does not model. CSV profiles have no ops: their busy fractions are msprof's own ratios,
// averaged over the blocks.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/profile/profile_trace.h"
#include "core/run/run_metrics.h"

namespace amla {

struct OtherPipeBusy {
  Unit unit = Unit::kAic;
  std::string pipe;
  double busy_fraction = 0;
};

struct ProfileSummary {
  ProfileFormat format = ProfileFormat::kSimulatorTrace;
  std::string source;
  double clock_mhz = 1800;
  double duration_us = 0;
  int cores = 0;
  std::int64_t ops = 0;
  std::int64_t flags = 0;
  std::int64_t skipped_pseudo_events = 0;
  std::int64_t counter_series = 0;
  SimulationMetrics metrics;  // makespan, per unit and pipe busy, bubbles (no FLOPs or traffic)
  // Which of metrics' pipe figures the profile has: all of a trace's; a CSV's only where it has
  // a ratio column (OpBasicInfo.csv has none). Unmeasured pipes are absent, not zero, in JSON.
  std::array<std::array<bool, kPipeCount>, kUnitCount> measured{};
  bool is_measured(Unit u, Pipe p) const {
    return measured[static_cast<std::size_t>(u)][static_cast<std::size_t>(p)];
  }
  std::vector<OtherPipeBusy> other_pipes;
};

ProfileSummary summarize_profile(const ProfileTrace& profile);

// {"format", "source", "duration_us", "cores", "ops", "flags", "per_unit_busy": {"aic"|"aiv0"|
// "aiv1": {PIPE: fraction}}} with every pipe, modelled or not.
nlohmann::json profile_summary_json(const ProfileSummary& summary);

}  // namespace amla
