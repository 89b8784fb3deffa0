#pragma once
// One DeepSeek-R1 decode step on one 910C die of CloudMatrix384 (spec cloudmatrix384-decode.md):
// each microbatch passes stream 0 (MLAProlog, the MLA attention kernel, O projection) and then
// stream 1 (gate, dispatch, MoE MLP, combine), on disjoint cores, layer after layer. The
// attention kernel's time is the simulator's, run on stream 0's cores with the chosen variant and
// tiling; the other stages are rooflines of their published shapes (weights from HBM or INT8
// compute, whichever is longer) at one fitted efficiency, plus the measured all-to-all.
//
// Fitted: non_attention_efficiency and step_extra_ms, to the headline point (batch 96 per NPU,
// KV 4096, MTP on: 1,260 us per layer, TPOT 49.4 ms). Everything else is published or derived.
#include <string>
#include <vector>

#include "core/common/job_control.h"
#include "core/kernel/config_json.h"
#include "core/run/run_metrics.h"
#include "core/serving/decode_params.h"

namespace amla {

struct DecodeStep {
  int requests_per_microbatch = 0;  // on one die
  int query_tokens = 1;             // per request and step
  double attention_us = 0;          // the simulated attention kernel, per microbatch and layer
  double attention_other_us = 0;    // MLAProlog + O projection, per microbatch and layer
  double stream0_us = 0;            // attention stream, per microbatch and layer
  double stream1_us = 0;            // MoE stream, per microbatch and layer
  double layer_us = 0;              // per layer: the two streams' pipeline over the microbatches
  std::string limiting_stream;      // "attention" or "moe": the longer stream
  double tokens_per_step = 1;       // kept per request and step (MTP: 1 + acceptance)
  double step_ms = 0;               // every layer plus the step's extra
  double tpot_ms = 0;               // time per output token
  double tokens_per_s_per_npu = 0;
  double attention_share = 0;  // of the step: the attention kernel's time on stream 0
};

// The kernel a microbatch runs: the base tiling and variant, the microbatch's requests and query
// tokens (rows per task capped at one request's rows), and the die with stream 0's cores only.
RunConfig decode_attention_config(const DecodeParams& p, const RunConfig& base);

// The step from the kernel's time (pure arithmetic; the CLI and the tests call it directly to
// ask "what if the kernel took this long").
DecodeStep evaluate_decode(const DecodeParams& p, double attention_us);

// One stage of the two-stream schedule: a microbatch of a layer on one stream.
struct StreamStage {
  int stream = 0;  // 0 attention, 1 MoE
  int layer = 0;
  int microbatch = 0;
  double start_us = 0, end_us = 0;
};
// The two-stream schedule of `microbatches` over `layers`: each microbatch's stream-0 stage
// before its stream-1 stage, the next layer's stream-0 stage after this layer's stream-1 stage,
// each stream working in order.
std::vector<StreamStage> two_stream_schedule(int layers, int microbatches, double stream0_us,
                                             double stream1_us);
// Per layer: the schedule's end divided by the layers.
double pipelined_layer_us(int layers, int microbatches, double stream0_us, double stream1_us);

// Simulates the attention kernel of one microbatch, then evaluates the step. The metrics of the
// kernel's run are returned through `kernel` when given.
DecodeStep run_decode(const DecodeParams& p, const RunConfig& base, SimulationMetrics* kernel,
                      const JobControl& control = {});

// The two fitted parameters from the headline point's layer time and TPOT, all else as in `p`:
// the efficiency by bisection on the layer time (monotone in it), the extra from the TPOT.
struct DecodeFit {
  double non_attention_efficiency = 0;
  double step_extra_ms = 0;
};
DecodeFit fit_decode_headline(DecodeParams p, double attention_us, double layer_us, double tpot_ms);

}  // namespace amla
