#include "core/kernel/config_json.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/common/atomic_file.h"
#include "core/common/input_error.h"
#include "core/common/json_io.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_params.h"

namespace amla {

namespace {

// Schema parameters are read from their section ("problem", "tiling") or the top level.
const ParamDef* section_param(std::string_view section, const std::string& key) {
  for (const ParamDef& p : kernel_params()) {
    if (p.json_section() == section && p.json_key() == key) return &p;
  }
  return nullptr;
}

std::vector<std::string> section_keys(std::string_view section, std::vector<std::string> extra) {
  for (const ParamDef& p : kernel_params()) {
    if (p.json_section() == section) extra.emplace_back(p.json_key());
  }
  return extra;
}

void read_param(const ParamDef& p, const std::string& at, const nlohmann::json& value,
                KernelConfig& config) {
  const std::string limit = param_range_text(p);
  long long v = 0;
  if (p.type == ParamType::kChoice) {
    if (!value.is_string()) throw InputError(at, short_dump(value), limit);
    v = parse_param_value(p, at, value.get<std::string>());
  } else {
    if (!value.is_number_integer()) throw InputError(at, short_dump(value), limit);
    // Unsigned JSON integers above INT64_MAX would wrap in get<long long>: compare as unsigned.
    if (value.is_number_unsigned() &&
        value.get<unsigned long long>() > static_cast<unsigned long long>(p.max)) {
      throw InputError(at, short_dump(value), limit);
    }
    v = value.get<long long>();
    check_param_value(p, at, v);
  }
  p.set(config, v);
}

void require_object(const std::string& path, const nlohmann::json& v) {
  if (!v.is_object()) throw InputError(path, short_dump(v), "must be a JSON object");
}

void read_kv_lens(const std::string& at, const nlohmann::json& value, Problem& problem) {
  const ParamDef& kv_len = param("problem.kv_len");
  if (!value.is_array()) throw InputError(at, short_dump(value), "must be an array of integers");
  const auto max_entries = static_cast<std::size_t>(param("problem.batch").max);
  if (value.size() > max_entries) {
    throw InputError(at, std::to_string(value.size()) + " entries",
                     "at most " + std::to_string(max_entries));
  }
  problem.kv_lens.clear();
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item = at + "[" + std::to_string(i) + "]";
    if (!value[i].is_number_integer()) {
      throw InputError(item, short_dump(value[i]), param_range_text(kv_len));
    }
    const long long len = value[i].get<long long>();
    check_param_value(kv_len, item, len);
    problem.kv_lens.push_back(static_cast<int>(len));
  }
}

void read_section(const nlohmann::json& j, const std::string& path, std::string_view section,
                  KernelConfig& config) {
  require_object(path, j);
  const bool has_lengths = section == "problem";
  for (const auto& [key, value] : j.items()) {
    const std::string at = json_key_path(path, key);
    if (has_lengths && key == "kv_lens") {
      read_kv_lens(at, value, config.problem);
    } else if (const ParamDef* p = section_param(section, key)) {
      read_param(*p, at, value, config);
    } else {
      throw InputError(
          at, "unknown key",
          unknown_key_limit(key,
                            section_keys(section, has_lengths ? std::vector<std::string>{"kv_lens"}
                                                              : std::vector<std::string>{})));
    }
  }
  // One length per batch entry; without "batch" the array decides it.
  Problem& p = config.problem;
  if (has_lengths && !p.kv_lens.empty()) {
    if (!j.contains("batch")) {
      p.batch = static_cast<int>(p.kv_lens.size());
    } else if (static_cast<std::size_t>(p.batch) != p.kv_lens.size()) {
      throw InputError(
          json_key_path(path, "kv_lens"), std::to_string(p.kv_lens.size()) + " entries",
          "must have one entry per batch entry (batch " + std::to_string(p.batch) + ")");
    }
  }
}

std::string read_string(const std::string& path, const nlohmann::json& v) {
  if (!v.is_string()) throw InputError(path, short_dump(v), "must be a string");
  return v.get<std::string>();
}

RunConfig run_config_at(const nlohmann::json& j, const std::string& prefix) {
  if (!j.is_object()) {
    throw InputError(prefix.empty() ? "config" : prefix, short_dump(j), "must be a JSON object");
  }
  const std::vector<std::string> top_keys =
      section_keys("", {"preset", "hardware", "problem", "tiling"});
  for (const auto& [key, value] : j.items()) {
    if (std::find(top_keys.begin(), top_keys.end(), key) == top_keys.end()) {
      throw InputError(json_key_path(prefix, key), "unknown key", unknown_key_limit(key, top_keys));
    }
  }
  RunConfig config;
  // The preset first, then explicit hardware parameters on top, whatever the key order.
  if (const auto it = j.find("preset"); it != j.end()) {
    const std::string at = json_key_path(prefix, "preset");
    const std::string name = read_string(at, *it);
    try {
      config.hardware = find_preset(name);
    } catch (const InputError& e) {
      throw InputError(at, e.value(), e.limit());
    }
  }
  if (const auto it = j.find("hardware"); it != j.end()) {
    const std::string at = json_key_path(prefix, "hardware");
    require_object(at, *it);
    const bool renamed = it->contains("name");
    apply_hardware_json(*it, at, config.hardware);
    // A preset with changes is no longer that preset; say so in reports.
    if (j.contains("preset") && !renamed && !it->empty()) config.hardware.name += " + overrides";
  }
  for (const std::string section : {"problem", "tiling"}) {
    if (const auto it = j.find(section); it != j.end()) {
      read_section(*it, json_key_path(prefix, section), section, config.kernel);
    }
  }
  for (const auto& [key, value] : j.items()) {
    if (const ParamDef* p = section_param("", key)) {
      read_param(*p, json_key_path(prefix, key), value, config.kernel);
    }
  }
  return config;
}

}  // namespace

KernelVariant parse_variant(const std::string& field, const std::string& text) {
  return static_cast<KernelVariant>(parse_param_value(param("variant"), field, text));
}

KvSplitPolicy parse_kv_split(const std::string& field, const std::string& text) {
  return static_cast<KvSplitPolicy>(parse_param_value(param("tiling.kv_split"), field, text));
}

RunConfig run_config_from_json(const nlohmann::json& j) { return run_config_at(j, ""); }

nlohmann::json run_config_to_json(const RunConfig& config) {
  nlohmann::json j = {{"hardware", hardware_to_json(config.hardware)},
                      {"problem", nlohmann::json::object()},
                      {"tiling", nlohmann::json::object()}};
  for (const ParamDef& p : kernel_params()) {
    nlohmann::json& section = p.json_section().empty() ? j : j[std::string(p.json_section())];
    const long long v = p.get(config.kernel);
    if (p.type == ParamType::kChoice) {
      section[std::string(p.json_key())] = format_param_value(p, v);
    } else {
      section[std::string(p.json_key())] = v;
    }
  }
  if (!config.kernel.problem.kv_lens.empty())
    j["problem"]["kv_lens"] = config.kernel.problem.kv_lens;
  return j;
}

RunConfig load_run_config_file(const std::string& path) {
  return run_config_at(read_json_file("--config", path), "--config");
}

void save_run_config_file(const std::string& field, const std::string& path,
                          const RunConfig& config) {
  const nlohmann::json j = run_config_to_json(config);
  write_file_atomically(field, path, [&](std::ostream& out) { out << j.dump(2) << "\n"; });
}

}  // namespace amla
