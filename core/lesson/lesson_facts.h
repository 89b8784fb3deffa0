#pragma once
// What a lesson step's text can name, filled from the step's own run, so the numbers a lesson
// shows are the model's and cannot drift from it. The references (lesson_text.h):
//
//   metric:KEY          a metric of the catalogue for the step's simulated run (with its unit)
//   path:KEY, path_us:KEY   a critical-path category's share / time ("fixpipe", "cube", ...)
//   param:ID, label:ID  a parameter's value in the step's configuration / its label
//   hw:KEY              a hardware parameter of the step's machine (with its unit)
//   numerics:VARIANT.FIELD  an error metric of the numerics run (amla | baseline; cos_diff,
//                       max_abs_err, max_rel_err, rmse, mere, mare, failing_elements,
//                       nonfinite_mismatches,
//                       flashmla_pass, ascend_pass; amla.guard_hits)
//   state:FIELD         AMLA's per-row state at the view's row and KV block (m, n, dn, c, c_hat,
//                       k, e, N, N.hex, l, clamped)
//   bits:FIELD          the bit view's integer add (value, value.hex, value.bits, addend,
//                       addend.hex, result, result.hex, result.bits, reference, class)
//   decode:FIELD        the Serving page's decode step (tpot_ms, tokens_per_s_per_npu, layer_us,
//                       stream0_us, stream1_us, attention_us, limiting_stream, attention_share,
//                       requests_per_microbatch)
#include <memory>
#include <optional>
#include <string>

#include "core/common/job_control.h"
#include "core/lesson/lesson.h"
#include "core/numerics/numerics_run.h"
#include "core/run/explain.h"
#include "core/run/simulation_run.h"
#include "core/serving/decode_model.h"

namespace amla {

// Which runs a step's references (text) need.
bool step_needs_simulation(const LessonStep& step);
bool step_needs_numerics(const LessonStep& step);
bool step_needs_decode(const LessonStep& step);

// The runs a step is read against. The studio passes its own runs; the CLI and the tests let
// run_step make them. Missing runs make the references that need them fail to resolve.
class StepFacts {
 public:
  StepFacts(const LessonStep& step, const SimulationRun* run, const NumericsRun* numerics,
            const DecodeStep* decode = nullptr);
  // The reference's text, or InputError("{reference}", why) when it names nothing.
  std::string resolve(const std::string& reference) const;

 private:
  const LessonStep& step_;
  const SimulationRun* run_;
  const NumericsRun* numerics_;
  const DecodeStep* decode_;
  mutable std::optional<RunExplanation> explanation_;  // computed on the first path: reference
};

// The runs of one step, made as its references require.
struct StepRuns {
  std::unique_ptr<SimulationRun> simulation;
  std::unique_ptr<NumericsRun> numerics;
  std::unique_ptr<DecodeStep> decode;
};
StepRuns run_step(const LessonStep& step, const JobControl& control = {});
// The numerics run's inputs and configuration for the step's view.
NumericsConfig step_numerics_config(const LessonStep& step);

}  // namespace amla
