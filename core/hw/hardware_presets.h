#pragma once
// Named hardware presets (resources/presets/*.json, compiled into the library) and the JSON form
// of a HardwareModel: {"name", "description", "parameters": {key: {"value", "unit", "source"}}}.
// The same format is read and written, so a user can dump a preset, edit it and load it with
// --hw. All bad input throws InputError naming the offending key, its value and the allowed range.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/common/json_io.h"
#include "core/hw/hardware_model.h"

namespace amla {

// Defined in the generated embedded_presets.cpp: (file name without .json, JSON text), sorted.
const std::vector<std::pair<std::string, std::string>>& embedded_presets();

std::vector<std::string> preset_names();
// Throws InputError("--preset", name, "one of ...") for an unknown name.
HardwareModel find_preset(const std::string& name);
// The default units and sources with the preset's own source notes in place of the defaults.
std::vector<ParameterInfo> preset_parameter_info(const std::string& name);

// One entry per HardwareModel parameter, in declaration order, describing the default values.
const std::vector<ParameterInfo>& hardware_parameter_info();

// Reads a hardware description onto the defaults. Accepts the preset format above, or parameter
// keys directly at the top level; each parameter is {"value": x, ...} or a plain number. Missing
// keys keep their value; unknown keys, wrong types, wrong units and out-of-range values throw.
// `field` prefixes the key path in errors ("hardware" -> "hardware.clock_ghz").
HardwareModel hardware_from_json(const nlohmann::json& j, const std::string& field);
// The same, applied onto an existing model (a preset plus overrides).
void apply_hardware_json(const nlohmann::json& j, const std::string& field, HardwareModel& hw);

// Full preset-format JSON; sources from `info` (hardware_parameter_info() by default).
nlohmann::json hardware_to_json(const HardwareModel& hw);
nlohmann::json hardware_to_json(const HardwareModel& hw, const std::vector<ParameterInfo>& info);

// A --hw file: every parameter must be given (the preset format, as `presets --show --out`
// writes it), or the file names the preset it extends ("preset": "910B2") and overrides some;
// a missing key is refused naming it, never defaulted.
HardwareModel hardware_file_from_json(const nlohmann::json& j, const std::string& field);
// Reads a hardware file (errors name "--hw"): unreadable, too large, nested deeper than
// kMaxJsonDepth or malformed (with nlohmann's byte position) are refused.
HardwareModel load_hardware_file(const std::string& path);
// Writes hardware_to_json(hw) atomically.
void save_hardware_file(const std::string& field, const std::string& path, const HardwareModel& hw);

}  // namespace amla
