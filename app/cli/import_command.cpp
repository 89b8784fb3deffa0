// amla-cli import FILE: a real profile (msprof op simulator trace, msprof timeline, msprof op
// CSVs) read and summarised in the terms of a simulated run.
#include <iomanip>
#include <nlohmann/json.hpp>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/common_flags.h"
#include "app/cli/figure_flags.h"
#include "app/cli/image_export.h"
#include "core/common/input_error.h"
#include "core/common/output_set.h"
#include "core/profile/profile_reader.h"
#include "core/profile/profile_run.h"
#include "core/profile/profile_summary.h"
#include "core/run/metric_catalogue.h"

namespace amla::cli {

namespace {

std::vector<std::string> format_choices() {
  std::vector<std::string> names = {"auto"};
  for (const ProfileFormat f : kProfileFormats) names.emplace_back(profile_format_name(f));
  return names;
}

FlagTable import_flags() {
  return in_group(
      "Input",
      {choice_flag("format",
                   "The profile's format; auto detects it from the content (simulator-trace: "
                   "the msprof op simulator's all-cores trace.json; core-trace: one core's "
                   "trace.json; msprof-json: msprof's timeline; pipe-utilization and "
                   "op-basic-info: msprof op's CSVs).",
                   format_choices(), "auto"),
       real_flag("clock-mhz", "MHz",
                 "The AI Core clock that turns the profile's microseconds into cycles (910B1 "
                 "1850, 910B2/B3 1800, 910B4 1650); OpBasicInfo.csv's Current Freq overrides it.",
                 1800, 1, 10000),
       bare_flag("json", "Print the summary as JSON.")});
}

FlagTable figure_flags() {
  FlagTable flags = in_group(
      "Output",
      {text_flag("timeline", "FILE.{png,svg,pdf}",
                 "Draw the profile's pipe timeline as a figure, as simulate --timeline draws a "
                 "simulated run (the Figure flags below shape it)."),
       memory_budget_flag()});
  return concat(flags, figure_flag_table("--timeline"));
}

void print_profile_summary(const ProfileSummary& s, std::ostream& out) {
  out << std::fixed << std::setprecision(3);
  out << s.source << ": " << profile_format_name(s.format) << ", " << s.cores
      << (s.format == ProfileFormat::kPipeUtilization ? " blocks, " : " cores, ") << s.ops
      << " ops";
  if (s.skipped_pseudo_events > 0) {
    out << " (" << s.skipped_pseudo_events << " cache_time/ccu_time events skipped)";
  }
  out << ", " << s.flags << " flags, " << s.counter_series << " counter series\n";
  out << "  duration                     " << s.duration_us << " us (at " << std::setprecision(0)
      << s.clock_mhz << " MHz)\n";
  const MetricSource source{s.metrics, std::nullopt};
  for (const Unit unit : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
    std::string label = std::string(unit_name(unit)) + " busy per pipe";
    label.resize(28, ' ');
    out << "  " << label;
    bool any = false;
    for (int i = 0; i < kPipeCount; ++i) {
      const auto pipe = static_cast<Pipe>(i);
      if (!s.is_measured(unit, pipe)) continue;
      any = true;
      const MetricDef& def = *find_metric(pipe_busy_key(unit, pipe));
      out << " " << pipe_name(pipe) << " " << format_metric(def, *def.value(source));
    }
    for (const OtherPipeBusy& o : s.other_pipes) {
      if (o.unit != unit) continue;
      const MetricDef& def = *find_metric(pipe_busy_key(unit, Pipe::kScalar));  // a percentage
      out << " " << o.pipe << " " << format_metric(def, o.busy_fraction);
      any = true;
    }
    if (!any) out << " (the profile has no pipe figures)";
    out << "\n";
  }
}

int import_main(ArgList& list, std::ostream& out) {
  ProfileReadOptions options;
  const std::string format = list.text("format");
  options.clock_mhz = list.real("clock-mhz");
  const bool json = list.flag("json");
  ImageExportRequest images;
  images.timeline_path = list.value("timeline");
  parse_figure_flags(list, "--timeline", images);
  const std::uint64_t budget = static_cast<std::uint64_t>(list.integer("memory-budget-mb")) << 20;
  const auto path = list.positional();
  list.finish();
  if (!path) throw InputError("FILE", "missing", "name the profile to import");
  if (format != "auto") options.format = parse_profile_format("--format", format);
  // The image is checked before the file is read, and written all or nothing.
  OutputSet outputs;
  if (images.timeline_path) {
    if (!image_export_available()) export_simulation_images(SimulationRun{}, images);  // says why
    outputs.declare("--timeline", *images.timeline_path);
    check_image_path("--timeline", *images.timeline_path);
    check_image_memory("--figure", images.figure.width_pixels(), images.figure.height_pixels(),
                       *images.timeline_path, budget);
  }
  ProfileTrace profile = read_profile_file(*path, options);
  const ProfileSummary summary = summarize_profile(profile);
  if (images.timeline_path) {
    export_simulation_images(profile_as_run(std::move(profile)), images);
    outputs.commit();
  }
  if (json) {
    // A file name need not be UTF-8: replaced, not thrown on.
    out << profile_summary_json(summary).dump(2, ' ', false,
                                              nlohmann::json::error_handler_t::replace)
        << "\n";
  } else {
    print_profile_summary(summary, out);
  }
  return 0;
}

}  // namespace

CommandSpec import_command() {
  return {
      "import",
      "read a real profile (msprof) and summarise it like a simulated run",
      "FILE [--format F] [--clock-mhz MHz] [--json] [--timeline FILE.{png,svg,pdf}]",
      "Reads a profile written by Ascend's tools, streaming (a 1 GB trace is never held "
      "whole): the msprof op simulator's all-cores or per-core trace.json (cache_time and "
      "ccu_time pseudo-events skipped, SET_FLAG/WAIT_FLAG pairs and flows read as flags, "
      "counters kept), msprof's timeline JSON (its kernel tasks), or msprof op's "
      "PipeUtilization.csv and OpBasicInfo.csv. Prints its duration and every unit's pipe "
      "busy over all cores, computed as for a simulated run; pipes the simulator does not "
      "model keep their own names. A malformed file is refused naming the file, the line "
      "or byte offset and the field (exit 2).",
      concat(import_flags(), figure_flags()),
      {{"amla-cli import OPPROF_x/simulator/trace.json", "the all-cores simulator trace"},
       {"amla-cli import PipeUtilization.csv --json", ""},
       {"amla-cli import trace.json --timeline out/profile.png --figure double --cores 0-3", ""},
       {"amla-cli simulate --trace sim.json --trace-format insight && amla-cli import "
        "sim.json",
        "a simulated run, written as the msprof simulator writes it, read back"}},
      import_main};
}

}  // namespace amla::cli
