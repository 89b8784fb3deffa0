// amla-cli calibrate: fits chosen hardware parameters so the simulated run of the profiled shape
// matches a real profile's duration and per-unit pipe busy (core/profile/calibration, NLopt),
// reports the fit and writes a hardware file with the fitted values tagged [F].
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/run_config_flags.h"
#include "core/common/atomic_file.h"
#include "core/common/input_error.h"
#include "core/common/output_set.h"
#include "core/hw/hardware_presets.h"
#include "core/profile/calibration.h"
#include "core/profile/profile_reader.h"
#include "core/run/sensitivity.h"

namespace amla::cli {

namespace {

FlagTable calibrate_flags() {
  std::vector<std::string> formats = {"auto"};
  for (const ProfileFormat f : kProfileFormats) formats.emplace_back(profile_format_name(f));
  FlagSpec profile =
      text_flag("profile", "FILE", "The real profile to match (any format amla-cli import reads).");
  profile.required = true;
  FlagSpec params = text_flag("params", "NAME,NAME",
                              "The hardware parameters to fit (the keys of presets --show, e.g. "
                              "fixp_bytes_per_cycle,mte2_gm_to_l1_bytes_per_cycle).");
  params.required = true;
  FlagTable own = in_group(
      "Calibration",
      {profile, params,
       choice_flag("format", "The profile's format; auto detects it from the content.", formats,
                   "auto"),
       real_flag("clock-mhz", "MHz", "The clock that turns the profile's microseconds into cycles.",
                 1800, 1, 10000),
       integer_flag("max-evals", "N", "Simulations the optimiser may run at most.", 120, 2, 10000),
       real_flag("range", "F", "Search each parameter within [start / F, start x F].", 4, 1.01,
                 1000),
       text_flag("out", "FILE.json",
                 "Write the machine with the fitted values (tagged [F], the profile named as "
                 "their source) as a hardware file for --hw."),
       bare_flag("json", "Print the fit as JSON.")});
  return concat(own, run_config_flag_table());
}

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> names;
  if (text.empty() || text.back() == ',') {
    throw InputError("--params", text, "names separated by commas");
  }
  std::istringstream in(text);
  for (std::string name; std::getline(in, name, ',');) {
    if (name.empty()) throw InputError("--params", text, "names separated by commas");
    names.push_back(name);
  }
  return names;
}

nlohmann::json fit_json(const CalibrationResult& r) {
  nlohmann::json params = nlohmann::json::array();
  for (const FittedParameter& p : r.params) {
    params.push_back({{"name", p.name}, {"start", p.start}, {"fitted", p.fitted}});
  }
  return {{"params", params},
          {"residual_before", r.residual_before},
          {"residual_after", r.residual_after},
          {"evaluations", r.evaluations}};
}

int calibrate_main(ArgList& list, std::ostream& out) {
  ProfileReadOptions read;
  const std::string profile_path = *list.value("profile");
  const std::string params_text = *list.value("params");
  const std::string format = list.text("format");
  read.clock_mhz = list.real("clock-mhz");
  CalibrationOptions options;
  options.max_evaluations = static_cast<int>(list.integer("max-evals"));
  options.range_factor = list.real("range");
  const auto out_path = list.value("out");
  const bool json = list.flag("json");
  const RunConfig config = parse_run_config_flags(list);
  list.finish();
  options.params = split_names(params_text);
  if (format != "auto") read.format = parse_profile_format("--format", format);
  OutputSet outputs;
  if (out_path) outputs.declare("--out", *out_path);

  ProfileSummary profile;
  try {
    profile = summarize_profile(read_profile_file(profile_path, read));
  } catch (const InputError& e) {
    // The reader names the file as "profile"; here it came from --profile.
    if (e.field() != "profile") throw;
    throw InputError("--profile", e.value(), e.limit());
  }
  const CalibrationResult r =
      calibrate_to_profile(config.hardware, config.kernel, profile, options);
  if (out_path) {
    std::vector<ParameterInfo> info = hardware_sources(config.hardware);
    for (ParameterInfo& i : info) {
      for (const FittedParameter& p : r.params) {
        if (i.key == p.name) {
          i.source = "[F] fitted to the profile " + profile_path + " by amla-cli calibrate (" +
                     std::to_string(r.evaluations) + " simulations)";
        }
      }
    }
    const std::string text = hardware_to_json(r.hardware, info).dump(2);
    write_file_atomically("--out", *out_path, [&](std::ostream& f) { f << text << "\n"; });
    outputs.commit();
  }
  if (json) {
    out << fit_json(r).dump(2) << "\n";
    return 0;
  }
  out << "calibrated to " << profile_path << " (" << profile.duration_us << " us, " << profile.cores
      << " cores) in " << r.evaluations << " simulations\n";
  out << std::setprecision(6);
  for (const FittedParameter& p : r.params) {
    std::string name = p.name;
    name.resize(std::max<std::size_t>(name.size(), 32), ' ');
    out << "  " << name << p.start << " -> " << p.fitted << "\n";
  }
  out << std::scientific << std::setprecision(3) << "  residual (busy^2 + duration error^2) "
      << r.residual_before << " -> " << r.residual_after << "\n";
  if (out_path) out << "wrote " << *out_path << " (use it with --hw)\n";
  return 0;
}

}  // namespace

CommandSpec calibrate_command() {
  return {"calibrate",
          "fit estimated hardware parameters to a real profile (NLopt)",
          "--profile FILE --params NAME,NAME [simulate flags of the profiled shape] [--out "
          "FILE.json] [--json]",
          "Fits the named hardware parameters so the simulated run of the profiled shape matches "
          "the profile: the sum of squared differences of every per-unit pipe busy fraction the "
          "profile measures, plus the duration's squared relative error, minimised by NLopt's "
          "Subplex (derivative-free: the simulation moves in whole cycles) over each parameter "
          "within a factor of its start. Prints the fitted values and the residual before and "
          "after; --out writes a hardware file with the fitted values tagged [F].",
          calibrate_flags(),
          {{"amla-cli simulate --batch 8 --kv-len 2048 --trace p.json --trace-format insight",
            "a profile to try it on"},
           {"amla-cli calibrate --profile p.json --batch 8 --kv-len 2048 --params "
            "fixp_bytes_per_cycle --out fitted.json",
            ""}},
          calibrate_main};
}

}  // namespace amla::cli
