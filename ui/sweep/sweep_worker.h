#pragma once
// amla::run_sweep as a background job. One SweepCache lives as long as the worker, so a repeated
// or overlapping sweep only simulates the cells it has not seen. Progress is the share of cells
// done, and every finished cell arrives on the GUI thread as it finishes (cellFinished), so the
// heatmap fills in during the sweep; cancel() makes run_sweep stop at its next cell boundary (and
// the simulator at its next check) and the job report cancelled(), never a partial result.
#include <memory>
#include <string>
#include <vector>

#include "core/kernel/config_json.h"
#include "core/sweep/sweep.h"
#include "ui/common/background_job.h"

namespace amla::ui {

using SweepResultPtr = std::shared_ptr<const amla::SweepResult>;
using SweepCellPtr = std::shared_ptr<const amla::SweepCell>;

struct SweepRequest {
  amla::RunConfig base;
  std::vector<amla::SweepParameter> params;
  std::string metric = "flops_utilization";
  int jobs = 0;  // 0 = hardware threads
};

class SweepWorker : public BackgroundJob {
  Q_OBJECT

 public:
  explicit SweepWorker(QObject* parent = nullptr);

  // Starts a sweep; returns false (and does nothing) while another is in progress.
  bool start(const SweepRequest& request);
  // The last sweep that finished.
  SweepResultPtr sweep() const { return result<amla::SweepResult>(); }
  // Cells finished so far, over all sweeps.
  std::size_t cachedCells() const { return cache_->size(); }

 signals:
  // A cell of the running sweep finished (its index in SweepResult::cells), on the GUI thread.
  void cellFinished(int index, SweepCellPtr cell);

 private:
  // Shared with the running sweep, so it never outlives its cache.
  std::shared_ptr<amla::SweepCache> cache_ = std::make_shared<amla::SweepCache>();
  // Cells a cancelled sweep posted that arrive after the next one started are dropped.
  int generation_ = 0;
};

}  // namespace amla::ui
