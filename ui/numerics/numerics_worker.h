#pragma once
// amla::generate_inputs + amla::run_numerics as a background job: cancel() makes the core throw
// amla::Cancelled at its next (row block, KV block) step; an InputError comes back as (field,
// message). The inputs a run was made from stay with it, so a row can be replayed (step-through).
#include <memory>

#include "core/numerics/attention_inputs.h"
#include "core/numerics/numerics_run.h"
#include "ui/common/background_job.h"

namespace amla::ui {

struct NumericsRequest {
  amla::InputSpec spec;
  amla::NumericsConfig config;
};

using RunPtr = std::shared_ptr<const amla::NumericsRun>;
using InputsPtr = std::shared_ptr<const amla::AttentionInputs>;

class NumericsWorker : public BackgroundJob {
 public:
  explicit NumericsWorker(QObject* parent = nullptr);

  // Starts a run; returns false (and does nothing) while another run is in progress.
  bool start(const NumericsRequest& request);
  // The last run that finished and the inputs it ran on.
  RunPtr run() const;
  InputsPtr inputs() const;

 private:
  struct RunAndInputs {
    amla::AttentionInputs inputs;
    amla::NumericsRun run;
  };
};

}  // namespace amla::ui
