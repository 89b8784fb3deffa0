#pragma once
// amla::run_sweep as a background job. One SweepCache lives as long as the worker, so a repeated
// or overlapping sweep only simulates the cells it has not seen. Progress is the share of cells
// done; cancel() makes run_sweep stop at its next cell boundary (and the simulator at its next
// check) and the job report cancelled(), never a partial result.
#include <memory>
#include <string>
#include <vector>

#include "core/kernel/config_json.h"
#include "core/sweep/sweep.h"
#include "ui/common/background_job.h"

namespace amla::ui {

using SweepResultPtr = std::shared_ptr<const amla::SweepResult>;

struct SweepRequest {
  amla::RunConfig base;
  std::vector<amla::SweepParameter> params;
  std::string metric = "flops_utilization";
  int jobs = 0;  // 0 = hardware threads
};

class SweepWorker : public BackgroundJob {
 public:
  explicit SweepWorker(QObject* parent = nullptr);

  // Starts a sweep; returns false (and does nothing) while another is in progress.
  bool start(const SweepRequest& request);
  // The last sweep that finished.
  SweepResultPtr sweep() const { return result<amla::SweepResult>(); }
  // Cells finished so far, over all sweeps.
  std::size_t cachedCells() const { return cache_->size(); }

 private:
  // Shared with the running sweep, so it never outlives its cache.
  std::shared_ptr<amla::SweepCache> cache_ = std::make_shared<amla::SweepCache>();
};

}  // namespace amla::ui
