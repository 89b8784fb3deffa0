// amla-cli sweep: one or two run knobs over lists of values, every combination simulated in
// parallel; a table (or JSON / CSV / a heatmap image) of the chosen metric, invalid cells with
// the reason. Ctrl+C cancels cleanly: no output file is written unless the sweep finished.
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/common_flags.h"
#include "app/cli/figure_flags.h"
#include "app/cli/image_export.h"
#include "app/cli/run_config_flags.h"
#include "app/cli/sweep_merge.h"
#include "app/cli/sweep_progress.h"
#include "app/cli/sweep_slurm.h"
#include "core/common/atomic_file.h"
#include "core/common/cancelled.h"
#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/common/output_set.h"
#include "core/run/metric_catalogue.h"
#include "core/store/result_store.h"
#include "core/sweep/knobs.h"
#include "core/sweep/sweep.h"

namespace amla::cli {

namespace {

std::atomic<bool> g_interrupted{false};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// The run-level metrics a CSV row carries beside the ranked one: the catalogue's headline,
// traffic and balance figures.
std::vector<const MetricDef*> csv_metrics() {
  std::vector<const MetricDef*> list;
  for (const MetricDef& m : metric_catalogue()) {
    if (m.group != MetricGroup::kPipes && !m.needs_numerics()) list.push_back(&m);
  }
  return list;
}

// earlier_model: cells --store held from an earlier model and this sweep simulated again.
nlohmann::json result_json(const SweepResult& r, std::size_t earlier_model) {
  nlohmann::json j;
  j["metric"] = r.metric;
  j["best"] = r.best;
  j["seconds"] = r.seconds;
  j["reused"] = r.reused;
  j["simulated"] = r.simulated;
  j["simulated_again_earlier_model"] = earlier_model;
  j["params"] = nlohmann::json::array();
  for (const auto& p : r.params) j["params"].push_back({{"name", p.name}, {"values", p.values}});
  j["results"] = nlohmann::json::array();
  for (const auto& c : r.cells) {
    if (c.pending) continue;  // another shard's cell
    nlohmann::json cell =
        c.valid ? metrics_to_json({c.metrics, c.amla_max_error}) : nlohmann::json::object();
    nlohmann::json config = nlohmann::json::object();
    for (std::size_t k = 0; k < r.params.size(); ++k) config[r.params[k].name] = c.values[k];
    cell["config"] = config;
    cell["valid"] = c.valid;
    cell["reason"] = c.reason;
    cell["metric_value"] =
        c.valid ? nlohmann::json(sweep_metric_value(c, r.metric)) : nlohmann::json(nullptr);
    cell["cached"] = c.from_cache;
    j["results"].push_back(cell);
  }
  return j;
}

std::string result_csv(const SweepResult& r) {
  std::ostringstream s;
  s << std::setprecision(10);
  for (const auto& p : r.params) s << csv_field(p.name) << ",";
  s << "valid,reason," << r.metric;
  for (const MetricDef* m : csv_metrics()) s << "," << m->key;
  s << "\n";
  for (const auto& c : r.cells) {
    if (c.pending) continue;  // another shard's cell
    for (const auto& v : c.values) s << csv_field(v) << ",";
    s << (c.valid ? "true" : "false") << "," << csv_field(c.reason) << ",";
    if (c.valid) s << sweep_metric_value(c, r.metric);
    const MetricSource source{c.metrics, c.amla_max_error};
    for (const MetricDef* m : csv_metrics()) {
      s << ",";
      if (!c.valid) continue;
      if (m->is_text()) {
        s << csv_field(m->text(source));
      } else {
        s << *m->value(source);
      }
    }
    s << "\n";
  }
  return s.str();
}

void print_table(const SweepResult& r, std::ostream& out) {
  const MetricDef& info = find_sweep_metric(r.metric);
  out << "sweep of " << info.label << " over ";
  for (std::size_t k = 0; k < r.params.size(); ++k) out << (k ? " x " : "") << r.params[k].name;
  out << " (" << r.reused + r.simulated << " cells in " << std::fixed << std::setprecision(2)
      << r.seconds << " s: " << r.reused << " reused, " << r.simulated
      << " simulated; * best, x invalid, - another shard's)\n\n";
  const auto cell_text = [&](int i) {
    const SweepCell& c = r.cells[static_cast<std::size_t>(i)];
    if (c.pending) return std::string("-");
    if (!c.valid) return std::string("x");
    return format_metric(info, sweep_metric_value(c, r.metric)) + (i == r.best ? "*" : "");
  };
  const int w = 12;
  if (r.params.size() == 1) {
    out << std::left << std::setw(18) << r.params[0].name << info.label << "\n";
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
      out << std::setw(18) << r.cells[i].values[0] << cell_text(static_cast<int>(i)) << "\n";
    }
  } else {
    const auto& rows = r.params[0].values;
    const auto& cols = r.params[1].values;
    out << std::left << std::setw(18) << (r.params[0].name + " \\ " + r.params[1].name);
    for (const auto& c : cols) out << std::right << std::setw(w) << c;
    out << "\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out << std::left << std::setw(18) << rows[i];
      for (std::size_t j = 0; j < cols.size(); ++j) {
        out << std::right << std::setw(w) << cell_text(static_cast<int>(i * cols.size() + j));
      }
      out << "\n";
    }
  }
  bool header = false;
  for (const auto& c : r.cells) {
    if (c.valid || c.pending) continue;
    if (!header) out << "\ninvalid cells:\n";
    header = true;
    out << "  ";
    for (std::size_t k = 0; k < r.params.size(); ++k)
      out << (k ? ", " : "") << r.params[k].name << "=" << c.values[k];
    out << ": " << c.reason << "\n";
  }
}

