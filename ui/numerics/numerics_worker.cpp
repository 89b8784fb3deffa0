#include "ui/numerics/numerics_worker.h"

namespace amla::ui {

NumericsWorker::NumericsWorker(QObject* parent)
    : BackgroundJob(QStringLiteral("use fewer rows or a shorter KV length"), parent) {}

bool NumericsWorker::start(const NumericsRequest& request) {
  return BackgroundJob::start([request](const amla::JobControl& job) {
    const amla::AttentionInputs inputs = amla::generate_inputs(request.spec);
    job.check_cancelled();  // generating large inputs takes a while
    return amla::run_numerics(inputs, request.config, job);
  });
}

}  // namespace amla::ui
