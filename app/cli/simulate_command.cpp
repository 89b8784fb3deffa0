// amla-cli simulate: the AMLA kernel (or its MUL baseline) on a simulated Ascend 910.
#include <algorithm>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/common_flags.h"
#include "app/cli/figure_flags.h"
#include "app/cli/image_export.h"
#include "app/cli/run_config_flags.h"
#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/common/output_set.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/config_json.h"
#include "core/run/explain.h"
#include "core/run/metric_catalogue.h"
#include "core/run/simulation_run.h"
#include "core/sim/trace_csv.h"
#include "core/sim/trace_export.h"

namespace amla::cli {

namespace {

struct SimulateRequest {
  RunConfig config;
  std::optional<std::string> trace_path, csv_path;
  TraceFormat trace_format = TraceFormat::kChrome;
  ImageExportRequest images;
  bool json = false;
  bool explain = false;
  bool dump_config = false;
  std::uint64_t memory_budget = 0;
};

// "auto" (by the extension), then every format of core/sim/trace_export.h's table.
constexpr const char* kTraceFormatAuto = "auto";

FlagSpec trace_format_flag() {
  std::vector<std::string> names = {kTraceFormatAuto};
  std::string by_extension;
  for (const TraceFormatInfo& f : trace_formats()) {
    names.push_back(f.name);
    std::string extensions;
    for (const std::string& ext : f.extensions)
      extensions += (extensions.empty() ? "" : " or ") + ext;
    by_extension += extensions + ": " + f.name + " (" + f.label + "); ";
  }
  return choice_flag("trace-format",
                     "The format of --trace. auto picks it by the file's extension: " +
                         by_extension + "any other name: chrome.",
                     names, kTraceFormatAuto);
}

constexpr const char* kImageOutputs = "--timeline/--buffers";

FlagTable simulate_flags() {
  FlagTable own = in_group(
      "Output",
      {bare_flag("json", "Print the metrics as JSON instead of the summary."),
       bare_flag("explain",
                 "Say why the run takes as long as it does: the critical path's attribution of "
                 "the makespan, the bound as unit and pipe, and what to change (with --json: an "
                 "\"explain\" object)."),
       text_flag("trace", "FILE",
                 "Write the run's trace: one process per core, lanes per unit and pipe, buffer "
                 "counters, flag arrows. By the extension (--trace-format) Chrome JSON (Perfetto, "
                 "chrome://tracing), gzip JSON or Perfetto protobuf (both for Perfetto, several "
                 "times smaller); --trace-format insight writes the msprof op simulator's layout "
                 "for MindStudio Insight (amla-cli import reads it back)."),
       trace_format_flag(),
       text_flag("csv", "FILE", "Write every simulated instruction as a CSV row."),
       bare_flag("dump-config",
                 "Print the run configuration as JSON (a --config file) and exit without "
                 "simulating."),
       text_flag("timeline", "FILE.{png,svg,pdf}",
                 "Draw the pipe timeline as a figure (the Figure flags below shape it)."),
       text_flag("buffers", "FILE.{png,svg,pdf}",
                 "Draw one core's buffer occupancy as a figure (the Figure flags below shape it)."),
       text_flag("buffers-core", "N", "The core --buffers draws.", "the first of --cores"),
       text_flag("show-buffers", "LIST",
                 "The buffers --buffers draws, by name: l1, l0a, l0b, l0c, ub (both UBs), "
                 "ubaiv0, gm (the workspace); a name picks every buffer it begins.",
                 "every buffer"),
       memory_budget_flag()});
  return concat(concat(run_config_flag_table(), own), figure_flag_table(kImageOutputs));
}

SimulateRequest parse_request(ArgList& list) {
  SimulateRequest req;
  req.config = parse_run_config_flags(list);
  req.trace_path = list.value("trace");
  req.csv_path = list.value("csv");
  if (const auto format = list.value("trace-format"); format && *format != kTraceFormatAuto) {
    const auto forced = trace_format_named(*format);
    if (!forced) {
      throw InputError("--trace-format", *format, choices_text(trace_format_flag().choices));
    }
    if (!req.trace_path) throw InputError("--trace-format", *format, "needs --trace FILE");
    req.trace_format = *forced;
  } else if (req.trace_path) {
    req.trace_format = trace_format_for(*req.trace_path, std::nullopt);
  }
  req.images.timeline_path = list.value("timeline");
  req.images.buffers_path = list.value("buffers");
  if (const auto core = list.value("buffers-core")) {
    if (!req.images.buffers_path) throw InputError("--buffers-core", *core, "needs --buffers FILE");
    const std::vector<int> cores = parse_core_list(*core, "--buffers-core");
    if (cores.size() != 1) throw InputError("--buffers-core", *core, "one core number");
    req.images.buffers_core = cores.front();
  }
  if (const auto shown = list.value("show-buffers")) {
    if (!req.images.buffers_path)
      throw InputError("--show-buffers", *shown, "needs --buffers FILE");
    req.images.buffers_shown = parse_buffer_keys(*shown);
  }
  parse_figure_flags(list, kImageOutputs, req.images);
  req.json = list.flag("json");
  req.explain = list.flag("explain");
  req.dump_config = list.flag("dump-config");
  req.memory_budget = static_cast<std::uint64_t>(list.integer("memory-budget-mb")) << 20;
  list.finish();
  return req;
}

nlohmann::json metrics_json(const SimulationRun& run) {
  nlohmann::json j = metrics_to_json({run.metrics, std::nullopt});
  j["preset"] = run.hardware.name;
  j["variant"] = variant_name(run.config.variant);
  j["preload"] = run.config.tiling.preload;
  j["jobs"] = run.plan.jobs.size();
  j["tasks"] = run.plan.tasks.size();
  j["wall_seconds"] = run.wall_seconds;
  return j;
}

// One line per memory level of the hierarchical roofline, the limiting one marked.
void print_roofline(const SimulationMetrics& m, std::ostream& out) {
  const MetricSource source{m, std::nullopt};
  out << "  roofline limit               " << m.roofline.limit_label() << "\n";
  for (int i = 0; i < kRoofLevelCount; ++i) {
    const auto level = static_cast<RoofLevel>(i);
    const RoofCeiling& c = m.roofline.at(level);
    if (c.bytes <= 0) continue;
    const std::string prefix = std::string("roofline.") + roof_level_key(level);
    const MetricDef& intensity = *find_metric(prefix + ".intensity");
    const MetricDef& use = *find_metric(prefix + ".use");
    std::string label =
        std::string(i == m.roofline.limit ? "  * " : "    ") + roof_level_label(level);
    label.resize(30, ' ');
    out << label << " " << std::setprecision(0) << std::setw(6) << c.bandwidth_gb_per_s << " GB/s, "
        << format_metric(intensity, *intensity.value(source), true) << ", roof " << std::setw(6)
        << std::setprecision(1) << c.attainable_tflops << " TFLOPS, run at "
        << format_metric(use, *use.value(source)) << " of it\n";
  }
}

void print_summary(const SimulationRun& run, std::ostream& out) {
  const SimulationMetrics& m = run.metrics;
  const Problem& p = run.config.problem;
  out << std::fixed;
  out << run.hardware.name << ", " << variant_name(run.config.variant) << ", preload "
      << run.config.tiling.preload << ": batch " << p.batch << ", q_tokens " << p.q_tokens
      << ", heads " << p.heads << ", S_k "
      << (p.kv_lens.empty() ? std::to_string(p.kv_len)
                            : "per batch (" + std::to_string(p.total_kv_tokens()) + " tokens)")
      << "\n";
  // Every headline, traffic and balance metric of the catalogue, then each unit's pipes.
  const MetricSource source{m, std::nullopt};
  for (const MetricDef& def : metric_catalogue()) {
    if (def.group == MetricGroup::kPipes || def.group == MetricGroup::kRoofline ||
        def.needs_numerics()) {
      continue;
    }
    std::string label = def.label;
    label.resize(std::max<std::size_t>(label.size(), 28), ' ');
    out << "  " << label << " "
        << (def.is_text() ? def.text(source) : format_metric(def, *def.value(source), true))
        << "\n";
  }
  for (const Unit unit : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
    std::string label = std::string(unit_name(unit)) + " busy per pipe";
    label.resize(28, ' ');
    out << "  " << label;
    for (int i = 0; i < kPipeCount; ++i) {
      const auto pipe = static_cast<Pipe>(i);
      if (!unit_has_pipe(unit, pipe)) continue;
      const MetricDef& def = *find_metric(pipe_busy_key(unit, pipe));
      out << " " << pipe_name(pipe) << " " << format_metric(def, *def.value(source));
    }
    out << "\n";
  }
  print_roofline(m, out);
  out << "  plan                         " << run.plan.jobs.size() << " jobs, "
      << run.plan.tasks.size() << " tasks, " << run.plan.combines.size() << " combines on "
      << run.plan.cores << " AI cores; " << m.events << " ops simulated in " << std::setprecision(2)
      << run.wall_seconds << " s\n";
}

// The --explain text: where the makespan went along the critical path, the bound, the advice.
void print_explanation(const RunExplanation& e, const SimulationMetrics& m, std::ostream& out) {
  out << "why: critical path " << std::setprecision(2) << e.critical_path_us << " us over "
      << e.path.ops.size() << " ops (" << e.path.hand_offs[1] << " flag, " << e.path.hand_offs[2]
      << " slot hand-offs)\n";
  for (const AttributionEntry& a : e.attribution) {
    if (a.us <= 0) continue;
    std::string label = path_category_label(a.category);
    label.resize(std::max<std::size_t>(label.size(), 26), ' ');
    out << "    " << label << std::setw(10) << std::setprecision(2) << a.us << " us "
        << std::setw(6) << std::setprecision(1) << 100.0 * a.share << "%\n";
  }
  out << "  bound                        " << m.bound_unit_pipe() << " " << std::setprecision(1)
      << 100.0 * m.bound_busy << "% busy\n";
  for (const std::string& a : e.advice) out << "  advice: " << a << "\n";
}

// Outputs drawn or written from the trace of a run that kept none, refused (exit 2) before
// anything is written. A trace over the memory budget is refused before the run (kRequired);
// what reaches this is a run that outlasted the trace's 32-bit cycle counts.
void refuse_trace_outputs(const SimulateRequest& req, const std::string& why) {
  for (const auto& [flag, path] :
       {std::pair{"--trace", req.trace_path}, std::pair{"--csv", req.csv_path},
        std::pair{"--timeline", req.images.timeline_path},
        std::pair{"--buffers", req.images.buffers_path}}) {
    if (path) {
      throw InputError(flag, *path, "the run kept no trace to write: " + why);
    }
  }
}

int simulate_main(ArgList& list, std::ostream& out) {
  const SimulateRequest req = parse_request(list);
  if (req.dump_config) {
    out << run_config_to_json(req.config).dump(2) << "\n";
    return 0;
  }
  if ((req.images.timeline_path || req.images.buffers_path) && !image_export_available()) {
    export_simulation_images(SimulationRun{}, req.images);  // throws: say so before running
  }
  // Every output checked before the run; none replaced unless all were written.
  OutputSet outputs;
  if (req.trace_path) outputs.declare("--trace", *req.trace_path);
  if (req.csv_path) outputs.declare("--csv", *req.csv_path);
  if (req.images.timeline_path) outputs.declare("--timeline", *req.images.timeline_path);
  if (req.images.buffers_path) outputs.declare("--buffers", *req.images.buffers_path);
  // The images are drawn while the run is held: what they need comes off the run's budget.
  std::uint64_t image_bytes = 0;
  for (const auto& [flag, path] : {std::pair{"--timeline", req.images.timeline_path},
                                   std::pair{"--buffers", req.images.buffers_path}}) {
    if (path) {
      check_image_path(flag, *path);
      image_bytes =
          std::max(image_bytes,
                   check_image_memory("--figure", req.images.figure.width_pixels(),
                                      req.images.figure.height_pixels(), *path, req.memory_budget));
    }
  }
  SimulationControl control;
  control.memory_budget_bytes = std::max<std::uint64_t>(1, req.memory_budget - image_bytes);
  // Files drawn or written from the trace need it kept: refused up front when it cannot be.
  if (req.trace_path || req.csv_path || req.images.timeline_path || req.images.buffers_path) {
    control.keep = TraceKeeping::kRequired;
  }
  const SimulationRun run = run_simulation(req.config.hardware, req.config.kernel, control);
  if (!run.trace.has_ops()) refuse_trace_outputs(req, run.trace.trace_dropped);
  export_simulation_images(run, req.images);
  if (req.trace_path) write_trace_file(run.trace, *req.trace_path, req.trace_format);
  if (req.csv_path) write_ops_csv_file(run.trace, *req.csv_path);
  outputs.commit();
  if (req.json) {
    nlohmann::json j = metrics_json(run);
    j["trace_kept"] = run.trace.has_ops();
    if (!run.trace.has_ops()) j["trace_dropped"] = run.trace.trace_dropped;
    if (req.explain && run.trace.has_ops()) {
      j["explain"] = explanation_to_json(explain_run(run), run.metrics);
    } else if (req.explain) {
      j["explain"] = {{"unavailable", "the run kept no trace, so it has no critical path"},
                      {"advice", explain_run(run).advice}};
    }
    out << j.dump(2) << "\n";
  } else {
    print_summary(run, out);
    if (!run.trace.has_ops()) {
      out << "  trace                        not kept: " << run.trace.trace_dropped << "\n";
    }
    if (req.explain && run.trace.has_ops()) print_explanation(explain_run(run), run.metrics, out);
    if (req.explain && !run.trace.has_ops()) {
      out << "why: no critical path: the run kept no trace (raise --memory-budget-mb to keep it)\n";
      for (const std::string& a : explain_run(run).advice) out << "  advice: " << a << "\n";
    }
    if (req.trace_path) out << "  trace           " << *req.trace_path << "\n";
    if (req.csv_path) out << "  csv             " << *req.csv_path << "\n";
    if (req.images.timeline_path) out << "  timeline        " << *req.images.timeline_path << "\n";
    if (req.images.buffers_path) out << "  buffers         " << *req.images.buffers_path << "\n";
  }
  return 0;
}

}  // namespace

CommandSpec simulate_command() {
  return {
      "simulate",
      "the AMLA kernel (or its MUL baseline) on a simulated Ascend 910",
      "[--preset NAME | --hw FILE] [--config FILE] [--PARAMETER VALUE]... [FLAGS]",
      "Builds the kernel's instruction streams for the problem and tiling given (every "
      "kernel parameter below is a flag; the defaults are the paper's decode shape) and "
      "simulates them on the machine, cycle by cycle: every pipe of every AI Core, the "
      "buffers, the cross-core flags, HBM and L2. Prints the figures of the run (time, "
      "FLOPS utilization, traffic, balance, each unit's pipes); writes a trace, a CSV of "
      "the instructions or images on request.",
      simulate_flags(),
      {{"amla-cli simulate", "the paper's shape, AMLA, preload 2"},
       {"amla-cli simulate --rows-per-task 128 --explain", "why it is slow, and what to change"},
       {"amla-cli simulate --variant baseline --preload 0 --json", ""},
       {"amla-cli simulate --batch 64 --heads 16 --q-tokens 1 --rows-per-task 16 --kv-dist "
        "normal:8192",
        ""},
       {"amla-cli simulate --batch 8 --kv-len 4096 --trace out/trace.json --csv out/ops.csv", ""},
       {"amla-cli simulate --trace out/trace.perfetto-trace",
        "Perfetto's protobuf trace, several times smaller (--trace out/trace.json.gz: gzip JSON)"},
       {"amla-cli simulate --set fixp_bytes_per_cycle=41,l2_bandwidth_gb_per_s=8000", ""},
       {"amla-cli simulate --dump-config > my.json && amla-cli simulate --config my.json", ""},
       {"amla-cli simulate --timeline out/timeline.pdf --figure column --cores 0-1 --units "
        "aic,aiv0",
        "a single-column figure of two cores' cube and vector units"},
       {"amla-cli simulate --batch 16 --kv-len 4096 --timeline out/timeline.png "
        "--buffers out/buffers.svg --figure slide --dpi 150 --range 10:60",
        ""}},
      simulate_main};
}

}  // namespace amla::cli