// The memory-budget message tells the user to raise --memory-budget-mb, so sweep takes it too:
// here per cell, since cells run side by side.
FlagSpec sweep_budget_flag() {
  FlagSpec f = memory_budget_flag();
  f.help = "The most memory each cell may allocate; larger cells are invalid with the reason.";
  f.default_text = "half the available memory, shared by the --jobs cells";
  return f;
}

FlagTable sweep_flags() {
  std::vector<std::string> knobs, metrics;
  for (const KnobInfo& k : run_knobs()) knobs.push_back(k.name);
  for (const MetricDef* m : sweep_metrics()) metrics.push_back(m->key);
  const SweepOptions defaults;
  FlagSpec param = repeated_flag("param", "NAME=V1,V2,...",
                                 "A knob and its values; give one or two (every combination is "
                                 "run). NAME is --preset or a kernel parameter, without dashes.");
  param.required = true;
  param.range_text = "NAME " + choices_text(knobs);
  param.choices = knobs;
  FlagTable own = in_group(
      "Sweep",
      {param,
       choice_flag("metric", "The figure each cell shows and the best is ranked by.", metrics,
                   defaults.metric),
       integer_flag("jobs", "N", "Simulations run in parallel (0 = one per hardware thread).",
                    defaults.jobs, 0, 256),
       bare_flag("json", "Print the results as JSON instead of the table."),
       text_flag("json-file", "FILE", "Also write the JSON results to FILE."),
       text_flag("csv", "FILE",
                 "Write one CSV row per cell: the knobs, valid, reason, the metric and every "
                 "run figure."),
       text_flag("heatmap", "FILE.{png,svg,pdf}",
                 "Draw the metric over the grid into an image (its size, DPI and text size: the "
                 "Figure flags)."),
       sweep_budget_flag(),
       bare_flag("progress",
                 "Print cells per second and the time left to standard error even when it is "
                 "not a terminal (on a terminal it always does).")});
  FlagTable scale = in_group(
      "Store and cluster",
      {text_flag("store", "FILE.db",
                 "Keep every cell in this SQLite result store: cells already there are reused, "
                 "new ones added, so an interrupted sweep resumes and sweeps sharing a store "
                 "share cells (several at once are safe). A cell an earlier version of the model "
                 "computed is simulated again."),
       text_flag("shard", "K/N",
                 "Run only shard K of N: cell i (row-major) belongs to shard i mod N, so no cell "
                 "is in two shards and shard sizes differ by at most one. K counts from 0."),
       bare_flag("slurm",
                 "Write a Slurm job array for the sweep beside --store (required): one task per "
                 "shard, each into its own store with --jobs CPUs (1 when --jobs is 0), and a "
                 "merge job that waits for them."),
       integer_flag("shards", "N", "Tasks of the --slurm job array.", 2, 1, kMaxSweepShards),
       text_flag("partition", "P", "Slurm partition of the --slurm jobs (default: the cluster's)."),
       text_flag("time", "T", "Time limit of each --slurm job, as sbatch --time takes it.",
                 "01:00:00"),
       bare_flag("submit", "Submit the --slurm jobs with sbatch and print their job ids."),
       text_flag("out", "ALL.db",
                 "sweep merge: the store the input stores are merged into (created if missing).")});
  own = concat(std::move(own), scale);
  own = concat(std::move(own),
               plot_figure_flag_table("--heatmap", "the metric, the swept knobs and the others"));
  return concat(std::move(own), run_config_flag_table());
}

