// amla-cli numerics: the FP64 golden and the chosen kernel variants (AMLA, the baseline, plain
// FP16, PASA) on one input, or over PASA's (mean, Am) grid, and their accuracy.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/common_flags.h"
#include "app/cli/step_through_output.h"
#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/common/output_set.h"
#include "core/numerics/accuracy_standards.h"
#include "core/numerics/float_bits.h"
#include "core/numerics/heatmaps.h"
#include "core/numerics/kernel_blocking.h"
#include "core/numerics/npy_file.h"
#include "core/numerics/numerics_metrics.h"
#include "core/numerics/numerics_run.h"
#include "core/numerics/numerics_variants.h"
#include "core/numerics/pasa_grid.h"
#include "core/numerics/step_through.h"

namespace amla::cli {

namespace {

struct NumericsRequest {
  InputSpec spec;
  NumericsConfig config;
  std::optional<std::string> q_path, kv_path;
  // --out-<variant> per variant (index = NumericsVariant), and the golden.
  std::vector<std::optional<std::string>> out_variant;
  std::optional<std::string> out_golden;
  std::uint64_t memory_budget = 0;
  bool grid = false;
  bool json = false;
  std::optional<int> step_row, step_column;  // --step-row, --step-column
};

std::string out_flag(const VariantInfo& info) { return std::string("out-") + info.name; }

std::vector<std::string> option_names(const std::vector<PasaOption>& options) {
  std::vector<std::string> names;
  for (const auto& o : options) names.emplace_back(o.name);
  return names;
}

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
  const PasaSwitches pasa;
  std::string variant_names;
  for (const auto& v : all_variants())
    variant_names += (variant_names.empty() ? "" : ", ") + std::string(v.name);
  FlagSpec variants =
      text_flag("variants", "LIST",
                "Kernel variants to run and report, comma-separated (" + variant_names +
                    "); the baseline also runs as the Ratio standard's reference.",
                variant_list_text(default_variants()));
  FlagTable outputs;
  for (const auto& v : all_variants()) {
    outputs.push_back(text_flag(out_flag(v), "F.npy",
                                std::string("Write ") + v.label +
                                    "'s output (rows x 512) as .npy; needs it in --variants."));
  }
  FlagTable table = in_group(
      "Input",
      {integer_flag("rows", "R", "Query rows (heads x query tokens).", in.rows, 1, 1 << 20),
       integer_flag("kv-len", "S", "KV sequence length S_k.", in.kv_len, 1, 1 << 26),
       choice_flag("dist", "The input distribution.", dists, distribution_name(in.distribution)),
       integer_flag("seed", "S", "Seed of the random inputs.", static_cast<long long>(in.seed), 0,
                    1LL << 62),
       scale,
       text_flag("q", "Q.npy",
                 "Read Q from a float32 .npy file (rows x 576) instead of drawing "
                 "it; needs --kv, excludes --rows, --kv-len, --dist and --seed."),
       text_flag("kv", "KV.npy",
                 "Read the KV latent from a float32 .npy file (S_k x 576); needs "
                 "--q.")});
  table = concat(
      table,
      in_group(
          "Distributions",
          {real_flag("pasa-bias", "B", "pasa: constant score drift along the sequence.",
                     in.pasa_bias, -1e3, 1e3),
           real_flag("pasa-amplitude", "A", "pasa: factor on Q and K.", in.pasa_amplitude, 0, 1e3),
           real_flag("pasa-resonance", "R", "pasa: 0 = random phases, 1 = Q and K phases aligned.",
                     in.pasa_resonance, 0, 1),
           real_flag("mean", "M",
                     "pasa-uniform, pasa-hybrid, resonance: the mean of every element (the "
                     "bias along the sequence).",
                     in.mean, -1e4, 1e4),
           real_flag("amplitude", "A",
                     "pasa-uniform: half-width Am of mean + Am (2U - 1); pasa-hybrid: sigma "
                     "of the 0.1% outliers (the reference uses 10); resonance: amplitude of "
                     "the shared sinusoid.",
                     in.amplitude, 0, 1e4),
           choice_flag("phase", "resonance: K's sinusoid coincides with Q's or is opposite.",
                       {"coincide", "opposite"}, phase_name(in.phase)),
           integer_flag("zero-v-columns", "N", "zero-v: V columns [0, N) are zero.",
                        in.zero_v_columns, 0, 512),
           real_flag("jump", "J", "zero-v, max-jump, nan-padding: the score rise, in score units.",
                     in.jump, -1e4, 1e4),
           integer_flag("jump-token", "T", "The first token of the rise.", in.jump_token, 0,
                        1 << 26),
           real_flag("sink-boost", "B", "sink: extra score of the sink token.", in.sink_boost, -1e4,
                     1e4),
           integer_flag("sink-token", "T", "sink: the sink token.", in.sink_token, 0, 1 << 26),
           integer_flag("pad-page", "N",
                        "nan-padding: page size; the page before the rise is half "
                        "empty.",
                        in.pad_page, 2, 1 << 16)}));
  table = concat(
      table, in_group("Kernel",
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
                                 sw.epsilon, -1e-2, 1e-2)}));
  table = concat(
      table, in_group("Variants and PASA",
                      {variants,
                       real_flag("pasa-beta", "B",
                                 "PASA's shift fraction beta (< 1): the fixed points are 0.9375 "
                                 "(FP16 inputs), 0.968994 (BF16 inputs) and 0.984497.",
                                 pasa.beta, 0, kPasaBetaMax),
                       choice_flag(
                           "pasa-precision",
                           "PASA's Vector arithmetic: fp16 (the paper's kernel), hybrid "
                           "(FP32 Vector, the reference's \"hybrid\"), fp64 (nothing "
                           "rounded: the recovery's algebra alone).",
                           option_names(pasa_precision_options()),
                           pasa_precision_options()[static_cast<std::size_t>(pasa.precision)].name),
                       choice_flag("pasa-mean",
                                   "How PASA reduces the row mean of the shifted scores: fp16-sum "
                                   "(plain FP16 sum, then / n), fp16-scaled (FP16 sum of S' / n), "
                                   "fp32 (FP32 accumulation).",
                                   option_names(pasa_mean_options()),
                                   pasa_mean_options()[static_cast<std::size_t>(pasa.mean)].name),
                       bare_flag("grid",
                                 "Run PASA's grid instead of one input: mean in {0, 10, 20, 30} "
                                 "x Am in {0.5, 5, 10, 20} (--dist pasa-uniform, pasa-hybrid or "
                                 "resonance), printing each variant's relative RMSE and overflow "
                                 "count.")}));
  FlagTable run_and_output = {
      integer_flag("threads", "N", "Worker threads over row blocks (0 = every hardware thread).",
                   NumericsConfig{}.threads, 0, 256),
      memory_budget_flag()};
  run_and_output = concat(run_and_output, outputs);
  run_and_output.push_back(
      text_flag("out-golden", "F.npy", "Write the FP64 golden (as float32) as .npy."));
  run_and_output.push_back(bare_flag("json", "Print the metrics as JSON."));
  table = concat(table, in_group("Run and output", run_and_output));
  // -1 = off for both, so giving the default changes nothing (as every flag's default).
  FlagSpec step_row = integer_flag(
      "step-row", "R",
      "Also step through attention row R, KV block by KV block: its AMLA state, the integer add "
      "on one element of O as bits (before -> after), that element's error against the FP64 "
      "golden of the same prefix of tokens, and when the clamp and the guard act.",
      -1, -1, (1 << 20) - 1);
  step_row.default_text = "-1, no step-through";
  FlagSpec step_column = integer_flag("step-column", "C",
                                      "The output column the step-through follows; needs "
                                      "--step-row.",
                                      -1, -1, kValueDim - 1);
  step_column.default_text = "-1, the row's worst AMLA column";
  return concat(table, in_group("Step-through", {step_row, step_column}));
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
  s.mean = list.real("mean");
  s.amplitude = list.real("amplitude");
  s.phase = parse_phase("--phase", list.text("phase"));

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
  req.config.variants = parse_variant_list("--variants", list.text("variants"));
  PasaSwitches& pasa = req.config.pasa;
  pasa.beta = list.real("pasa-beta");
  pasa.precision = parse_pasa_precision("--pasa-precision", list.text("pasa-precision"));
  pasa.mean = parse_pasa_mean("--pasa-mean", list.text("pasa-mean"));
  for (const auto& v : all_variants()) {
    req.out_variant.push_back(list.value(out_flag(v)));
    const bool chosen = std::find(req.config.variants.begin(), req.config.variants.end(), v.id) !=
                        req.config.variants.end();
    if (req.out_variant.back() && !chosen) {
      throw InputError("--" + out_flag(v), *req.out_variant.back(),
                       std::string("needs ") + v.name + " in --variants");
    }
  }
  req.out_golden = list.value("out-golden");
  req.grid = list.flag("grid");
  if (req.grid && req.q_path) {
    throw InputError("--grid", "given with --q/--kv", "the grid draws its own inputs");
  }
  req.memory_budget = static_cast<std::uint64_t>(list.integer("memory-budget-mb")) << 20;
  req.json = list.flag("json");
  const long long step_row = list.integer("step-row");
  const long long step_column = list.integer("step-column");
  if (step_row >= 0) req.step_row = static_cast<int>(step_row);
  if (step_column >= 0) {
    req.step_column = static_cast<int>(step_column);
    if (!req.step_row) {
      throw InputError("--step-column", std::to_string(step_column), "needs --step-row");
    }
  }
  if (req.grid && req.step_row) {
    throw InputError("--step-row", std::to_string(*req.step_row),
                     "steps through one input's row, not the grid");
  }
  list.finish();
  return req;
}

