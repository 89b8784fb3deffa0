// amla-cli decode: the MLA kernel inside one DeepSeek-R1 decode step on a CloudMatrix384 die
// (core/serving): per-layer time of each stream, the limiting stream, TPOT, tokens/s per NPU and
// the kernel's share of the step; --table holds the model against the paper's Table 5, --fit
// shows how the two fitted parameters come from the headline point.
#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/run_config_flags.h"
#include "core/common/input_error.h"
#include "core/serving/decode_model.h"
#include "core/serving/decode_outputs.h"
#include "core/serving/decode_paper.h"

namespace amla::cli {

namespace {

// The kernel flags the decode model sets itself (the microbatch's requests and query tokens,
// one KV length for all): left out of its table.
const std::vector<std::string> kDecodeOwnedFlags = {"batch", "q-tokens", "kv-lens", "kv-dist",
                                                    "kv-seed"};

FlagTable decode_flags() {
  FlagTable t;
  for (const DecodeParamDef& p : decode_params()) {
    FlagSpec f = text_flag(std::string(p.flag), p.on_off ? "on|off" : "X",
                           std::string(p.help) + " " + std::string(p.source) + ".",
                           format_decode_param(p, DecodeParams{}.*p.member));
    f.range_text = decode_param_range_text(p);
    f.unit = std::string(p.unit);
    t.push_back(f);
  }
  t = in_group("Decode step", t);
  FlagTable output =
      in_group("Output", {bare_flag("json", "Print the step as JSON."),
                          bare_flag("table",
                                    "Print the model at the paper's five Table 5 points and the "
                                    "MTP-off layer time, beside the paper's figures."),
                          bare_flag("fit",
                                    "Fit the two [F] parameters to the headline point (batch 96, "
                                    "KV 4096, MTP on) with this kernel and print them.")});
  return concat(concat(t, output), run_config_flag_table(kDecodeOwnedFlags));
}

nlohmann::json step_json(const DecodeStep& s, const SimulationMetrics& kernel) {
  nlohmann::json j = nlohmann::json::object();
  for (const DecodeOutputDef& def : decode_outputs()) {
    nlohmann::json& at = j[std::string(def.key)];
    if (def.text) {
      at = def.text(s);
    } else if (def.whole) {
      at = std::llround(def.value(s));
    } else {
      at = def.value(s);
    }
  }
  j["kernel"] = {{"flops_utilization", kernel.flops_utilization},
                 {"bound_pipe", kernel.bound_unit_pipe()},
                 {"makespan_us", kernel.makespan_us}};
  return j;
}

void print_step(const DecodeParams& p, const DecodeStep& s, const SimulationMetrics& kernel,
                std::ostream& out) {
  out << std::fixed << std::setprecision(1);
  out << "DeepSeek-R1 decode on one 910C die: " << p.batch_per_npu << " requests per NPU -> "
      << s.requests_per_microbatch << " per microbatch x " << p.microbatches << " microbatches, "
      << s.query_tokens << " query token" << (s.query_tokens > 1 ? "s" : "") << " each\n";
  out << "  attention kernel      " << std::setw(8) << s.attention_us << " us per microbatch ("
      << 100.0 * kernel.flops_utilization << "% of stream 0's Cube peak, busiest "
      << kernel.bound_unit_pipe() << ")\n";
  out << "  stream 0 (attention)  " << std::setw(8) << s.stream0_us
      << " us per microbatch (MLAProlog + O projection " << s.attention_other_us << " us)\n";
  out << "  stream 1 (MoE)        " << std::setw(8) << s.stream1_us << " us per microbatch\n";
  out << "  per layer             " << std::setw(8) << s.layer_us
      << " us; limiting stream: " << s.limiting_stream << "\n";
  out << std::setprecision(2) << "  step                  " << std::setw(8) << s.step_ms << " ms ("
      << p.layers << " layers + " << p.step_extra_ms << " ms), " << s.tokens_per_step
      << " tokens kept per request\n";
  out << "  TPOT                  " << std::setw(8) << s.tpot_ms << " ms\n";
  out << std::setprecision(0) << "  tokens/s per NPU      " << std::setw(8)
      << s.tokens_per_s_per_npu << "\n";
  out << std::setprecision(1) << "  attention's share     " << std::setw(8)
      << 100.0 * s.attention_share << " % of the step\n";
}

int print_table(const DecodeParams& base_params, const RunConfig& base, bool json,
                std::ostream& out) {
  nlohmann::json rows = nlohmann::json::array();
  if (!json) {
    out << "CloudMatrix384 v2 Table 5 (MTP on; KV = prompt length), model vs paper\n"
        << "prompt/output  batch/NPU   TPOT model  paper   error   tokens/s model  paper   "
           "error  limiting\n";
  }
  for (const PaperDecodePoint& point : kCloudMatrixTable5) {
    DecodeParams p = base_params;
    p.batch_per_npu = point.batch_per_npu;
    p.mtp = 1;
    RunConfig c = base;
    c.kernel.problem.kv_len = point.prompt;
    const DecodeStep s = run_decode(p, c, nullptr);
    const double tpot_error = s.tpot_ms / point.tpot_ms - 1;
    const double tps_error = s.tokens_per_s_per_npu / point.tokens_per_s_per_npu - 1;
    rows.push_back({{"prompt", point.prompt},
                    {"output", point.output},
                    {"batch_per_npu", point.batch_per_npu},
                    {"tpot_ms", s.tpot_ms},
                    {"paper_tpot_ms", point.tpot_ms},
                    {"tokens_per_s_per_npu", s.tokens_per_s_per_npu},
                    {"paper_tokens_per_s_per_npu", point.tokens_per_s_per_npu},
                    {"limiting_stream", s.limiting_stream}});
    if (!json) {
      out << std::fixed << std::setw(6) << point.prompt << "/" << std::left << std::setw(7)
          << point.output << std::right << std::setw(6) << point.batch_per_npu
          << std::setprecision(1) << std::setw(13) << s.tpot_ms << std::setw(7) << point.tpot_ms
          << std::setw(7) << 100.0 * tpot_error << "%" << std::setprecision(0) << std::setw(16)
          << s.tokens_per_s_per_npu << std::setw(7) << point.tokens_per_s_per_npu
          << std::setprecision(1) << std::setw(7) << 100.0 * tps_error << "%  " << s.limiting_stream
          << "\n";
    }
  }
  DecodeParams off = base_params;
  off.batch_per_npu = kCloudMatrixHeadline.batch_per_npu;
  off.mtp = 0;
  RunConfig c = base;
  c.kernel.problem.kv_len = kHeadlineKvLen;
  const DecodeStep s = run_decode(off, c, nullptr);
  if (json) {
    out << nlohmann::json{{"table5", rows},
                          {"mtp_off_layer_us", s.layer_us},
                          {"paper_mtp_off_layer_us", kMtpOffLayerUs}}
               .dump(2)
        << "\n";
  } else {
    out << std::setprecision(0) << "MTP off, batch 96: " << s.layer_us << " us per layer (paper "
        << kMtpOffLayerUs << ", error " << std::setprecision(1)
        << 100.0 * (s.layer_us / kMtpOffLayerUs - 1) << "%)\n"
        << "Fitted to the batch-96 row only: non_attention_efficiency, step_extra_ms.\n";
  }
  return 0;
}

int print_fit(const DecodeParams& p, const RunConfig& base, std::ostream& out) {
  DecodeParams headline = p;
  headline.batch_per_npu = kCloudMatrixHeadline.batch_per_npu;
  headline.mtp = 1;
  RunConfig c = base;
  c.kernel.problem.kv_len = kHeadlineKvLen;
  SimulationMetrics kernel;
  const double attention_us = run_decode(headline, c, &kernel).attention_us;
  const DecodeFit fit =
      fit_decode_headline(headline, attention_us, kHeadlineLayerUs, kCloudMatrixHeadline.tpot_ms);
  out << std::setprecision(4) << "headline: batch 96, KV 4096, MTP on; attention kernel "
      << attention_us << " us per microbatch\n"
      << "  non_attention_efficiency " << fit.non_attention_efficiency << " (layer "
      << kHeadlineLayerUs << " us)\n"
      << "  step_extra_ms            " << fit.step_extra_ms << " (TPOT "
      << kCloudMatrixHeadline.tpot_ms << " ms)\n";
  return 0;
}

int decode_main(ArgList& list, std::ostream& out) {
  DecodeParams p;
  for (const DecodeParamDef& def : decode_params()) {
    if (const auto v = list.value(std::string(def.flag))) {
      p.*def.member = parse_decode_param(def, "--" + std::string(def.flag), *v);
    }
  }
  const bool json = list.flag("json");
  const bool table = list.flag("table");
  const bool fit = list.flag("fit");
  const bool kv_given = list.has("kv-len");
  RunConfig base = parse_run_config_flags(list, kDecodeOwnedFlags);
  list.finish();
  if (!kv_given) base.kernel.problem.kv_len = kHeadlineKvLen;
  if (table && fit) throw InputError("--table", "with --fit", "one of --table or --fit");
  if (table) return print_table(p, base, json, out);
  if (fit) return print_fit(p, base, out);
  SimulationMetrics kernel;
  const DecodeStep s = run_decode(p, base, &kernel);
  if (json) {
    out << step_json(s, kernel).dump(2) << "\n";
  } else {
    print_step(p, s, kernel, out);
  }
  return 0;
}

}  // namespace

CommandSpec decode_command() {
  return {"decode",
          "the kernel inside a DeepSeek-R1 decode step on CloudMatrix384: TPOT, tokens/s",
          "[--batch-per-npu N] [--kv-len S] [--mtp on|off] [--acceptance P] "
          "[--attention-aic N] [kernel and tiling flags] [--json | --table | --fit]",
          "Models one DeepSeek-R1 decode step on one 910C die as CloudMatrix384 serves it: two "
          "microbatches pass stream 0 (MLAProlog, the MLA attention kernel, O projection; 16 AIC "
          "by default) and stream 1 (gate, dispatch, MoE MLP, combine; 8 AIC) in turn, layer "
          "after layer. The attention kernel's time is simulated on stream 0's cores with the "
          "variant and tiling given; the other stages are rooflines of DeepSeek-R1's published "
          "shapes at one fitted efficiency, plus the measured all-to-all. Prints the per-layer "
          "time of each stream, which one limits the step, TPOT, tokens/s per NPU and the "
          "kernel's share. --kv-len defaults to the headline's 4096 here. Every parameter's "
          "source is in its help.",
          decode_flags(),
          {{"amla-cli decode", "the headline point: batch 96 per NPU, KV 4096, MTP on"},
           {"amla-cli decode --table", "the paper's five operating points, model vs paper"},
           {"amla-cli decode --variant baseline --json", "the multiply kernel in the same step"},
           {"amla-cli decode --attention-aic 20 --moe-aic 4", "move cores between the streams"}},
          decode_main};
}

}  // namespace amla::cli
