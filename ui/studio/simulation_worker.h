#pragma once
// amla::run_simulation as a background job, and the run's timeline index after it, both off the
// GUI thread: cancel() stops either at its next check (well under 100 ms, whatever the phase); an
// InputError comes back as (field, message).
#include <cstdint>
#include <memory>

#include "core/kernel/config_json.h"
#include "core/run/simulation_run.h"
#include "ui/common/background_job.h"

namespace amla {
class TimelineIndex;
}

namespace amla::ui {

using SimulationPtr = std::shared_ptr<const amla::SimulationRun>;

class SimulationWorker : public BackgroundJob {
 public:
  explicit SimulationWorker(QObject* parent = nullptr);

  // Starts a run; returns false (and does nothing) while another is in progress.
  bool start(const amla::RunConfig& config);
  // The memory a run may take (0: the default, half the available memory). A run whose trace
  // would not fit keeps only its metrics (SimulationRun::trace.trace_dropped says why).
  void setMemoryBudget(std::uint64_t bytes) { memory_budget_bytes_ = bytes; }
  std::uint64_t memoryBudget() const { return memory_budget_bytes_; }
  // The last run that finished.
  SimulationPtr run() const;
  // Its timeline index, built on the worker thread (the timelines share it).
  std::shared_ptr<const amla::TimelineIndex> timelineIndex() const;

 private:
  struct Finished {
    SimulationPtr run;
    std::shared_ptr<const amla::TimelineIndex> index;
  };
  std::uint64_t memory_budget_bytes_ = 0;
};

}  // namespace amla::ui
