// amla-cli presets: the built-in machines at a glance, or one of them in full as editable JSON
// (save it with --out, change numbers, load it back with simulate --hw).
#include <cstdio>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "core/common/atomic_file.h"
#include "core/common/input_error.h"
#include "core/common/output_set.h"
#include "core/hw/hardware_presets.h"

namespace amla::cli {

namespace {

std::string fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

nlohmann::json summary_json(const HardwareModel& hw) {
  return {{"name", hw.name},
          {"description", hw.description},
          {"dies", hw.dies},
          {"aic", hw.total_aic()},
          {"aiv", hw.total_aic() * hw.aiv_per_aic},
          {"clock_ghz", hw.clock_ghz},
          {"cube_peak_tflops", hw.cube_peak_tflops()},
          {"hbm_gb_per_s", hw.hbm_total_gb_per_s()},
          {"hbm_gb", hw.hbm_capacity_gb * hw.dies},
          {"l2_mb", hw.l2_capacity_mb * hw.dies}};
}

void print_table(const std::vector<HardwareModel>& presets, std::ostream& out) {
  const auto row = [&](const std::string& name, const std::string& cores, const std::string& clock,
                       const std::string& peak, const std::string& hbm_bw, const std::string& hbm,
                       const std::string& l2) {
    out << std::left << std::setw(14) << name << std::right << std::setw(11) << cores
        << std::setw(8) << clock << std::setw(12) << peak << std::setw(10) << hbm_bw << std::setw(8)
        << hbm << std::setw(10) << l2 << "\n";
  };
  row("preset", "AIC/AIV", "GHz", "Cube TFLOPS", "HBM GB/s", "HBM GB", "L2 MB");
  for (const HardwareModel& hw : presets) {
    const std::string per_die = hw.dies > 1 ? std::to_string(hw.dies) + " x " : "";
    row(hw.name,
        std::to_string(hw.total_aic()) + "/" + std::to_string(hw.total_aic() * hw.aiv_per_aic),
        fixed(hw.clock_ghz, 2), fixed(hw.cube_peak_tflops(), 1), fixed(hw.hbm_total_gb_per_s(), 0),
        per_die + fixed(hw.hbm_capacity_gb, 0), per_die + fixed(hw.l2_capacity_mb, 0));
  }
  out << "\nCube peak = AIC x FLOP/cycle x clock (BF16); HBM GB/s summed over dies.\n"
         "amla-cli presets --show NAME [--out FILE] prints (or saves) one preset as JSON with\n"
         "every parameter, its unit and its source; edit it and pass it to simulate --hw FILE.\n";
}

FlagTable presets_flags() {
  return {bare_flag("json", "Print the summary table as JSON."),
          choice_flag("show",
                      "Print one preset in full as JSON: every parameter with its unit "
                      "and its source.",
                      preset_names()),
          text_flag("out", "FILE", "With --show: write the JSON to FILE instead.")};
}

int presets_main(ArgList& list, std::ostream& out) {
  const bool json = list.flag("json");
  const auto show = list.value("show");
  const auto out_path = list.value("out");
  list.finish();
  if (out_path && !show) throw InputError("--out", *out_path, "needs --show NAME");
  OutputSet outputs;
  if (out_path) outputs.declare("--out", *out_path);

  if (show) {
    // Report an unknown name against the flag the user typed, with the list of names.
    HardwareModel hw;
    std::vector<ParameterInfo> info;
    try {
      hw = find_preset(*show);
      info = preset_parameter_info(*show);
    } catch (const InputError& e) {
      throw InputError("--show", e.value(), e.limit());
    }
    const std::string text = hardware_to_json(hw, info).dump(2);
    if (out_path) {
      write_file_atomically("--out", *out_path, [&](std::ostream& f) { f << text << "\n"; });
      outputs.commit();
      out << "wrote " << *out_path << " (preset " << hw.name << ")\n";
    } else {
      out << text << "\n";
    }
    return 0;
  }

  std::vector<HardwareModel> presets;
  for (const std::string& name : preset_names()) presets.push_back(find_preset(name));
  if (json) {
    nlohmann::json j = nlohmann::json::array();
    for (const HardwareModel& hw : presets) j.push_back(summary_json(hw));
    out << j.dump(2) << "\n";
  } else {
    print_table(presets, out);
  }
  return 0;
}

}  // namespace

CommandSpec presets_command() {
  return {
      "presets",
      "the built-in machines at a glance, or one in full as editable JSON",
      "[--json] [--show NAME [--out FILE]]",
      "Lists the built-in Ascend 910 machines (cores, clock, Cube peak, HBM bandwidth and "
      "capacity, L2), or prints one of them with every parameter, its unit and its source. "
      "Save it with --out, change numbers and load it back with simulate --hw FILE.",
      presets_flags(),
      {{"amla-cli presets", ""},
       {"amla-cli presets --show 910B4 --out my-hw.json", "edit, then: simulate --hw my-hw.json"}},
      presets_main};
}

}  // namespace amla::cli