std::string sci(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4e", v);
  return buf;
}

// A metric as the table prints it: counts whole, the rest in scientific notation.
std::string metric_text(const NumericsMetricDef& def, const VariantResult& r) {
  const double v = def.value(r);
  if (def.is_statistic() && r.metrics.compared == 0 && std::isfinite(v)) return "n/a";
  return def.is_count ? std::to_string(static_cast<std::uint64_t>(v)) : sci(v);
}

std::vector<CriterionResult> criteria_of(const NumericsRun& run, NumericsVariant v) {
  return evaluate_criteria(run.result(v).metrics, run.baseline.metrics, variant_info(v).output);
}

// One variant's object: the catalogue's metrics, the pass flags, the overflow per stage and
// every criterion with its name and level. Non-finite values (relative RMSE of an overflowed
// output) are written as null.
nlohmann::json variant_json(const NumericsRun& run, NumericsVariant v) {
  const VariantResult& r = run.result(v);
  nlohmann::json j;
  for (const auto& def : numerics_metric_catalogue()) {
    const double value = def.value(r);
    if (def.is_count) {
      j[def.key] = static_cast<std::uint64_t>(value);
    } else if (std::isfinite(value) && r.metrics.compared > 0) {
      j[def.key] = value;
    } else {
      j[def.key] = nullptr;
    }
  }
  j["flashmla_pass"] = r.metrics.flashmla_pass;
  j["ascend_pass"] = r.metrics.ascend_pass;
  j["ascend_threshold"] = r.metrics.threshold;
  j["elements"] = r.metrics.elements;
  nlohmann::json stages = nlohmann::json::array();
  for (const auto& st : r.overflow.stages) {
    stages.push_back({{"stage", st.stage}, {"inf", st.inf}, {"nan", st.nan}});
  }
  j["overflow_stages"] = stages;
  nlohmann::json criteria = nlohmann::json::array();
  for (const auto& c : criteria_of(run, v)) {
    criteria.push_back(
        {{"name", c.name}, {"level", c.level}, {"pass", c.pass}, {"detail", c.detail}});
  }
  j["criteria"] = criteria;
  const RatioStandard ratio = ratio_standard(r.metrics, run.baseline.metrics);
  j["ratio_standard"] = {
      {"mare_ratio", std::isfinite(ratio.mare_ratio) ? nlohmann::json(ratio.mare_ratio) : nullptr},
      {"mere_ratio", std::isfinite(ratio.mere_ratio) ? nlohmann::json(ratio.mere_ratio) : nullptr},
      {"rmse_ratio", std::isfinite(ratio.rmse_ratio) ? nlohmann::json(ratio.rmse_ratio) : nullptr},
      {"level", ratio.best_level >= 0 ? ratio_levels()[ratio.best_level].level : "none"}};
  return j;
}

