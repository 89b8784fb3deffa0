#include "ui/timeline/shared_timeline_index.h"

#include <algorithm>
#include <vector>

#include "core/run/simulation_run.h"
#include "core/view/timeline_index.h"

namespace amla::ui {

namespace {

struct Remembered {
  std::weak_ptr<const SimulationRun> run;
  std::weak_ptr<const TimelineIndex> index;
};

std::vector<Remembered>& remembered() {
  static std::vector<Remembered> entries;
  return entries;
}

// The index and the run it points into, in one allocation.
struct IndexedRun {
  IndexedRun(std::shared_ptr<const SimulationRun> r, const JobControl& job)
      : run(std::move(r)), index(run->trace, job) {}
  std::shared_ptr<const SimulationRun> run;
  TimelineIndex index;
};

}  // namespace

std::shared_ptr<const TimelineIndex> build_timeline_index(
    const std::shared_ptr<const SimulationRun>& run, const JobControl& job) {
  if (!run) return nullptr;
  auto both = std::make_shared<const IndexedRun>(run, job);
  return std::shared_ptr<const TimelineIndex>(both, &both->index);
}

void remember_timeline_index(const std::shared_ptr<const SimulationRun>& run,
                             const std::shared_ptr<const TimelineIndex>& index) {
  if (!run || !index || &index->trace() != &run->trace) return;
  auto& entries = remembered();
  // Forget the runs nobody shows any more.
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [](const Remembered& e) { return e.index.expired(); }),
                entries.end());
  entries.push_back({run, index});
}

std::shared_ptr<const TimelineIndex> shared_timeline_index(
    const std::shared_ptr<const SimulationRun>& run) {
  if (!run) return nullptr;
  for (const Remembered& e : remembered()) {
    if (e.run.lock() != run) continue;
    if (auto index = e.index.lock()) return index;
  }
  auto index = build_timeline_index(run);
  remember_timeline_index(run, index);
  return index;
}

}  // namespace amla::ui
