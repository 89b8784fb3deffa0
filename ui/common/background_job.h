#pragma once
// One long core run off the GUI thread: the run gets an amla::JobControl; its progress arrives on
// the GUI thread as whole percents, cancel() makes it throw amla::Cancelled at its next check,
// and it ends in exactly one of finished() (the result is then result<T>()), failed() with the
// InputError's field and message (so the GUI can show it at the field), or cancelled(), never
// a partial result. The simulation, the sweep and the numerics all run through it.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <any>
#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

#include "core/common/job_control.h"

namespace amla::ui {

class BackgroundJob : public QObject {
  Q_OBJECT

 public:
  // `out_of_memory_hint` ends the message shown when the run runs out of memory ("use a smaller
  // batch or sequence length").
  explicit BackgroundJob(QString out_of_memory_hint, QObject* parent = nullptr);
  // Cancels a run in flight and waits for it, so no thread outlives what it uses.
  ~BackgroundJob() override;

  // Runs `work(control)` on a pool thread; its return value becomes result<R>(). Returns false
  // (and does nothing) while another run is in progress.
  template <typename Work>
  bool start(Work work) {
    using Result = std::decay_t<std::invoke_result_t<Work&, const amla::JobControl&>>;
    return startErased([work = std::move(work)](const amla::JobControl& control) mutable {
      return std::any(std::make_shared<const Result>(work(control)));
    });
  }
  void cancel();
  bool isRunning() const;
  // The last finished run's result; null before the first, or when asked for the wrong type.
  template <typename Result>
  std::shared_ptr<const Result> result() const {
    const auto* p = std::any_cast<std::shared_ptr<const Result>>(&result_);
    return p ? *p : nullptr;
  }

 signals:
  void progressChanged(int percent);
  void finished();
  void failed(const QString& field, const QString& message);
  void cancelled();

 private:
  struct Outcome {
    std::any result;
    QString field;
    QString error;
    bool cancelled = false;
  };
  bool startErased(std::function<std::any(const amla::JobControl&)> work);
  void deliver();

  QString out_of_memory_hint_;
  QFutureWatcher<Outcome> watcher_;
  // Shared with the running task so the flag outlives it.
  std::shared_ptr<std::atomic<bool>> cancel_flag_;
  // Progress an earlier run posted that arrives late is recognised by its generation.
  int generation_ = 0;
  std::any result_;
};

}  // namespace amla::ui
