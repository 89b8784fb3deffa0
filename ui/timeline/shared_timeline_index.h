#pragma once
// One TimelineIndex per run, shared by every timeline that shows it (the studio's, Compare's A
// and B), built once: by the simulation worker, off the GUI thread and cancellable, for the
// studio's runs; here, on first use, for any other. The index holds its run alive, so a
// remembered index never outlives the trace it points into. GUI thread only.
#include <memory>

#include "core/common/job_control.h"

namespace amla {
struct SimulationRun;
class TimelineIndex;
}  // namespace amla

namespace amla::ui {

// Builds the index of `run` (checking `job`'s cancel flag); the index keeps `run` alive.
std::shared_ptr<const TimelineIndex> build_timeline_index(
    const std::shared_ptr<const SimulationRun>& run, const JobControl& job = {});

// Makes `index` (built over `run`) the one later lookups of `run` get.
void remember_timeline_index(const std::shared_ptr<const SimulationRun>& run,
                             const std::shared_ptr<const TimelineIndex>& index);

// The remembered index of `run`, or a new one (then remembered); null for a null run.
std::shared_ptr<const TimelineIndex> shared_timeline_index(
    const std::shared_ptr<const SimulationRun>& run);

}  // namespace amla::ui
