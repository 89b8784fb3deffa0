#include "ui/common/background_job.h"

#include <QtConcurrent/QtConcurrentRun>
#include <new>

#include "core/common/cancelled.h"
#include "core/common/input_error.h"
#include "ui/common/percent_progress.h"

namespace amla::ui {

BackgroundJob::BackgroundJob(QString out_of_memory_hint, QObject* parent)
    : QObject(parent), out_of_memory_hint_(std::move(out_of_memory_hint)) {
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &BackgroundJob::deliver);
}

BackgroundJob::~BackgroundJob() {
  cancel();
  watcher_.waitForFinished();
}

bool BackgroundJob::isRunning() const { return watcher_.isRunning(); }

void BackgroundJob::cancel() {
  if (cancel_flag_) cancel_flag_->store(true);
}

bool BackgroundJob::startErased(std::function<std::any(const amla::JobControl&)> work) {
  if (isRunning()) return false;
  cancel_flag_ = std::make_shared<std::atomic<bool>>(false);
  const int generation = ++generation_;
  amla::JobControl control;
  control.cancel = cancel_flag_.get();
  // `this` outlives the task: the destructor waits for it.
  control.progress = whole_percent_forwarder(this, [this, generation](int percent) {
    if (generation == generation_) emit progressChanged(percent);
  });
  emit progressChanged(0);
  watcher_.setFuture(QtConcurrent::run([work = std::move(work), control, cancel_flag = cancel_flag_,
                                        oom = out_of_memory_hint_]() -> Outcome {
    Outcome outcome;
    try {
      outcome.result = work(control);
    } catch (const amla::Cancelled&) {
      outcome.cancelled = true;
    } catch (const amla::InputError& e) {
      outcome.field = QString::fromStdString(e.field());
      outcome.error = QString::fromStdString(e.what());
    } catch (const std::bad_alloc&) {
      outcome.error = QStringLiteral("out of memory: %1").arg(oom);
    } catch (const std::exception& e) {
      outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
  }));
  return true;
}

void BackgroundJob::deliver() {
  Outcome outcome = watcher_.result();
  // A cancel that arrives after the work returned still wins: the user asked for no result.
  if (outcome.cancelled || (cancel_flag_ && cancel_flag_->load())) {
    emit cancelled();
  } else if (!outcome.error.isEmpty()) {
    emit failed(outcome.field, outcome.error);
  } else {
    result_ = std::move(outcome.result);
    emit progressChanged(100);
    emit finished();
  }
}

}  // namespace amla::ui
