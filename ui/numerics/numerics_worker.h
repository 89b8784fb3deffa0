#pragma once
// Runs amla::generate_inputs + amla::run_numerics off the GUI thread. Progress arrives on the
// GUI thread as whole percents; cancel() makes the core throw amla::Cancelled at its next check;
// an InputError (or any other failure) comes back as a message.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "core/numerics/attention_inputs.h"
#include "core/numerics/numerics_run.h"

namespace amla::ui {

struct NumericsRequest {
  amla::InputSpec spec;
  amla::NumericsConfig config;
};

using RunPtr = std::shared_ptr<const amla::NumericsRun>;

class NumericsWorker : public QObject {
  Q_OBJECT

 public:
  explicit NumericsWorker(QObject* parent = nullptr);
  // Cancels a run in flight and waits for it, so no thread outlives the worker.
  ~NumericsWorker() override;

  // Starts a run; returns false (and does nothing) while another run is in progress.
  bool start(const NumericsRequest& request);
  void cancel();
  bool isRunning() const;

 signals:
  void progressChanged(int percent);
  void finished(amla::ui::RunPtr run);
  void failed(const QString& message);
  void cancelled();

 private:
  struct Outcome {
    RunPtr run;
    QString error;
    bool cancelled = false;
  };
  void deliver();

  QFutureWatcher<Outcome> watcher_;
  // Shared with the task so they stay valid for as long as it runs.
  std::shared_ptr<std::atomic<bool>> cancel_flag_;
};

}  // namespace amla::ui
