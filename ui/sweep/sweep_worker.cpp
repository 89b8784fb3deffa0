#include "ui/sweep/sweep_worker.h"

#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>
#include <new>

#include "core/common/cancelled.h"
#include "core/common/input_error.h"

namespace amla::ui {

SweepWorker::SweepWorker(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &SweepWorker::deliver);
}

SweepWorker::~SweepWorker() {
  if (cancel_flag_) cancel_flag_->store(true);
  watcher_.waitForFinished();
}

bool SweepWorker::isRunning() const { return watcher_.isRunning(); }

void SweepWorker::cancel() {
  if (cancel_flag_) cancel_flag_->store(true);
}

bool SweepWorker::start(const SweepRequest& request) {
  if (isRunning()) return false;
  cancel_flag_ = std::make_shared<std::atomic<bool>>(false);
  const int generation = ++generation_;
  auto cancel_flag = cancel_flag_;
  // Called from the sweep's threads: hop to the GUI thread, and drop reports of an old sweep.
  // `this` outlives the threads: the destructor waits for them.
  auto progress = [this, generation](int done, int total) {
    QMetaObject::invokeMethod(
        this,
        [this, generation, done, total] {
          if (generation_ == generation) emit progressChanged(done, total);
        },
        Qt::QueuedConnection);
  };
  amla::SweepCache* cache = &cache_;
  watcher_.setFuture(QtConcurrent::run([request, cancel_flag, progress, cache]() -> Outcome {
    Outcome outcome;
    try {
      amla::SweepOptions options;
      options.metric = request.metric;
      options.jobs = request.jobs;
      options.progress = progress;
      options.cancel = cancel_flag.get();
      options.cache = cache;
      outcome.result = std::make_shared<const amla::SweepResult>(
          amla::run_sweep(request.base, request.params, options));
    } catch (const amla::Cancelled&) {
      outcome.cancelled = true;
    } catch (const amla::InputError& e) {
      outcome.field = QString::fromStdString(e.field());
      outcome.error = QString::fromStdString(e.what());
    } catch (const std::bad_alloc&) {
      outcome.error = QStringLiteral("out of memory: use fewer jobs or a smaller problem");
    } catch (const std::exception& e) {
      outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
  }));
  emit progressChanged(0, 0);
  return true;
}

void SweepWorker::deliver() {
  const Outcome outcome = watcher_.result();
  if (outcome.cancelled) {
    emit cancelled();
  } else if (!outcome.error.isEmpty()) {
    emit failed(outcome.field, outcome.error);
  } else {
    const int total = static_cast<int>(outcome.result->cells.size());
    emit progressChanged(total, total);
    emit finished(outcome.result);
  }
}

}  // namespace amla::ui