std::string pasa_text(const PasaSwitches& p) {
  std::ostringstream t;
  t << "PASA: beta " << p.beta << " (c = " << p.beta / (1 - p.beta) << "), precision "
    << pasa_precision_options()[static_cast<std::size_t>(p.precision)].name << ", row mean "
    << pasa_mean_options()[static_cast<std::size_t>(p.mean)].name;
  return t.str();
}

void print_table(const NumericsRun& run, const std::string& source, std::ostream& out) {
  out << "MLA decode attention: " << run.rows << " rows x S_k " << run.kv_len << ", KV block "
      << run.blocking.kv_block << " (" << run.kv_blocks << " blocks), rows per task "
      << run.blocking.rows_per_task << ", input " << source << "\n";
  if (run.has(NumericsVariant::kAmla)) {
    out << "AMLA switches: exponent add " << (run.switches.exponent_add ? "on" : "off")
        << ", compensation " << (run.switches.compensation ? "on" : "off") << " ("
        << run.switches.mantissa_mean << "), clamp "
        << (run.switches.clamp ? std::to_string(run.switches.clamp_value) : "off") << ", guard "
        << (run.switches.guard ? sci(run.switches.guard_threshold) : "off") << ", epsilon "
        << run.switches.epsilon << "\n";
  }
  if (run.has(NumericsVariant::kPasa)) out << pasa_text(run.pasa_switches) << "\n";
  out << "\n";
  constexpr int kNameWidth = 34;
  constexpr int kColumnWidth = 16;
  const auto row = [&](const std::string& name, const std::vector<std::string>& cells) {
    out << std::left << std::setw(kNameWidth) << name;
    for (const auto& c : cells) out << std::setw(kColumnWidth) << c;
    out << "\n";
  };
  std::vector<std::string> head;
  for (NumericsVariant v : run.variants) head.emplace_back(variant_info(v).label);
  row("metric (vs FP64 golden)", head);
  for (const auto& def : numerics_metric_catalogue()) {
    std::vector<std::string> cells;
    for (NumericsVariant v : run.variants) cells.push_back(metric_text(def, run.result(v)));
    row(def.label, cells);
  }
  // Criteria: one line per (name, level), the same list for every variant.
  std::vector<std::vector<CriterionResult>> per_variant;
  for (NumericsVariant v : run.variants) per_variant.push_back(criteria_of(run, v));
  const std::size_t criteria_count = per_variant.front().size();
  for (std::size_t c = 0; c < criteria_count; ++c) {
    std::vector<std::string> cells;
    bool same_level = true;
    for (const auto& list : per_variant) {
      cells.emplace_back(list[c].pass ? "pass" : "FAIL");
      same_level = same_level && list[c].level == per_variant.front()[c].level;
    }
    // The Threshold standard's level depends on the output format: name it in each cell then.
    if (!same_level) {
      for (std::size_t i = 0; i < cells.size(); ++i) {
        cells[i] += " (" + per_variant[i][c].level.substr(0, 4) + ")";
      }
    }
    const std::string level = same_level ? " " + per_variant.front()[c].level : " (per format)";
    row(per_variant.front()[c].name + level, cells);
  }
  out << "\nAscend Ratio standard: each variant's MARE, MERE and RMSE over the baseline (MUL)'s;"
      << " levels L0 <= 10, 2, 2; L1 <= 5, 1.5, 1.5; L2 <= 2, 1.2, 1.2.\n";
  for (NumericsVariant v : run.variants) {
    const RatioStandard r = ratio_standard(run.result(v).metrics, run.baseline.metrics);
    out << "  " << std::left << std::setw(16) << variant_info(v).label << "ratios "
        << sci(r.mare_ratio) << ", " << sci(r.mere_ratio) << ", " << sci(r.rmse_ratio) << " -> "
        << (r.best_level >= 0 ? ratio_levels()[r.best_level].level : "no level") << "\n";
  }
  for (NumericsVariant v : run.variants) {
    const OverflowCounts& o = run.result(v).overflow;
    if (o.stages.empty()) continue;
    out << "\n" << variant_info(v).label << " overflow (new inf / NaN per stage):";
    bool any = false;
    for (const auto& st : o.stages) {
      if (st.total() == 0) continue;
      out << " " << st.stage << " " << st.inf << " inf, " << st.nan << " NaN;";
      any = true;
    }
    out << (any ? "" : " none") << "\n";
  }
  if (run.has(NumericsVariant::kAmla)) {
    out << "\nAMLA integer adds by outcome:";
    for (std::size_t c = 0; c < run.amla.rescale_classes.size(); ++c) {
      if (run.amla.rescale_classes[c] == 0) continue;
      out << " " << rescale_class_name(static_cast<RescaleClass>(c)) << " "
          << run.amla.rescale_classes[c] << ";";
    }
    out << " guard zeroed " << run.amla.guard_hits << "\n";
  }
  out << "wall time " << std::fixed << std::setprecision(3) << run.seconds << " s\n";
}

