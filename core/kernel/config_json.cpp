#include "core/kernel/config_json.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/common/atomic_file.h"
#include "core/common/input_error.h"
#include "core/common/json_io.h"
#include "core/hw/hardware_presets.h"

namespace amla {

namespace {

// An integer member of T, reached through a function so nested members (tiling.blocking) and
// plain ones share one table; the same table writes the JSON, so reading and writing agree.
template <class T>
struct IntField {
  const char* key;
  int& (*ref)(T&);
  long long min;
  long long max;
};

constexpr long long kLoose = 1LL << 20;

const std::vector<IntField<Problem>>& problem_fields() {
  static const std::vector<IntField<Problem>> fields = {
      {"batch", [](Problem& p) -> int& { return p.batch; }, 1, kLoose},
      {"q_tokens", [](Problem& p) -> int& { return p.q_tokens; }, 1, 1024},
      {"heads", [](Problem& p) -> int& { return p.heads; }, 1, 1 << 16},
      {"kv_len", [](Problem& p) -> int& { return p.kv_len; }, 1, 1 << 26},
      {"latent_dim", [](Problem& p) -> int& { return p.latent_dim; }, 1, 1 << 16},
      {"rope_dim", [](Problem& p) -> int& { return p.rope_dim; }, 0, 1 << 16},
      {"page_size", [](Problem& p) -> int& { return p.page_size; }, 1, kLoose},
  };
  return fields;
}

const std::vector<IntField<Tiling>>& tiling_fields() {
  static const std::vector<IntField<Tiling>> fields = {
      // Same bounds as validate_blocking, so a config never passes here and fails there.
      {"rows_per_task", [](Tiling& t) -> int& { return t.blocking.rows_per_task; }, 1, 4096},
      {"kv_block", [](Tiling& t) -> int& { return t.blocking.kv_block; }, 1, 65536},
      {"l1_k_split", [](Tiling& t) -> int& { return t.l1_k_split; }, 1, kLoose},
      {"mm1_n_tile", [](Tiling& t) -> int& { return t.mm1_n_tile; }, 1, kLoose},
      {"mm1_k_slice", [](Tiling& t) -> int& { return t.mm1_k_slice; }, 1, kLoose},
      {"mm2_k_split", [](Tiling& t) -> int& { return t.mm2_k_split; }, 1, kLoose},
      {"mm2_n_tile", [](Tiling& t) -> int& { return t.mm2_n_tile; }, 1, kLoose},
      {"mm2_k_slice", [](Tiling& t) -> int& { return t.mm2_k_slice; }, 1, kLoose},
      {"m_tile", [](Tiling& t) -> int& { return t.m_tile; }, 1, kLoose},
      {"qp_buffers", [](Tiling& t) -> int& { return t.qp_buffers; }, 1, 64},
      {"kv_buffers", [](Tiling& t) -> int& { return t.kv_buffers; }, 1, 64},
      {"l0ab_buffers", [](Tiling& t) -> int& { return t.l0ab_buffers; }, 1, 64},
      {"l0c_buffers", [](Tiling& t) -> int& { return t.l0c_buffers; }, 1, 64},
      {"ub_chunk_bytes", [](Tiling& t) -> int& { return t.ub_chunk_bytes; }, 1, 1 << 30},
      {"ub_input_buffers", [](Tiling& t) -> int& { return t.ub_input_buffers; }, 1, 64},
      {"gm_slots", [](Tiling& t) -> int& { return t.gm_slots; }, 1, 64},
      {"preload", [](Tiling& t) -> int& { return t.preload; }, 0, 2},
      {"kv_splits", [](Tiling& t) -> int& { return t.kv_splits; }, 1, kLoose},
  };
  return fields;
}

int read_int(const std::string& path, const nlohmann::json& v, long long min, long long max) {
  const std::string limit =
      "must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  if (!v.is_number_integer()) throw InputError(path, short_dump(v), limit);
  // Unsigned JSON integers above INT64_MAX would wrap in get<long long>: compare as unsigned.
  if (v.is_number_unsigned() &&
      v.get<unsigned long long>() > static_cast<unsigned long long>(max)) {
    throw InputError(path, short_dump(v), limit);
  }
  const long long x = v.get<long long>();
  if (x < min || x > max) throw InputError(path, short_dump(v), limit);
  return static_cast<int>(x);
}

std::string read_string(const std::string& path, const nlohmann::json& v) {
  if (!v.is_string()) throw InputError(path, short_dump(v), "must be a string");
  return v.get<std::string>();
}

void require_object(const std::string& path, const nlohmann::json& v) {
  if (!v.is_object()) throw InputError(path, short_dump(v), "must be a JSON object");
}

template <class T>
const IntField<T>* find_field(const std::vector<IntField<T>>& fields, const std::string& key) {
  for (const auto& f : fields) {
    if (key == f.key) return &f;
  }
  return nullptr;
}

template <class T>
std::vector<std::string> field_keys(const std::vector<IntField<T>>& fields,
                                    std::vector<std::string> extra) {
  for (const auto& f : fields) extra.emplace_back(f.key);
  return extra;
}

void read_problem(const nlohmann::json& j, const std::string& path, Problem& p) {
  require_object(path, j);
  bool batch_given = false;
  for (const auto& [key, value] : j.items()) {
    const std::string at = json_key_path(path, key);
    if (key == "kv_lens") {
      if (!value.is_array())
        throw InputError(at, short_dump(value), "must be an array of integers");
      if (value.size() > static_cast<std::size_t>(kLoose)) {
        throw InputError(at, std::to_string(value.size()) + " entries",
                         "at most " + std::to_string(kLoose));
      }
      p.kv_lens.clear();
      for (std::size_t i = 0; i < value.size(); ++i) {
        p.kv_lens.push_back(read_int(at + "[" + std::to_string(i) + "]", value[i], 1, 1 << 26));
      }
    } else if (const auto* f = find_field(problem_fields(), key)) {
      f->ref(p) = read_int(at, value, f->min, f->max);
      batch_given = batch_given || key == "batch";
    } else {
      throw InputError(at, "unknown key",
                       unknown_key_limit(key, field_keys(problem_fields(), {"kv_lens"})));
    }
  }
  // One length per batch entry; without "batch" the array decides it.
  if (!p.kv_lens.empty()) {
    if (!batch_given) {
      p.batch = static_cast<int>(p.kv_lens.size());
    } else if (static_cast<std::size_t>(p.batch) != p.kv_lens.size()) {
      throw InputError(
          json_key_path(path, "kv_lens"), std::to_string(p.kv_lens.size()) + " entries",
          "must have one entry per batch entry (batch " + std::to_string(p.batch) + ")");
    }
  }
}

void read_tiling(const nlohmann::json& j, const std::string& path, Tiling& t) {
  require_object(path, j);
  for (const auto& [key, value] : j.items()) {
    const std::string at = json_key_path(path, key);
    if (key == "kv_split") {
      t.kv_split = parse_kv_split(at, read_string(at, value));
    } else if (const auto* f = find_field(tiling_fields(), key)) {
      f->ref(t) = read_int(at, value, f->min, f->max);
    } else {
      throw InputError(at, "unknown key",
                       unknown_key_limit(key, field_keys(tiling_fields(), {"kv_split"})));
    }
  }
}

RunConfig run_config_at(const nlohmann::json& j, const std::string& prefix) {
  if (!j.is_object()) {
    throw InputError(prefix.empty() ? "config" : prefix, short_dump(j), "must be a JSON object");
  }
  static const std::vector<std::string> kTopKeys = {"preset", "hardware", "problem", "tiling",
                                                    "variant"};
  for (const auto& [key, value] : j.items()) {
    if (std::find(kTopKeys.begin(), kTopKeys.end(), key) == kTopKeys.end()) {
      throw InputError(json_key_path(prefix, key), "unknown key", unknown_key_limit(key, kTopKeys));
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
  if (const auto it = j.find("problem"); it != j.end()) {
    read_problem(*it, json_key_path(prefix, "problem"), config.kernel.problem);
  }
  if (const auto it = j.find("tiling"); it != j.end()) {
    read_tiling(*it, json_key_path(prefix, "tiling"), config.kernel.tiling);
  }
  if (const auto it = j.find("variant"); it != j.end()) {
    const std::string at = json_key_path(prefix, "variant");
    config.kernel.variant = parse_variant(at, read_string(at, *it));
  }
  return config;
}

}  // namespace

KernelVariant parse_variant(const std::string& field, const std::string& text) {
  for (const KernelVariant v : {KernelVariant::kAmla, KernelVariant::kBaseline}) {
    if (text == variant_name(v)) return v;
  }
  throw InputError(field, text, "one of amla, baseline");
}

KvSplitPolicy parse_kv_split(const std::string& field, const std::string& text) {
  for (const KvSplitPolicy p : {KvSplitPolicy::kNone, KvSplitPolicy::kAuto, KvSplitPolicy::kFixed,
                                KvSplitPolicy::kBalanced}) {
    if (text == kv_split_name(p)) return p;
  }
  throw InputError(field, text, "one of none, auto, fixed");
}

RunConfig run_config_from_json(const nlohmann::json& j) { return run_config_at(j, ""); }

nlohmann::json run_config_to_json(const RunConfig& config) {
  Problem p = config.kernel.problem;  // copies: the field table hands out mutable references
  Tiling t = config.kernel.tiling;
  nlohmann::json problem = nlohmann::json::object();
  for (const auto& f : problem_fields()) problem[f.key] = f.ref(p);
  if (!p.kv_lens.empty()) problem["kv_lens"] = p.kv_lens;
  nlohmann::json tiling = nlohmann::json::object();
  for (const auto& f : tiling_fields()) tiling[f.key] = f.ref(t);
  tiling["kv_split"] = kv_split_name(t.kv_split);
  return {{"hardware", hardware_to_json(config.hardware)},
          {"problem", problem},
          {"tiling", tiling},
          {"variant", variant_name(config.kernel.variant)}};
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
