#pragma once
// Runs amla::run_sweep off the GUI thread. One SweepCache lives as long as the worker, so a
// repeated or overlapping sweep only simulates the cells it has not seen. Progress arrives on the
// GUI thread as (done, total) cells; cancel() makes run_sweep stop at its next cell boundary (and
// the simulator at its next check) and the worker report cancelled(), never a partial result.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/kernel/config_json.h"
#include "core/sweep/sweep.h"

namespace amla::ui {

using SweepResultPtr = std::shared_ptr<const amla::SweepResult>;

struct SweepRequest {
  amla::RunConfig base;
  std::vector<amla::SweepParameter> params;
  std::string metric = "flops_utilization";
  int jobs = 0;  // 0 = hardware threads
};

class SweepWorker : public QObject {
  Q_OBJECT

 public:
  explicit SweepWorker(QObject* parent = nullptr);
  // Cancels a sweep in flight and waits for it, so no thread outlives the cache.
  ~SweepWorker() override;

  // Starts a sweep; returns false (and does nothing) while another is in progress.
  bool start(const SweepRequest& request);
  void cancel();
  bool isRunning() const;
  // Cells finished so far, over all sweeps.
  std::size_t cachedCells() const { return cache_.size(); }

 signals:
  void progressChanged(int done, int total);
  void finished(amla::ui::SweepResultPtr result);
  void failed(const QString& field, const QString& message);
  void cancelled();

 private:
  struct Outcome {
    SweepResultPtr result;
    QString field;
    QString error;
    bool cancelled = false;
  };
  void deliver();

  amla::SweepCache cache_;
  QFutureWatcher<Outcome> watcher_;
  std::shared_ptr<std::atomic<bool>> cancel_flag_;
  // Progress posted by an earlier sweep that arrives late is recognised by its generation.
  int generation_ = 0;
};

}  // namespace amla::ui
