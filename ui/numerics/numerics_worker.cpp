#include "ui/numerics/numerics_worker.h"

#include <QtConcurrent/QtConcurrentRun>
#include <new>

#include "core/common/input_error.h"
#include "ui/common/percent_progress.h"

namespace amla::ui {

NumericsWorker::NumericsWorker(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &NumericsWorker::deliver);
}

NumericsWorker::~NumericsWorker() {
  if (cancel_flag_) cancel_flag_->store(true);
  watcher_.waitForFinished();
}

bool NumericsWorker::isRunning() const { return watcher_.isRunning(); }

void NumericsWorker::cancel() {
  if (cancel_flag_) cancel_flag_->store(true);
}

bool NumericsWorker::start(const NumericsRequest& request) {
  if (isRunning()) return false;
  cancel_flag_ = std::make_shared<std::atomic<bool>>(false);
  emit progressChanged(0);

  auto cancel_flag = cancel_flag_;
  auto progress =
      whole_percent_forwarder(this, [this](int percent) { emit progressChanged(percent); });

  watcher_.setFuture(QtConcurrent::run([request, cancel_flag, progress]() -> Outcome {
    Outcome outcome;
    try {
      const amla::AttentionInputs inputs = amla::generate_inputs(request.spec);
      if (cancel_flag->load()) throw amla::Cancelled();
      amla::RunControl control;
      control.progress = progress;
      control.cancel = cancel_flag.get();
      outcome.run = std::make_shared<const amla::NumericsRun>(
          amla::run_numerics(inputs, request.config, control));
    } catch (const amla::Cancelled&) {
      outcome.cancelled = true;
    } catch (const amla::InputError& e) {
      outcome.error = QString::fromStdString(e.what());
    } catch (const std::bad_alloc&) {
      outcome.error = QStringLiteral("out of memory: use fewer rows or a shorter KV length");
    } catch (const std::exception& e) {
      outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
  }));
  return true;
}

void NumericsWorker::deliver() {
  const Outcome outcome = watcher_.result();
  if (outcome.cancelled) {
    emit cancelled();
  } else if (!outcome.error.isEmpty()) {
    emit failed(outcome.error);
  } else {
    emit progressChanged(100);
    emit finished(outcome.run);
  }
}

}  // namespace amla::ui
