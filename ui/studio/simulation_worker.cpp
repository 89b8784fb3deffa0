#include "ui/studio/simulation_worker.h"

#include "core/common/background_release.h"
#include "core/common/cancelled.h"
#include "core/view/timeline_index.h"
#include "ui/timeline/shared_timeline_index.h"

namespace amla::ui {

SimulationWorker::SimulationWorker(QObject* parent)
    : BackgroundJob(QStringLiteral("use a smaller batch or sequence length"), parent) {}

bool SimulationWorker::start(const amla::RunConfig& config) {
  return BackgroundJob::start([config, budget = memory_budget_bytes_](const amla::JobControl& job) {
    amla::SimulationControl control;
    control.job = job;
    control.memory_budget_bytes = budget;
    Finished done;
    done.run = std::make_shared<const amla::SimulationRun>(
        amla::run_simulation(config.hardware, config.kernel, control));
    try {
      done.index = build_timeline_index(done.run, job);
    } catch (const amla::Cancelled&) {
      // A long run's trace takes longer to free than the cancel may take.
      amla::release_in_background(std::move(done.run));
      throw;
    }
    return done;
  });
}

SimulationPtr SimulationWorker::run() const {
  const auto done = result<Finished>();
  return done ? done->run : nullptr;
}

std::shared_ptr<const amla::TimelineIndex> SimulationWorker::timelineIndex() const {
  const auto done = result<Finished>();
  return done ? done->index : nullptr;
}

}  // namespace amla::ui
