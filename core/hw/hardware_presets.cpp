#include "core/hw/hardware_presets.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <type_traits>
#include <variant>

#include "core/common/atomic_file.h"
#include "core/common/input_error.h"
#include "core/common/json_io.h"

namespace amla {

namespace {

using Member =
    std::variant<int HardwareModel::*, double HardwareModel::*, std::int64_t HardwareModel::*>;

// One parameter: where it lives, how it is documented and what a sane value is. Ranges are
// generous (they stop typos and nonsense, not experiments); integer members take JSON integers.
struct ParamSpec {
  const char* key;
  Member member;
  const char* unit;
  const char* source;
  double min;
  double max;
  bool min_open;  // (min, max] instead of [min, max]
};

constexpr double kBig = 1e9;
// Rates and the clock have positive floors: a bandwidth of 1e-300 or a clock of 1e-30 GHz made
// single ops last ~1e300 cycles, which hung the simulator or overflowed its 64-bit cycle counts.
constexpr double kMinRate = 0.01;

// In HardwareModel declaration order; the default source notes match resources/presets.
const std::vector<ParamSpec>& param_specs() {
  using H = HardwareModel;
  static const std::vector<ParamSpec> specs = {
      {"dies", &H::dies, "count", "[O] one die per device as CANN sees it", 1, 8, false},
      {"aic_per_die", &H::aic_per_die, "count",
       "[T][H] CANN platform ini via third-party notes; Huawei code", 1, 1024, false},
      // The AMLA kernel splits each task's rows over exactly two AIVs (lanes AIV0, AIV1), so
      // only the 910B/910C ratio can be honoured: anything else is refused, never ignored.
      {"aiv_per_aic", &H::aiv_per_aic, "count", "[O] Ascend C guide: 1 AIC : 2 AIV on 910B/910C", 2,
       2, false},
      {"clock_ghz", &H::clock_ghz, "GHz",
       "[T][H] CANN platform ini; Vector clock assumed equal [E]", 0.1, 10, false},
      {"cube_flops_per_cycle", &H::cube_flops_per_cycle, "FLOP/cycle",
       "[O] 16x16x16 BF16 MAC per cycle per AIC", 1, 1e7, false},
      {"mmad_startup_cycles", &H::mmad_startup_cycles, "cycles",
       "[H] pto-isa cost model: ~6 cycles start-up per mmad", 0, 1e6, false},
      {"vector_bytes_per_repeat", &H::vector_bytes_per_repeat, "B",
       "[O] 256 B per repeat (64 FP32 / 128 BF16 lanes)", 1, 65536, false},
      {"vector_cycles_tensor_tensor", &H::vector_cycles_tensor_tensor, "cycles/repeat",
       "[H] pto-isa cost model (add, mul, exp)", 0, 1e4, true},
      {"vector_cycles_tensor_scalar", &H::vector_cycles_tensor_scalar, "cycles/repeat",
       "[H] pto-isa cost model", 0, 1e4, true},
      {"vector_cycles_divide", &H::vector_cycles_divide, "cycles/repeat", "[H] pto-isa cost model",
       0, 1e4, true},
      {"vector_reduce_cycles_per_element", &H::vector_reduce_cycles_per_element, "cycles/element",
       "[H] row sum of 128 FP32 columns", 0, 1e3, true},
      {"vector_startup_cycles", &H::vector_startup_cycles, "cycles",
       "[H] 10-15 cycles per instruction; middle value", 0, 1e6, false},
      {"mte2_gm_to_l1_bytes_per_cycle", &H::mte2_gm_to_l1_bytes_per_cycle, "B/cycle",
       "[H] pto-isa cost model, GM->L1", kMinRate, 1e5, false},
      {"mte2_gm_to_ub_bytes_per_cycle", &H::mte2_gm_to_ub_bytes_per_cycle, "B/cycle",
       "[H] pto-isa cost model, GM->UB", kMinRate, 1e5, false},
      {"mte1_l1_to_l0a_bytes_per_cycle", &H::mte1_l1_to_l0a_bytes_per_cycle, "B/cycle",
       "[H][T] sources give 256-512; low end", kMinRate, 1e5, false},
      {"mte1_l1_to_l0b_bytes_per_cycle", &H::mte1_l1_to_l0b_bytes_per_cycle, "B/cycle",
       "[H][T] about 128 B/cycle", kMinRate, 1e5, false},
      {"fixp_bytes_per_cycle", &H::fixp_bytes_per_cycle, "B/cycle",
       "[F] fitted to the paper's 614 TFLOPS (pto-isa cost model [H]: 41)", kMinRate, 1e5, false},
      {"mte3_bytes_per_cycle", &H::mte3_bytes_per_cycle, "B/cycle",
       "[H] pto-isa cost model, UB->GM", kMinRate, 1e5, false},
      {"dma_half_efficiency_bytes", &H::dma_half_efficiency_bytes, "B",
       "[E] fitted so 16 KB transfers reach ~95% of peak [O]", 0, 1e6, false},
      {"hbm_bandwidth_gb_per_s", &H::hbm_bandwidth_gb_per_s, "GB/s",
       "[O][H][T] about 1.6 TB/s per die", kMinRate, 1e7, false},
      {"l2_bandwidth_gb_per_s", &H::l2_bandwidth_gb_per_s, "GB/s",
       "[O][H] about 7 TB/s mixed read/write per die", kMinRate, 1e8, false},
      {"hbm_capacity_gb", &H::hbm_capacity_gb, "GB", "[T][H] per die", 0, 1e7, true},
      {"l2_capacity_mb", &H::l2_capacity_mb, "MB", "[T][H] per die", 0, 1e7, true},
      {"l2_hit_latency_cycles", &H::l2_hit_latency_cycles, "cycles", "[E] no published figure", 0,
       kBig, false},
      {"hbm_extra_latency_cycles", &H::hbm_extra_latency_cycles, "cycles",
       "[E] added to an L2 miss; no published figure", 0, kBig, false},
      {"atomic_rmw_factor", &H::atomic_rmw_factor, "x",
       "[E] atomic add cost undocumented; read-modify-write in L2", 1, 100, false},
      {"l1_bytes", &H::l1_bytes, "B", "[O] 512 KB per AIC", 1, 1LL << 34, false},
      {"l0a_bytes", &H::l0a_bytes, "B", "[O] 64 KB per AIC", 1, 1LL << 34, false},
      {"l0b_bytes", &H::l0b_bytes, "B", "[O] 64 KB per AIC", 1, 1LL << 34, false},
      {"l0c_bytes", &H::l0c_bytes, "B", "[O] 128 KB per AIC", 1, 1LL << 34, false},
      {"ub_bytes", &H::ub_bytes, "B", "[O] 192 KB per AIV", 1, 1LL << 34, false},
      {"intra_core_flag_latency_cycles", &H::intra_core_flag_latency_cycles, "cycles",
       "[E] SetFlag/WaitFlag cost unpublished", 0, kBig, false},
      {"cross_core_flag_latency_cycles", &H::cross_core_flag_latency_cycles, "cycles",
       "[E] Huawei FA cost model's empirical correction per tile hand-off [H]", 0, kBig, false},
      {"cross_core_flag_max_pending", &H::cross_core_flag_max_pending, "count",
       "[O] at most 15-16 pending cross-core sets", 1, 1024, false},
      {"scalar_setup_cycles", &H::scalar_setup_cycles, "cycles",
       "[E] SCALAR work (addresses, loop bounds) before each stage of a task", 0, kBig, false},
      {"block_dispatch_cycles", &H::block_dispatch_cycles, "cycles",
       "[E] off by default; Huawei FA cost model used ~2000 per block dispatch [H]", 0, kBig,
       false},
      {"kernel_launch_us", &H::kernel_launch_us, "us",
       "[E] off by default; measured launches are 6-21 us [H]", 0, 1e6, false},
  };
  return specs;
}

const ParamSpec* find_spec(const std::string& key) {
  for (const ParamSpec& s : param_specs()) {
    if (key == s.key) return &s;
  }
  return nullptr;
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

bool is_integer_member(const Member& m) {
  return !std::holds_alternative<double HardwareModel::*>(m);
}

std::string range_text(const ParamSpec& s) {
  const std::string kind = is_integer_member(s.member) ? "an integer" : "a number";
  return "must be " + kind + " in " + (s.min_open ? "(" : "[") + number_text(s.min) + ", " +
         number_text(s.max) + "] " + s.unit;
}

void set_member(HardwareModel& hw, const Member& m, double v) {
  std::visit(
      [&](auto member) {
        using T = std::remove_reference_t<decltype(hw.*member)>;
        hw.*member = static_cast<T>(v);
      },
      m);
}

nlohmann::json member_json(const HardwareModel& hw, const Member& m) {
  return std::visit([&](auto member) { return nlohmann::json(hw.*member); }, m);
}

// Reads one parameter (a number or {"value", "unit", "source"}) into hw; `path` names it.
void read_parameter(const ParamSpec& spec, const nlohmann::json& entry, const std::string& path,
                    HardwareModel& hw) {
  const nlohmann::json* value = &entry;
  if (entry.is_object()) {
    for (const auto& [k, v] : entry.items()) {
      if (k == "value") continue;
      if (k == "unit") {
        // A unit other than ours means the number is in different units: refuse, do not guess.
        if (!v.is_string() || v.get<std::string>() != spec.unit) {
          throw InputError(path + ".unit", short_dump(v),
                           std::string("must be \"") + spec.unit + "\"; values are not converted");
        }
      } else if (k == "source") {
        if (!v.is_string()) throw InputError(path + ".source", short_dump(v), "must be a string");
      } else {
        throw InputError(path + "." + k, "unknown key",
                         unknown_key_limit(k, {"value", "unit", "source"}));
      }
    }
    const auto it = entry.find("value");
    if (it == entry.end()) throw InputError(path + ".value", "(missing)", range_text(spec));
    value = &*it;
  }
  const bool integral = is_integer_member(spec.member);
  const bool type_ok = integral ? value->is_number_integer() : value->is_number();
  if (!type_ok) throw InputError(path, short_dump(*value), range_text(spec));
  const double v = value->get<double>();
  const bool below = spec.min_open ? !(v > spec.min) : !(v >= spec.min);
  if (!std::isfinite(v) || below || v > spec.max) {
    throw InputError(path, short_dump(*value), range_text(spec));
  }
  set_member(hw, spec.member, v);
}

std::string known_preset_list() {
  std::string list;
  for (const auto& name : preset_names()) list += (list.empty() ? "" : ", ") + name;
  return list;
}

const std::string* embedded_text(const std::string& name) {
  for (const auto& [n, text] : embedded_presets()) {
    if (n == name) return &text;
  }
  return nullptr;
}

std::vector<std::string> hardware_keys(std::vector<std::string> extra) {
  for (const ParamSpec& s : param_specs()) extra.emplace_back(s.key);
  return extra;
}

}  // namespace

const std::vector<ParameterInfo>& hardware_parameter_info() {
  static const std::vector<ParameterInfo> info = [] {
    std::vector<ParameterInfo> v;
    for (const ParamSpec& s : param_specs()) v.push_back({s.key, s.unit, s.source});
    return v;
  }();
  return info;
}

std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  for (const auto& [name, text] : embedded_presets()) names.push_back(name);
  return names;
}

HardwareModel find_preset(const std::string& name) {
  const std::string* text = embedded_text(name);
  if (!text) throw InputError("--preset", name, "one of " + known_preset_list());
  return hardware_from_json(parse_json_text("preset " + name, name + ".json", *text),
                            "preset " + name);
}

std::vector<ParameterInfo> preset_parameter_info(const std::string& name) {
  const std::string* text = embedded_text(name);
  if (!text) throw InputError("--preset", name, "one of " + known_preset_list());
  const nlohmann::json j = parse_json_text("preset " + name, name + ".json", *text);
  std::vector<ParameterInfo> info = hardware_parameter_info();
  const auto params = j.find("parameters");
  if (params == j.end() || !params->is_object()) return info;
  for (ParameterInfo& p : info) {
    const auto entry = params->find(p.key);
    if (entry == params->end() || !entry->is_object()) continue;
    const auto source = entry->find("source");
    if (source != entry->end() && source->is_string()) p.source = source->get<std::string>();
  }
  return info;
}

void apply_hardware_json(const nlohmann::json& j, const std::string& field, HardwareModel& hw) {
  if (!j.is_object()) {
    throw InputError(field.empty() ? "hardware" : field, short_dump(j),
                     "must be a JSON object of hardware parameters");
  }
  const nlohmann::json* params = nullptr;
  for (const auto& [key, value] : j.items()) {
    const std::string path = json_key_path(field, key);
    if (key == "name" || key == "description") {
      if (!value.is_string()) throw InputError(path, short_dump(value), "must be a string");
      (key == "name" ? hw.name : hw.description) = value.get<std::string>();
    } else if (key == "parameters") {
      if (!value.is_object()) {
        throw InputError(path, short_dump(value), "must be an object of parameters");
      }
      params = &value;
    } else if (const ParamSpec* spec = find_spec(key)) {
      read_parameter(*spec, value, path, hw);
    } else {
      throw InputError(
          path, "unknown key",
          unknown_key_limit(key, hardware_keys({"name", "description", "parameters"})));
    }
  }
  if (!params) return;
  for (const auto& [key, value] : params->items()) {
    const std::string path = json_key_path(field, "parameters." + key);
    const ParamSpec* spec = find_spec(key);
    if (!spec) {
      throw InputError(path, "unknown key", unknown_key_limit(key, hardware_keys({})));
    }
    if (j.contains(key)) throw InputError(path, "given twice", "also given at the top level");
    read_parameter(*spec, value, path, hw);
  }
}

HardwareModel hardware_from_json(const nlohmann::json& j, const std::string& field) {
  HardwareModel hw;
  apply_hardware_json(j, field, hw);
  return hw;
}

nlohmann::json hardware_to_json(const HardwareModel& hw) {
  return hardware_to_json(hw, hardware_parameter_info());
}

nlohmann::json hardware_to_json(const HardwareModel& hw, const std::vector<ParameterInfo>& info) {
  nlohmann::json params = nlohmann::json::object();
  for (const ParamSpec& s : param_specs()) {
    std::string source = s.source;
    for (const ParameterInfo& p : info) {
      if (p.key == s.key) source = p.source;
    }
    params[s.key] = {{"value", member_json(hw, s.member)}, {"unit", s.unit}, {"source", source}};
  }
  return {{"name", hw.name}, {"description", hw.description}, {"parameters", params}};
}

HardwareModel hardware_file_from_json(const nlohmann::json& j, const std::string& field) {
  HardwareModel hw;
  if (!j.is_object()) return hardware_from_json(j, field);  // throws naming the shape
  nlohmann::json rest = j;
  const auto preset = j.find("preset");
  if (preset != j.end()) {
    const std::string path = json_key_path(field, "preset");
    if (!preset->is_string()) throw InputError(path, short_dump(*preset), "must be a preset name");
    try {
      hw = find_preset(preset->get<std::string>());
    } catch (const InputError& e) {
      throw InputError(path, e.value(), e.limit());
    }
    rest.erase("preset");
  }
  apply_hardware_json(rest, field, hw);
  if (preset != j.end()) return hw;
  // Without a preset to extend, a missing key would silently run at the built-in default.
  const auto params = j.find("parameters");
  for (const ParamSpec& s : param_specs()) {
    if (j.contains(s.key) || (params != j.end() && params->contains(s.key))) continue;
    throw InputError(json_key_path(field, s.key), "missing",
                     "a --hw file gives every parameter, or names the preset it extends: "
                     "\"preset\": \"910B2\"");
  }
  return hw;
}

HardwareModel load_hardware_file(const std::string& path) {
  return hardware_file_from_json(read_json_file("--hw", path), "--hw");
}

void save_hardware_file(const std::string& field, const std::string& path,
                        const HardwareModel& hw) {
  const nlohmann::json j = hardware_to_json(hw);
  write_file_atomically(field, path, [&](std::ostream& out) { out << j.dump(2) << "\n"; });
}

}  // namespace amla
