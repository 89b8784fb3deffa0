// amla-cli sensitivity: which hardware assumption the run's makespan hangs on. Each estimated
// or fitted parameter is moved down and up by --delta and the run repeated; a table (or JSON, or
// a tornado chart) ordered by the swing. Ctrl+C cancels cleanly: no output written.
#include <algorithm>
#include <atomic>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/common_flags.h"
#include "app/cli/figure_flags.h"
#include "app/cli/image_export.h"
#include "app/cli/run_config_flags.h"
#include "core/common/cancelled.h"
#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/common/output_set.h"
#include "core/kernel/config_json.h"
#include "core/run/sensitivity.h"

namespace amla::cli {

namespace {

std::atomic<bool> g_interrupted{false};

FlagSpec sensitivity_budget_flag() {
  FlagSpec f = memory_budget_flag();
  f.help =
      "The most memory the runs may allocate together (each of the --jobs runs gets its "
      "share); larger runs are refused before they start.";
  return f;
}

FlagTable sensitivity_flags() {
  FlagSpec delta = real_flag("delta", "FRACTION",
                             "How far each parameter is moved, as a fraction of its value: the "
                             "run is repeated at value x (1 - FRACTION) and x (1 + FRACTION).",
                             kDefaultSensitivityDelta, kMinSensitivityDelta, kMaxSensitivityDelta);
  FlagSpec params = text_flag("params", "KEY,...",
                              "The hardware parameters to move (the keys of presets --show); any "
                              "numeric one may be named, integers are rounded after the move.",
                              "every estimated [E] or fitted [F] parameter of the machine");
  FlagTable own = in_group(
      "Sensitivity",
      {delta, params,
       integer_flag("jobs", "N", "Simulations run in parallel (0 = one per hardware thread).", 0, 0,
                    kMaxSensitivityJobs),
       bare_flag("json", "Print the results as JSON instead of the table."),
       text_flag("plot", "FILE.{png,svg,pdf}",
                 "Draw the tornado chart: per parameter, the makespan at each end as a bar from "
                 "the baseline (its size, DPI and text size: the Figure flags)."),
       sensitivity_budget_flag()});
  own = concat(std::move(own), plot_figure_flag_table("--plot", "the machine and the kernel"));
  return concat(run_config_flag_table(), own);
}

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> names;
  std::istringstream items(text);
  std::string item;
  while (std::getline(items, item, ',')) {
    if (item.empty()) throw InputError("--params", text, "expected KEY,KEY,... with no empty key");
    names.push_back(item);
  }
  if (names.empty()) throw InputError("--params", text, "expected KEY,KEY,...");
  return names;
}

std::string us_text(const std::optional<double>& us) {
  if (!us) return "-";
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << *us;
  return s.str();
}

std::string padded(std::string text, std::size_t width) {
  text.resize(std::max(text.size(), width), ' ');
  return text;
}

void print_table(const SensitivityResult& r, const RunConfig& config, std::ostream& out) {
  const int percent = static_cast<int>(std::lround(100.0 * r.delta));
  out << std::fixed << std::setprecision(2);
  out << config.hardware.name << ", " << variant_name(config.kernel.variant) << ", preload "
      << config.kernel.tiling.preload << ": makespan " << r.makespan_us << " us, bound " << r.bound
      << "; each parameter at -" << percent << "% and +" << percent << "% (" << r.runs
      << " runs)\n";
  out << "  " << padded("parameter", 34) << padded("source", 8) << std::setw(10) << "value"
      << std::setw(12) << ("-" + std::to_string(percent) + "% us") << std::setw(12)
      << ("+" + std::to_string(percent) + "% us") << std::setw(10) << "swing us"
      << "  bound at -/+\n";
  for (const SensitivityParam& p : r.params) {
    std::ostringstream value;
    value << std::defaultfloat << std::setprecision(6) << p.value;
    out << "  " << padded(p.name, 34) << padded(p.source, 8) << std::setw(10) << value.str()
        << std::setw(12) << us_text(p.minus.makespan_us) << std::setw(12)
        << us_text(p.plus.makespan_us) << std::setw(10) << p.swing_us << "  ";
    if (p.minus.same_as_baseline && p.plus.same_as_baseline) {
      out << "not rerun: the move leaves the value as it is\n";
    } else {
      out << (p.minus.bound.empty() ? "-" : p.minus.bound) << " / "
          << (p.plus.bound.empty() ? "-" : p.plus.bound) << "\n";
    }
  }
  for (const SensitivityParam& p : r.params) {
    for (const auto& [sign, end] : {std::pair{"-", &p.minus}, std::pair{"+", &p.plus}}) {
      if (end->error.empty()) continue;
      out << "  not run: " << p.name << " at " << sign << percent << "% (" << std::defaultfloat
          << end->value << std::fixed << "): " << end->error << "\n";
    }
  }
}

int sensitivity_main(ArgList& list, std::ostream& out) {
  SensitivityOptions options;
  options.delta = list.real("delta");
  if (const auto names = list.value("params")) options.params = split_names(*names);
  const long long jobs = list.integer("jobs");
  options.jobs = jobs > 0 ? static_cast<int>(jobs)
                          : std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1,
                                       kMaxSensitivityJobs);
  const bool json = list.flag("json");
  const auto plot = list.value("plot");
  const FigureSpec figure = parse_plot_figure_flags(list, plot, "--plot");
  const auto budget = static_cast<std::uint64_t>(list.integer("memory-budget-mb")) << 20;
  const RunConfig config = parse_run_config_flags(list);
  list.finish();
  if (plot && !image_export_available()) {
    export_sensitivity_chart(SensitivityResult{}, "", *plot, figure);  // throws: no GUI
  }
  std::uint64_t image_bytes = 0;
  if (plot) {
    check_image_path("--plot", *plot);
    image_bytes = check_image_memory("--figure", figure.width_pixels(), figure.height_pixels(),
                                     *plot, budget);
  }
  options.memory_budget_bytes = std::max<std::uint64_t>(1, budget - image_bytes);
  OutputSet outputs;
  if (plot) outputs.declare("--plot", *plot);

