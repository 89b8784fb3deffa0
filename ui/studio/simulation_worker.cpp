#include "ui/studio/simulation_worker.h"

#include <QtConcurrent/QtConcurrentRun>
#include <new>

#include "core/common/cancelled.h"
#include "core/common/input_error.h"
#include "ui/common/percent_progress.h"

namespace amla::ui {

SimulationWorker::SimulationWorker(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &SimulationWorker::deliver);
}

SimulationWorker::~SimulationWorker() {
  if (cancel_flag_) cancel_flag_->store(true);
  watcher_.waitForFinished();
}

bool SimulationWorker::isRunning() const { return watcher_.isRunning(); }

void SimulationWorker::cancel() {
  if (cancel_flag_) cancel_flag_->store(true);
}

bool SimulationWorker::start(const amla::RunConfig& config) {
  if (isRunning()) return false;
  cancel_flag_ = std::make_shared<std::atomic<bool>>(false);
  emit progressChanged(0);
  auto cancel_flag = cancel_flag_;
  auto progress =
      whole_percent_forwarder(this, [this](int percent) { emit progressChanged(percent); });
  watcher_.setFuture(QtConcurrent::run([config, cancel_flag, progress]() -> Outcome {
    Outcome outcome;
    try {
      amla::SimulationControl control;
      control.progress = progress;
      control.cancel = cancel_flag.get();
      outcome.run = std::make_shared<const amla::SimulationRun>(
          amla::run_simulation(config.hardware, config.kernel, control));
    } catch (const amla::Cancelled&) {
      outcome.cancelled = true;
    } catch (const amla::InputError& e) {
      outcome.field = QString::fromStdString(e.field());
      outcome.error = QString::fromStdString(e.what());
    } catch (const std::bad_alloc&) {
      outcome.error = QStringLiteral("out of memory: use a smaller batch or sequence length");
    } catch (const std::exception& e) {
      outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
  }));
  return true;
}

void SimulationWorker::deliver() {
  const Outcome outcome = watcher_.result();
  if (outcome.cancelled) {
    emit cancelled();
  } else if (!outcome.error.isEmpty()) {
    emit failed(outcome.field, outcome.error);
  } else {
    emit progressChanged(100);
    emit finished(outcome.run);
  }
}

}  // namespace amla::ui
