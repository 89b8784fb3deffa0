#include "ui/numerics/numerics_worker.h"

namespace amla::ui {

NumericsWorker::NumericsWorker(QObject* parent)
    : BackgroundJob(QStringLiteral("use fewer rows or a shorter KV length"), parent) {}

bool NumericsWorker::start(const NumericsRequest& request) {
  return BackgroundJob::start([request](const amla::JobControl& job) {
    RunAndInputs outcome{amla::generate_inputs(request.spec), {}};
    job.check_cancelled();  // generating large inputs takes a while
    outcome.run = amla::run_numerics(outcome.inputs, request.config, job);
    return outcome;
  });
}

RunPtr NumericsWorker::run() const {
  const auto outcome = result<RunAndInputs>();
  return outcome ? RunPtr(outcome, &outcome->run) : nullptr;
}

InputsPtr NumericsWorker::inputs() const {
  const auto outcome = result<RunAndInputs>();
  return outcome ? InputsPtr(outcome, &outcome->inputs) : nullptr;
}

}  // namespace amla::ui
