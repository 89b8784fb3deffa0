#pragma once
// amla::run_simulation as a background job: cancel() stops the simulator at its next check
// (every few thousand events, well under 100 ms); an InputError comes back as (field, message).
#include <memory>

#include "core/kernel/config_json.h"
#include "core/run/simulation_run.h"
#include "ui/common/background_job.h"

namespace amla::ui {

using SimulationPtr = std::shared_ptr<const amla::SimulationRun>;

class SimulationWorker : public BackgroundJob {
 public:
  explicit SimulationWorker(QObject* parent = nullptr);

  // Starts a run; returns false (and does nothing) while another is in progress.
  bool start(const amla::RunConfig& config);
  // The last run that finished.
  SimulationPtr run() const { return result<amla::SimulationRun>(); }
};

}  // namespace amla::ui
