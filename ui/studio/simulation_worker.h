#pragma once
// Runs amla::run_simulation off the GUI thread. Progress arrives on the GUI thread as whole
// percents; cancel() makes the simulator throw amla::Cancelled at its next check (every few
// thousand events, well under 100 ms); an InputError comes back as (field, message).
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "core/kernel/config_json.h"
#include "core/run/simulation_run.h"

namespace amla::ui {

using SimulationPtr = std::shared_ptr<const amla::SimulationRun>;

class SimulationWorker : public QObject {
  Q_OBJECT

 public:
  explicit SimulationWorker(QObject* parent = nullptr);
  // Cancels a run in flight and waits for it, so no thread outlives the worker.
  ~SimulationWorker() override;

  // Starts a run; returns false (and does nothing) while another is in progress.
  bool start(const amla::RunConfig& config);
  void cancel();
  bool isRunning() const;

 signals:
  void progressChanged(int percent);
  void finished(amla::ui::SimulationPtr run);
  void failed(const QString& field, const QString& message);
  void cancelled();

 private:
  struct Outcome {
    SimulationPtr run;
    QString field;
    QString error;
    bool cancelled = false;
  };
  void deliver();

  QFutureWatcher<Outcome> watcher_;
  std::shared_ptr<std::atomic<bool>> cancel_flag_;
};

}  // namespace amla::ui
