#include "core/store/config_key.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_params.h"
#include "core/run/model_revision.h"

namespace amla {

std::string canonical_config_text(const RunConfig& config) {
  return canonical_config_text(config, kModelRevision);
}

std::string canonical_config_text(const RunConfig& config, int model_revision) {
  // nlohmann's object is an ordered map: keys come out sorted, whatever the insertion order.
  nlohmann::json hardware = nlohmann::json::object();
  const nlohmann::json full = hardware_to_json(config.hardware);
  for (const auto& [key, entry] : full.at("parameters").items()) hardware[key] = entry.at("value");
  nlohmann::json kernel = nlohmann::json::object();
  for (const ParamDef& p : kernel_params()) kernel[std::string(p.id)] = p.get(config.kernel);
  nlohmann::json j = {{"hardware", hardware}, {"kernel", kernel}};
  if (model_revision > 1) j["model"] = model_revision;
  if (!config.kernel.problem.kv_lens.empty()) j["kv_lens"] = config.kernel.problem.kv_lens;
  return j.dump();
}

bool names_this_model(const std::string& canonical_text) {
  // The keys come out sorted, so "model" is the last one.
  static const std::string tail = ",\"model\":" + std::to_string(kModelRevision) + "}";
  return canonical_text.size() > tail.size() && canonical_text.ends_with(tail);
}

std::uint64_t fnv1a_64(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::string config_hash(const std::string& canonical_text) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(fnv1a_64(canonical_text)));
  return buf;
}

}  // namespace amla
