// amla-cli numerics: the FP64 golden, the baseline and AMLA on one input, and their accuracy.
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/common_flags.h"
#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/common/output_set.h"
#include "core/numerics/float_bits.h"
#include "core/numerics/kernel_blocking.h"
#include "core/numerics/npy_file.h"
#include "core/numerics/numerics_run.h"

namespace amla::cli {

namespace {

struct NumericsRequest {
  InputSpec spec;
  NumericsConfig config;
  std::optional<std::string> q_path, kv_path;
  std::optional<std::string> out_amla, out_baseline, out_golden;
  std::uint64_t memory_budget = 0;
  bool json = false;
};

FlagTable numerics_flags() {
  const InputSpec in;
  const KernelBlocking blocking;
  const AmlaSwitches sw;
  std::vector<std::string> dists;
  for (const auto& d : all_distributions()) dists.emplace_back(d.name);
  FlagSpec clamp = integer_flag("clamp", "N",
                                "Clamp the rescale exponent from below at N, so old O is never "
                                "scaled by less than 2^N; none turns the clamp off.",
                                sw.clamp_value, -126, 0);
  clamp.choices = {"none"};
  clamp.range_text += ", or none";
  FlagSpec scale =
      real_flag("scale", "X", "Softmax scale applied to Q K^T.", in.scale, 1e-30, 1e30);
  scale.default_text = "1/sqrt(576)";
  return concat(
      concat(
          in_group(
              "Input",
              {integer_flag("rows", "R", "Query rows (heads x query tokens).", in.rows, 1, 1 << 20),
               integer_flag("kv-len", "S", "KV sequence length S_k.", in.kv_len, 1, 1 << 26),
               choice_flag("dist", "The input distribution.", dists,
                           distribution_name(in.distribution)),
               integer_flag("seed", "S", "Seed of the random inputs.",
                            static_cast<long long>(in.seed), 0, 1LL << 62),
               scale,
               text_flag("q", "Q.npy",
                         "Read Q from a float32 .npy file (rows x 576) instead of drawing "
                         "it; needs --kv, excludes --rows, --kv-len, --dist and --seed."),
               text_flag("kv", "KV.npy",
                         "Read the KV latent from a float32 .npy file (S_k x 576); needs "
                         "--q.")}),
          in_group(
              "Distributions",
              {real_flag("pasa-bias", "B", "pasa: constant score drift along the sequence.",
                         in.pasa_bias, -1e3, 1e3),
               real_flag("pasa-amplitude", "A", "pasa: factor on Q and K.", in.pasa_amplitude, 0,
                         1e3),
               real_flag("pasa-resonance", "R",
                         "pasa: 0 = random phases, 1 = Q and K phases aligned.", in.pasa_resonance,
                         0, 1),
               integer_flag("zero-v-columns", "N", "zero-v: V columns [0, N) are zero.",
                            in.zero_v_columns, 0, 512),
               real_flag("jump", "J",
                         "zero-v, max-jump, nan-padding: the score rise, in score units.", in.jump,
                         -1e4, 1e4),
               integer_flag("jump-token", "T", "The first token of the rise.", in.jump_token, 0,
                            1 << 26),
               real_flag("sink-boost", "B", "sink: extra score of the sink token.", in.sink_boost,
                         -1e4, 1e4),
               integer_flag("sink-token", "T", "sink: the sink token.", in.sink_token, 0, 1 << 26),
               integer_flag("pad-page", "N",
                            "nan-padding: page size; the page before the rise is half "
                            "empty.",
                            in.pad_page, 2, 1 << 16)})),
      concat(
          in_group("Kernel",
                   // The limits are the kernel's own (kernel_blocking.h), as in simulate.
                   {integer_flag("kv-block", "N",
                                 "KV tokens per task (s2Base): every block boundary is one "
                                 "rescale of O; a multiple of 16, the Cube's fractal.",
                                 blocking.kv_block, kKvBlockMultiple, kMaxKvBlock),
                    integer_flag("rows-per-task", "M", "Rows per task (mBase).",
                                 blocking.rows_per_task, 1, kMaxRowsPerTask),
                    bare_flag("no-exp-add",
                              "Rescale O by an exact float multiply instead of AMLA's integer "
                              "add on its exponent."),
                    bare_flag("no-compensation",
                              "Leave out the 1.5 e term that carries the BF16 rounding of the "
                              "scale into the add."),
                    real_flag("mantissa-mean", "C",
                              "The mean of (1 + f) the compensation uses for the unknown "
                              "mantissa.",
                              sw.mantissa_mean, 0, 4),
                    clamp,
                    bare_flag("no-guard",
                              "Keep elements beyond the guard threshold before the final "
                              "divide."),
                    real_flag("guard-threshold", "T",
                              "Elements with |x| above T are zeroed before the final divide.",
                              sw.guard_threshold, 1e-30, 3e38),
                    real_flag("epsilon", "E",
                              "The shipped kernel's +1e-6 added before the * 2^23 (0 = off).",
                              sw.epsilon, -1e-2, 1e-2)}),
          in_group("Run and output",
                   {integer_flag("threads", "N",
                                 "Worker threads over row blocks (0 = every hardware thread).",
                                 NumericsConfig{}.threads, 0, 256),
                    memory_budget_flag(),
                    text_flag("out-amla", "F.npy", "Write AMLA's output (rows x 512) as .npy."),
                    text_flag("out-baseline", "F.npy", "Write the baseline's output as .npy."),
                    text_flag("out-golden", "F.npy", "Write the FP64 golden (as float32) as .npy."),
                    bare_flag("json", "Print the metrics as JSON.")})));
}

NumericsRequest parse_request(ArgList& list) {
  NumericsRequest req;
  InputSpec& s = req.spec;
  req.q_path = list.value("q");
  req.kv_path = list.value("kv");
  if (req.q_path.has_value() != req.kv_path.has_value()) {
    throw InputError(req.q_path ? "--kv" : "--q", "(missing)", "--q and --kv go together");
  }
  if (req.q_path) {
    for (const char* name : {"rows", "kv-len", "dist", "seed"}) {
      if (list.has(name)) {
        throw InputError(std::string("--") + name, "given with --q/--kv",
                         "sizes and distribution come from the .npy files");
      }
    }
  }
  s.rows = static_cast<int>(list.integer("rows"));
  s.kv_len = static_cast<int>(list.integer("kv-len"));
  s.distribution = parse_distribution("--dist", list.text("dist"));
  s.seed = static_cast<std::uint64_t>(list.integer("seed"));
  s.scale = list.real("scale");
  if (s.scale <= 0) throw InputError("--scale", std::to_string(s.scale), "must be > 0");
  s.pasa_bias = list.real("pasa-bias");
  s.pasa_amplitude = list.real("pasa-amplitude");
  s.pasa_resonance = list.real("pasa-resonance");
  s.zero_v_columns = static_cast<int>(list.integer("zero-v-columns"));
  s.jump = list.real("jump");
  s.jump_token = static_cast<int>(list.integer("jump-token"));
  s.sink_boost = list.real("sink-boost");
  s.sink_token = static_cast<int>(list.integer("sink-token"));
  s.pad_page = static_cast<int>(list.integer("pad-page"));

  KernelBlocking& b = req.config.blocking;
  b.kv_block = static_cast<int>(list.integer("kv-block"));
  b.rows_per_task = static_cast<int>(list.integer("rows-per-task"));
  AmlaSwitches& sw = req.config.switches;
  sw.exponent_add = !list.flag("no-exp-add");
  sw.compensation = !list.flag("no-compensation");
  sw.mantissa_mean = list.real("mantissa-mean");
  const std::string clamp = list.text("clamp");
  if (clamp == "none") {
    sw.clamp = false;
  } else {
    sw.clamp_value = static_cast<int>(list.integer_of("clamp", clamp));
  }
  sw.guard = !list.flag("no-guard");
  sw.guard_threshold = list.real("guard-threshold");
  sw.epsilon = list.real("epsilon");
  req.config.threads = static_cast<int>(list.integer("threads"));
  req.out_amla = list.value("out-amla");
  req.out_baseline = list.value("out-baseline");
  req.out_golden = list.value("out-golden");
  req.memory_budget = static_cast<std::uint64_t>(list.integer("memory-budget-mb")) << 20;
  req.json = list.flag("json");
  list.finish();
  return req;
}

nlohmann::json metrics_json(const ErrorMetrics& m) {
  return {{"max_abs_err", m.max_abs_err},
          {"max_rel_err", m.max_rel_err},
          {"rmse", m.rmse},
          {"cos_diff", m.cos_diff},
          {"mere", m.mere},
          {"mare", m.mare},
          {"flashmla_pass", m.flashmla_pass},
          {"ascend_pass", m.ascend_pass},
          {"elements", m.elements},
          {"failing_elements", m.failing_elements},
          {"nonfinite_mismatches", m.nonfinite_mismatches}};
}

std::string sci(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4e", v);
  return buf;
}

void print_table(const NumericsRun& run, const std::string& source, std::ostream& out) {
  out << "MLA decode attention: " << run.rows << " rows x S_k " << run.kv_len << ", KV block "
      << run.blocking.kv_block << " (" << run.kv_blocks << " blocks), rows per task "
      << run.blocking.rows_per_task << ", input " << source << "\n";
  out << "AMLA switches: exponent add " << (run.switches.exponent_add ? "on" : "off")
      << ", compensation " << (run.switches.compensation ? "on" : "off") << " ("
      << run.switches.mantissa_mean << "), clamp "
      << (run.switches.clamp ? std::to_string(run.switches.clamp_value) : "off") << ", guard "
      << (run.switches.guard ? sci(run.switches.guard_threshold) : "off") << ", epsilon "
      << run.switches.epsilon << "\n\n";
  const auto& a = run.amla.metrics;
  const auto& b = run.baseline.metrics;
  const auto line = [&](const char* name, const std::string& x, const std::string& y) {
    out << std::left << std::setw(22) << name << std::setw(14) << x << y << "\n";
  };
  const auto yes = [](bool v) { return std::string(v ? "pass" : "FAIL"); };
  line("metric (vs FP64)", "AMLA", "baseline");
  line("max_abs_err", sci(a.max_abs_err), sci(b.max_abs_err));
  line("max_rel_err", sci(a.max_rel_err), sci(b.max_rel_err));
  line("rmse", sci(a.rmse), sci(b.rmse));
  line("cos_diff", sci(a.cos_diff), sci(b.cos_diff));
  line("mere", sci(a.mere), sci(b.mere));
  line("mare", sci(a.mare), sci(b.mare));
  line("failing elements", std::to_string(a.failing_elements), std::to_string(b.failing_elements));
  line("non-finite mismatch", std::to_string(a.nonfinite_mismatches),
       std::to_string(b.nonfinite_mismatches));
  line("FlashMLA criterion", yes(a.flashmla_pass), yes(b.flashmla_pass));
  line("Ascend BF16 criterion", yes(a.ascend_pass), yes(b.ascend_pass));
  out << "\nAMLA integer adds by outcome:";
  for (std::size_t c = 0; c < run.amla.rescale_classes.size(); ++c) {
    if (run.amla.rescale_classes[c] == 0) continue;
    out << " " << rescale_class_name(static_cast<RescaleClass>(c)) << " "
        << run.amla.rescale_classes[c] << ";";
  }
  out << " guard zeroed " << run.amla.guard_hits << "\n";
  out << "wall time " << std::fixed << std::setprecision(3) << run.seconds << " s\n";
}

int numerics_main(ArgList& list, std::ostream& out) {
  const NumericsRequest req = parse_request(list);
  OutputSet outputs;  // checked before any work, replaced only when all are written
  if (req.out_amla) outputs.declare("--out-amla", *req.out_amla);
  if (req.out_baseline) outputs.declare("--out-baseline", *req.out_baseline);
  if (req.out_golden) outputs.declare("--out-golden", *req.out_golden);
  AttentionInputs inputs;
  std::string source;
  if (req.q_path) {
    inputs = load_npy_inputs(*req.q_path, *req.kv_path, req.spec.scale, req.memory_budget);
    source = *req.q_path + " / " + *req.kv_path;
  } else {
    validate_input_spec(req.spec);
    source = std::string(distribution_name(req.spec.distribution)) + " seed " +
             std::to_string(req.spec.seed);
  }
  const int rows = req.q_path ? inputs.rows() : req.spec.rows;
  const int kv_len = req.q_path ? inputs.kv_len() : req.spec.kv_len;
  check_memory_budget(rows >= kv_len ? "--rows" : "--kv-len",
                      std::to_string(rows) + " rows x " + std::to_string(kv_len) + " tokens",
                      numerics_memory_bytes(rows, kv_len, req.config.blocking), req.memory_budget);
  if (!req.q_path) inputs = generate_inputs(req.spec);

  const NumericsRun run = run_numerics(inputs, req.config);

  if (req.out_amla) write_npy_matrix("--out-amla", *req.out_amla, run.amla.output);
  if (req.out_baseline) write_npy_matrix("--out-baseline", *req.out_baseline, run.baseline.output);
  if (req.out_golden) {
    write_npy_matrix("--out-golden", *req.out_golden, run.golden.cast<float>());
  }
  outputs.commit();
  if (req.json) {
    nlohmann::json j;
    j["amla"] = metrics_json(run.amla.metrics);
    j["baseline"] = metrics_json(run.baseline.metrics);
    j["rows"] = run.rows;
    j["kv_len"] = run.kv_len;
    j["kv_block"] = run.blocking.kv_block;
    j["rows_per_task"] = run.blocking.rows_per_task;
    j["kv_blocks"] = run.kv_blocks;
    j["input"] = source;
    nlohmann::json classes;
    for (std::size_t c = 0; c < run.amla.rescale_classes.size(); ++c) {
      classes[rescale_class_name(static_cast<RescaleClass>(c))] = run.amla.rescale_classes[c];
    }
    j["amla"]["rescale_classes"] = classes;
    j["amla"]["guard_hits"] = run.amla.guard_hits;
    j["seconds"] = run.seconds;
    out << j.dump(2) << "\n";
  } else {
    print_table(run, source, out);
  }
  return 0;
}

}  // namespace

CommandSpec numerics_command() {
  return {
      "numerics",
      "AMLA and the baseline against an FP64 golden on one input",
      "[--rows R] [--kv-len S] [--dist NAME] [--q Q.npy --kv KV.npy] [FLAGS]",
      "Runs MLA decode attention on one input three ways: an FP64 golden from the BF16 "
      "inputs, the baseline kernel (MUL rescale) and AMLA (integer add on the exponent), "
      "with the AMLA switches as given, and prints each kernel's error against the golden "
      "with FlashMLA's and Ascend's pass/fail criteria. The input is drawn from a "
      "distribution (hazard inputs included) or read from .npy files.",
      numerics_flags(),
      {{"amla-cli numerics --rows 128 --kv-len 16384", ""},
       {"amla-cli numerics --dist zero-v --no-guard", "the hazard the guard exists for"},
       {"amla-cli numerics --dist max-jump --jump 120 --clamp none", ""},
       {"amla-cli numerics --dist nan-padding --json", ""},
       {"amla-cli numerics --q q.npy --kv kv.npy --out-amla amla.npy --out-golden golden.npy", ""}},
      numerics_main};
}

}  // namespace amla::cli