// The flags only --slurm reads.
const std::vector<std::string> kSlurmFlags = {"shards", "partition", "time", "submit"};

int merge_main(ArgList& list, std::ostream& out) {
  for (const FlagSpec& f : sweep_flags()) {
    if (f.name != "out" && list.has(f.name)) {
      throw InputError("--" + f.name, "with sweep merge",
                       "merge takes only store files and --out ALL.db");
    }
  }
  const auto out_path = list.value("out");
  if (!out_path) throw InputError("--out", "missing", "sweep merge writes into --out ALL.db");
  std::vector<std::string> inputs;
  while (const auto in = list.positional()) inputs.push_back(*in);
  list.finish();
  merge_sweep_stores(inputs, *out_path, out);
  return 0;
}

// Names accepted by sbatch for --partition and --time; anything else would break the script.
void check_slurm_word(const std::string& flag, const std::string& value, const char* allowed,
                      const std::string& limit) {
  if (value.empty() || value.size() > 64 || value.find_first_not_of(allowed) != std::string::npos) {
    throw InputError(flag, value, limit);
  }
}

int sweep_main(ArgList& list, std::ostream& out) {
  if (list.take_leading_word("merge")) return merge_main(list, out);
  if (list.has("out")) throw InputError("--out", list.text("out"), "only with sweep merge");
  std::vector<SweepParameter> params;
  for (const auto& text : list.values("param")) params.push_back(parse_sweep_parameter(text));
  if (params.size() > 2)
    throw InputError("--param", std::to_string(params.size()), "one or two parameters");
  SweepOptions options;
  options.metric = list.text("metric");
  find_sweep_metric(options.metric);
  options.jobs = static_cast<int>(list.integer("jobs"));
  const auto csv = list.value("csv");
  const auto json_path = list.value("json-file");
  const auto heatmap = list.value("heatmap");
  const bool json = list.flag("json");
  const FigureSpec figure = parse_plot_figure_flags(list, heatmap, "--heatmap");
  const bool budget_given = list.has("memory-budget-mb");
  const auto budget_mb = static_cast<std::uint64_t>(list.integer("memory-budget-mb"));
  if (budget_given) options.memory_budget_bytes = budget_mb << 20;
  const bool progress_flag = list.flag("progress");
  const auto store_path = list.value("store");
  const auto shard_text = list.value("shard");
  if (shard_text) options.shard = parse_sweep_shard("--shard", *shard_text);
  const bool slurm = list.flag("slurm");
  // Every --slurm flag's value is checked first, so a bad value is named for what it is.
  std::vector<std::string> slurm_only;
  for (const std::string& name : kSlurmFlags) {
    if (list.has(name)) slurm_only.push_back(name);
  }
  SlurmSweepPlan plan;
  plan.shards = static_cast<int>(list.integer("shards"));
  if (const auto p = list.value("partition")) {
    check_slurm_word("--partition", *p,
                     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-,",
                     "a partition name: letters, digits, _ . - ,");
    plan.partition = *p;
  }
  plan.time_limit = list.text("time");
  check_slurm_word("--time", plan.time_limit, "0123456789:-",
                   "a Slurm time: MINUTES, HH:MM:SS or D-HH:MM:SS");
  const bool submit = list.flag("submit");
  if (!slurm && !slurm_only.empty()) {
    throw InputError("--" + slurm_only.front(), "without --slurm", "only with --slurm");
  }
  const RunConfig base = parse_run_config_flags(list);
  list.finish();
  if (slurm) {
    if (!store_path) {
      throw InputError("--slurm", "without --store",
                       "give --store FILE.db: the merged cells go there");
    }
    if (options.shard.count != 1) {
      throw InputError("--shard", *shard_text, "not with --slurm: it makes the shards");
    }
    plan.base = base;
    plan.params = params;
    plan.metric = options.metric;
    plan.store = *store_path;
    plan.cpus_per_shard = options.jobs > 0 ? options.jobs : 1;
    if (budget_given) plan.memory_budget_mb = static_cast<long long>(budget_mb);
    plan_sweep(base, params, options.metric);  // bad values fail here, not on the cluster
    write_slurm_sweep(plan, submit, out);
    return 0;
  }
  if (heatmap && !image_export_available()) {
    export_sweep_heatmap(SweepResult{}, *heatmap, figure);  // throws: no GUI in this build
  }

  if (heatmap) {  // the image is drawn after the sweep, beside its results
    check_image_path("--heatmap", *heatmap);
    check_image_memory("--figure", figure.width_pixels(), figure.height_pixels(), *heatmap,
                       budget_given ? budget_mb << 20 : default_memory_budget_bytes());
  }
  OutputSet outputs;
  if (csv) outputs.declare("--csv", *csv);
  if (json_path) outputs.declare("--json-file", *json_path);
  if (heatmap) outputs.declare("--heatmap", *heatmap);
  // Opened (or created) once every other output checked out.
  std::unique_ptr<ResultStore> store;
  if (store_path) {
    store = std::make_unique<ResultStore>("--store", *store_path);
    options.cache = store.get();
  }

  // The first SIGINT/SIGTERM/SIGHUP cancels the sweep; a second one exits at once.
  g_interrupted.store(false);
  SweepResult result;
  {
    const OutputSignalGuard cancel_on_signal(&g_interrupted);
    options.job.cancel = &g_interrupted;
    std::unique_ptr<SweepProgressLine> line;
    const bool terminal = isatty(STDERR_FILENO) == 1;
    if (terminal || progress_flag) {
      std::size_t cells = 0;
      const SweepResult planned = plan_sweep(base, params, options.metric);
      for (std::size_t i = 0; i < planned.cells.size(); ++i) cells += options.shard.contains(i);
      line = std::make_unique<SweepProgressLine>(cells, terminal);
      options.on_cell = [&line](std::size_t, const SweepCell& cell) {
        line->cell_done(cell.from_cache);
      };
    }
    try {
      result = run_sweep(base, params, options);
      if (line) line->finish();
    } catch (const Cancelled&) {
      if (line) line->finish();
      throw InputError("sweep", "interrupted",
                       store ? "cancelled; the cells finished so far are in --store, rerun to "
                               "resume; no other output written"
                             : "cancelled before it finished: no output written");
    }
  }

  const std::size_t earlier_model = store ? store->earlier_model_matches() : 0;
  if (csv) {
    const std::string text = result_csv(result);
    write_file_atomically("--csv", *csv, [&](std::ostream& o) { o << text; });
  }
  if (json_path) {
    const std::string text = result_json(result, earlier_model).dump(2) + "\n";
    write_file_atomically("--json-file", *json_path, [&](std::ostream& o) { o << text; });
  }
  if (heatmap) export_sweep_heatmap(result, *heatmap, figure);
  outputs.commit();
  if (json) {
    out << result_json(result, earlier_model).dump(2) << "\n";
  } else {
    print_table(result, out);
    if (earlier_model > 0) {
      out << "\nnote: --store held " << earlier_model
          << " of these cells from an earlier version of the model: simulated again, not "
             "reused\n";
    }
  }
  return 0;
}

}  // namespace

