#include "ui/sweep/sweep_worker.h"

#include <QMetaObject>
#include <QPointer>

namespace amla::ui {

SweepWorker::SweepWorker(QObject* parent)
    : BackgroundJob(QStringLiteral("use fewer jobs or a smaller problem"), parent) {}

bool SweepWorker::start(const SweepRequest& request) {
  if (isRunning()) return false;
  const int generation = ++generation_;
  QPointer<SweepWorker> self(this);
  return BackgroundJob::start(
      [request, cache = cache_, self, generation](const amla::JobControl& job) {
        amla::SweepOptions options;
        options.metric = request.metric;
        options.jobs = request.jobs;
        options.job = job;
        options.cache = cache.get();
        // From a worker thread: hand the cell to the GUI thread, where the worker lives.
        options.on_cell = [self, generation](std::size_t index, const amla::SweepCell& cell) {
          auto copy = std::make_shared<const amla::SweepCell>(cell);
          QMetaObject::invokeMethod(
              self.data(),
              [self, generation, index, copy] {
                if (self && self->generation_ == generation) {
                  emit self->cellFinished(static_cast<int>(index), copy);
                }
              },
              Qt::QueuedConnection);
        };
        return amla::run_sweep(request.base, request.params, options);
      });
}

}  // namespace amla::ui
