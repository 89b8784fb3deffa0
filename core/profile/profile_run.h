#pragma once
// An imported profile as a SimulationRun, so every page and command that shows a run shows it:
// the trace as read, the metrics computed from it as for a simulated run (summarize_profile),
// a machine named after the file at the profile's clock with no launch overhead, and no plan
// (a profile's ops belong to no task of ours) and no problem (its FLOPs are unknown: batch 0).
#include "core/profile/profile_trace.h"
#include "core/run/simulation_run.h"

namespace amla {

SimulationRun profile_as_run(ProfileTrace profile);

}  // namespace amla