CommandSpec sweep_command() {
  return {
      "sweep",
      "one or two knobs over lists of values, all combinations simulated",
      "--param NAME=V1,V2,... [--param NAME=...] [--metric NAME] [--store FILE.db] "
      "[--shard K/N | --slurm [--shards N] [--submit]] [FLAGS]  |  merge A.db B.db ... --out "
      "ALL.db",
      "Simulates every combination of the values of one or two knobs (the machine preset or "
      "any kernel parameter) on top of the base run the other flags describe, in parallel, "
      "and prints the chosen metric as a table with the best cell marked and each invalid "
      "cell with its reason; or JSON, CSV or a heatmap image. Ctrl+C cancels cleanly: no "
      "output file is written unless the sweep finished. With --store every cell is kept in an "
      "SQLite result store and reused by later sweeps; --shard K/N runs one part of the cells "
      "and `sweep merge` puts the parts' stores together; --slurm writes (and with --submit "
      "submits) a Slurm job array doing both on a cluster.",
      sweep_flags(),
      {{"amla-cli sweep --param rows-per-task=64,128,256 --param kv-block=256,512,1024", ""},
       {"amla-cli sweep --param preload=0,1,2 --param q-tokens=2,3,4 --metric tflops --json", ""},
       {"amla-cli sweep --batch 16 --kv-len 4096 --param kv-block=256,512 --metric "
        "amla_max_error --csv out/sweep.csv --heatmap out/sweep.png",
        ""},
       {"amla-cli sweep --param rows-per-task=64,128,256 --param kv-block=256,512,1024 --store "
        "out/sweep.db",
        "rerun after Ctrl+C: it resumes"},
       {"amla-cli sweep --param kv-block=256,512 --param preload=0,1,2 --store out/sweep.db "
        "--slurm --shards 4 --partition compute --submit",
        "on a Slurm login node"},
       {"amla-cli sweep merge out/a.db out/b.db --out out/all.db", ""}},
      sweep_main};
}

}  // namespace amla::cli