int run_grid(const NumericsRequest& req, std::ostream& out) {
  validate_input_spec(req.spec);
  const int extra = static_cast<int>(
      std::count_if(req.config.variants.begin(), req.config.variants.end(), [](NumericsVariant v) {
        return v == NumericsVariant::kFp16 || v == NumericsVariant::kPasa;
      }));
  check_memory_budget(
      req.spec.rows >= req.spec.kv_len ? "--rows" : "--kv-len",
      std::to_string(req.spec.rows) + " rows x " + std::to_string(req.spec.kv_len) + " tokens",
      numerics_memory_bytes(req.spec.rows, req.spec.kv_len, req.config.blocking, extra),
      req.memory_budget);
  const auto points = run_pasa_grid(req.spec, req.config);
  if (req.json) {
    nlohmann::json j;
    j["dist"] = distribution_name(req.spec.distribution);
    j["rows"] = req.spec.rows;
    j["kv_len"] = req.spec.kv_len;
    j["kv_block"] = req.config.blocking.kv_block;
    j["pasa"] = {
        {"beta", req.config.pasa.beta},
        {"precision",
         pasa_precision_options()[static_cast<std::size_t>(req.config.pasa.precision)].name},
        {"mean", pasa_mean_options()[static_cast<std::size_t>(req.config.pasa.mean)].name}};
    nlohmann::json grid = nlohmann::json::array();
    for (const auto& p : points) {
      nlohmann::json point{{"mean", p.mean}, {"amplitude", p.amplitude}};
      for (const auto& c : p.cells) {
        point[variant_info(c.variant).name] = {
            {"relative_rmse",
             std::isfinite(c.relative_rmse) ? nlohmann::json(c.relative_rmse) : nullptr},
            {"overflow_count", c.overflow_count},
            {"nonfinite_outputs", c.nonfinite_outputs}};
      }
      grid.push_back(point);
    }
    j["grid"] = grid;
    out << j.dump(2) << "\n";
    return 0;
  }
  out << "PASA grid, " << distribution_name(req.spec.distribution) << ", " << req.spec.rows
      << " rows x S_k " << req.spec.kv_len << ", KV block " << req.config.blocking.kv_block
      << ", seed " << req.spec.seed << "\n"
      << pasa_text(req.config.pasa) << "\n"
      << "Each cell: relative RMSE vs the FP64 golden / overflow count (new inf+NaN over all "
         "stages); relative RMSE is inf when an output is inf/NaN.\n\n";
  out << std::left << std::setw(8) << "mean" << std::setw(8) << "Am";
  for (NumericsVariant v : req.config.variants) out << std::setw(24) << variant_info(v).label;
  out << "\n";
  for (const auto& p : points) {
    std::ostringstream mean, am;
    mean << p.mean;
    am << p.amplitude;
    out << std::setw(8) << mean.str() << std::setw(8) << am.str();
    for (const auto& c : p.cells) {
      out << std::setw(24) << (sci(c.relative_rmse) + " / " + std::to_string(c.overflow_count));
    }
    out << "\n";
  }
  return 0;
}

