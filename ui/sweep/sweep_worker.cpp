#include "ui/sweep/sweep_worker.h"

namespace amla::ui {

SweepWorker::SweepWorker(QObject* parent)
    : BackgroundJob(QStringLiteral("use fewer jobs or a smaller problem"), parent) {}

bool SweepWorker::start(const SweepRequest& request) {
  return BackgroundJob::start([request, cache = cache_](const amla::JobControl& job) {
    amla::SweepOptions options;
    options.metric = request.metric;
    options.jobs = request.jobs;
    options.job = job;
    options.cache = cache.get();
    return amla::run_sweep(request.base, request.params, options);
  });
}

}  // namespace amla::ui
