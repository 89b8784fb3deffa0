#include "core/sweep/knobs.h"

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_params.h"

namespace amla {

namespace {

// The machine is the one knob outside the kernel's parameter schema.
constexpr const char* kPresetKnob = "preset";

}  // namespace

const std::vector<KnobInfo>& run_knobs() {
  static const std::vector<KnobInfo> infos = [] {
    std::vector<KnobInfo> v{{kPresetKnob, "hardware preset (amla-cli presets lists them)"}};
    for (const ParamDef& p : kernel_params()) {
      v.push_back(
          {std::string(p.flag), render_param_refs(std::string(p.help), ParamNaming::kFlag)});
    }
    return v;
  }();
  return infos;
}

bool is_run_knob(const std::string& name) {
  return name == kPresetKnob || find_param_by_flag(name) != nullptr;
}

void apply_knob(RunConfig& config, const std::string& name, const std::string& value) {
  const std::string field = "--" + name;
  if (name == kPresetKnob) {
    try {
      config.hardware = find_preset(value);
    } catch (const InputError& e) {
      throw InputError(field, value, e.limit());
    }
    return;
  }
  const ParamDef* p = find_param_by_flag(name);
  if (!p) {
    std::vector<std::string> names;
    for (const auto& info : run_knobs()) names.push_back(info.name);
    throw InputError(field, "unknown parameter", unknown_key_limit(name, names));
  }
  p->set(config.kernel, parse_param_value(*p, field, value));
  // One S_k for every request replaces any per-request lengths.
  if (p->id == "problem.kv_len") config.kernel.problem.kv_lens.clear();
}

std::string knob_value(const RunConfig& config, const std::string& name) {
  if (name == kPresetKnob) return config.hardware.name;
  const ParamDef* p = find_param_by_flag(name);
  if (!p) throw InputError("--" + name, "unknown parameter", "not a run knob");
  return format_param_value(*p, p->get(config.kernel));
}

}  // namespace amla
