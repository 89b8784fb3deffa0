#include "ui/studio/simulation_worker.h"

namespace amla::ui {

SimulationWorker::SimulationWorker(QObject* parent)
    : BackgroundJob(QStringLiteral("use a smaller batch or sequence length"), parent) {}

bool SimulationWorker::start(const amla::RunConfig& config) {
  return BackgroundJob::start([config](const amla::JobControl& job) {
    amla::SimulationControl control;
    control.job = job;
    return amla::run_simulation(config.hardware, config.kernel, control);
  });
}

}  // namespace amla::ui