  // The first SIGINT/SIGTERM/SIGHUP cancels the runs; a second one exits at once.
  g_interrupted.store(false);
  SensitivityResult result;
  {
    const OutputSignalGuard cancel_on_signal(&g_interrupted);
    JobControl control;
    control.cancel = &g_interrupted;
    try {
      result = run_sensitivity(config.hardware, config.kernel, options, control);
    } catch (const Cancelled&) {
      throw InputError("sensitivity", "interrupted",
                       "cancelled before it finished: no output written");
    }
  }
  if (plot) {
    const std::string title = config.hardware.name + ", " + variant_name(config.kernel.variant) +
                              ", preload " + std::to_string(config.kernel.tiling.preload);
    export_sensitivity_chart(result, title, *plot, figure);
  }
  outputs.commit();
  if (json) {
    out << sensitivity_to_json(result).dump(2) << "\n";
  } else {
    print_table(result, config, out);
    if (plot) out << "  plot            " << *plot << "\n";
  }
  return 0;
}

}  // namespace

CommandSpec sensitivity_command() {
  return {"sensitivity",
          "which estimated hardware parameter the makespan hangs on (a tornado)",
          "[SIMULATE FLAGS] [--delta FRACTION] [--params KEY,...] [--jobs N] [--json] "
          "[--plot FILE]",
          "Simulates the run the flags describe, then again with each estimated [E] or fitted "
          "[F] hardware parameter of the machine (their sources are in presets --show) moved "
          "down and up by --delta, in parallel. Prints the makespan at both ends and the bound "
          "there, the parameters ordered by how far they swing the makespan, so a user sees "
          "which assumption a conclusion hangs on; a moved value outside the parameter's range "
          "is reported, not run. JSON or a tornado chart on request. Ctrl+C cancels cleanly: no "
          "output file is written unless every run finished.",
          sensitivity_flags(),
          {{"amla-cli sensitivity", "the paper's shape: every [E] and [F] parameter at +-20%"},
           {"amla-cli sensitivity --batch 16 --kv-len 4096 --delta 0.5 --jobs 2 --plot "
            "out/tornado.png",
            ""},
           {"amla-cli sensitivity --params hbm_bandwidth_gb_per_s,fixp_bytes_per_cycle --json",
            "any parameter may be named"}},
          sensitivity_main};
}

}  // namespace amla::cli