int numerics_main(ArgList& list, std::ostream& out) {
  const NumericsRequest req = parse_request(list);
  if (req.grid) return run_grid(req, out);
  OutputSet outputs;  // checked before any work, replaced only when all are written
  for (const auto& v : all_variants()) {
    const auto& path = req.out_variant[static_cast<std::size_t>(v.id)];
    if (path) outputs.declare("--" + out_flag(v), *path);
  }
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
  const int extra = static_cast<int>(
      std::count_if(req.config.variants.begin(), req.config.variants.end(), [](NumericsVariant v) {
        return v == NumericsVariant::kFp16 || v == NumericsVariant::kPasa;
      }));
  check_memory_budget(rows >= kv_len ? "--rows" : "--kv-len",
                      std::to_string(rows) + " rows x " + std::to_string(kv_len) + " tokens",
                      numerics_memory_bytes(rows, kv_len, req.config.blocking, extra),
                      req.memory_budget);
  if (req.step_row) {
    if (*req.step_row >= rows) {
      throw InputError("--step-row", std::to_string(*req.step_row),
                       "a row in [0, " + std::to_string(rows - 1) + "]");
    }
    try {
      validate_step_through(kv_len, req.config.blocking.kv_block);
    } catch (const InputError& e) {
      throw InputError("--kv-block", e.value(), e.limit());
    }
  }
  if (!req.q_path) inputs = generate_inputs(req.spec);

  const NumericsRun run = run_numerics(inputs, req.config);
  std::optional<RowStepThrough> steps;
  int step_column = 0;
  if (req.step_row) {
    steps = step_through_row(inputs, req.config, *req.step_row);
    step_column = req.step_column ? *req.step_column
                                  : worst_output_column(run.amla, run.golden, *req.step_row);
  }

  for (const auto& v : all_variants()) {
    const auto& path = req.out_variant[static_cast<std::size_t>(v.id)];
    if (path) write_npy_matrix("--" + out_flag(v), *path, run.result(v.id).output);
  }
  if (req.out_golden) {
    write_npy_matrix("--out-golden", *req.out_golden, run.golden.cast<float>());
  }
  outputs.commit();
  if (req.json) {
    nlohmann::json j;
    for (NumericsVariant v : run.variants) j[variant_info(v).name] = variant_json(run, v);
    j["variants"] = variant_list_text(run.variants);
    j["rows"] = run.rows;
    j["kv_len"] = run.kv_len;
    j["kv_block"] = run.blocking.kv_block;
    j["rows_per_task"] = run.blocking.rows_per_task;
    j["kv_blocks"] = run.kv_blocks;
    j["input"] = source;
    if (run.has(NumericsVariant::kAmla)) {
      nlohmann::json classes;
      for (std::size_t c = 0; c < run.amla.rescale_classes.size(); ++c) {
        classes[rescale_class_name(static_cast<RescaleClass>(c))] = run.amla.rescale_classes[c];
      }
      j["amla"]["rescale_classes"] = classes;
      j["amla"]["guard_hits"] = run.amla.guard_hits;
    }
    if (run.has(NumericsVariant::kPasa)) {
      j["pasa"]["beta"] = run.pasa_switches.beta;
      j["pasa"]["precision"] =
          pasa_precision_options()[static_cast<std::size_t>(run.pasa_switches.precision)].name;
      j["pasa"]["mean_reduction"] =
          pasa_mean_options()[static_cast<std::size_t>(run.pasa_switches.mean)].name;
    }
    if (steps) j["step_through"] = step_through_json(*steps, step_column);
    j["seconds"] = run.seconds;
    out << j.dump(2) << "\n";
  } else {
    print_table(run, source, out);
    if (steps) print_step_through(*steps, step_column, out);
  }
  return 0;
}

}  // namespace

CommandSpec numerics_command() {
  return {
      "numerics",
      "AMLA, the baseline, FP16 and PASA against an FP64 golden",
      "[--rows R] [--kv-len S] [--dist NAME] [--q Q.npy --kv KV.npy] [FLAGS]",
      "Runs MLA decode attention on one input: an FP64 golden from the BF16 inputs and the "
      "kernel variants chosen with --variants: the baseline kernel (MUL rescale), AMLA "
      "(integer add on the exponent, with the AMLA switches as given), a plain FP16 kernel and "
      "PASA (FP16 with an online pseudo-average shift of K, with the PASA switches as given). "
      "Prints each variant's error against the golden, its overflows per stage, and the "
      "criteria by name and level: FlashMLA's test, Ascend's Threshold standard and Ascend's "
      "Ratio standard (L0, L1, L2) against the baseline. The input is drawn from a "
      "distribution (hazard and PASA inputs included) or read from .npy files; --grid runs "
      "PASA's (mean, Am) grid instead.",
      numerics_flags(),
      {{"amla-cli numerics --rows 128 --kv-len 16384", ""},
       {"amla-cli numerics --dist zero-v --no-guard", "the hazard the guard exists for"},
       {"amla-cli numerics --dist max-jump --jump 120 --clamp none", ""},
       {"amla-cli numerics --dist nan-padding --json", ""},
       {"amla-cli numerics --dist max-jump --step-row 0 --step-column 7",
        "row 0 block by block: the clamp engages"},
       {"amla-cli numerics --variants baseline,fp16,pasa --dist pasa-uniform --mean 30 "
        "--amplitude 0.5",
        "plain FP16 overflows, PASA does not"},
       {"amla-cli numerics --grid --dist pasa-uniform --variants fp16,pasa", "PASA's grid"},
       {"amla-cli numerics --q q.npy --kv kv.npy --out-amla amla.npy --out-golden golden.npy", ""}},
      numerics_main};
}

}  // namespace amla::cli
