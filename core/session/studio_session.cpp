#include "core/session/studio_session.h"

#include <cmath>

#include "core/common/atomic_file.h"
#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"

namespace amla {

namespace {

const char kMarker[] = "amla_studio_session";

double number(const nlohmann::json& v, const std::string& key) {
  if (!v.is_number() || !std::isfinite(v.get<double>())) {
    throw InputError("session view." + key, v.dump(), "must be a finite number");
  }
  return v.get<double>();
}

StudioView view_from_json(const nlohmann::json& j) {
  StudioView view;
  if (!j.is_object()) throw InputError("session view", j.dump(), "must be an object");
  for (const auto& [key, value] : j.items()) {
    if (key == "t0_cycles") {
      view.t0_cycles = number(value, key);
    } else if (key == "t1_cycles") {
      view.t1_cycles = number(value, key);
    } else if (key == "microseconds") {
      if (!value.is_boolean())
        throw InputError("session view.microseconds", value.dump(), "true or false");
      view.microseconds = value.get<bool>();
    } else if (key == "buffers_core") {
      if (!value.is_number_integer() || value.get<long long>() < 0 ||
          value.get<long long>() > 4096) {
        throw InputError("session view.buffers_core", value.dump(), "an integer in [0, 4096]");
      }
      view.buffers_core = value.get<int>();
    } else if (key == "page") {
      if (!value.is_string()) throw InputError("session view.page", value.dump(), "a page name");
      view.page = value.get<std::string>();
    } else {
      throw InputError("session view." + key, "unknown key",
                       unknown_key_limit(key, {"t0_cycles", "t1_cycles", "microseconds",
                                               "buffers_core", "page"}));
    }
  }
  if (view.t0_cycles < 0)
    throw InputError("session view.t0_cycles", std::to_string(view.t0_cycles), "must be >= 0");
  return view;
}

}  // namespace

nlohmann::json session_to_json(const StudioSession& s) {
  nlohmann::json j;
  j[kMarker] = kSessionFormatVersion;
  j["config"] = run_config_to_json(s.config);
  j["view"] = {{"t0_cycles", s.view.t0_cycles},
               {"t1_cycles", s.view.t1_cycles},
               {"microseconds", s.view.microseconds},
               {"buffers_core", s.view.buffers_core},
               {"page", s.view.page}};
  return j;
}

StudioSession session_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains(kMarker)) {
    throw InputError("session", "file", "not an AMLA Studio session (no \"amla_studio_session\")");
  }
  if (j[kMarker] != kSessionFormatVersion) {
    throw InputError("session", j[kMarker].dump(),
                     "format version " + std::to_string(kSessionFormatVersion) + " expected");
  }
  StudioSession s;
  for (const auto& [key, value] : j.items()) {
    if (key == kMarker) continue;
    if (key == "config") {
      s.config = run_config_from_json(value);
    } else if (key == "view") {
      s.view = view_from_json(value);
    } else {
      throw InputError("session." + key, "unknown key",
                       unknown_key_limit(key, {kMarker, "config", "view"}));
    }
  }
  return s;
}

StudioSession load_session_file(const std::string& path) {
  return session_from_json(read_json_file("session", path));
}

void save_session_file(const std::string& path, const StudioSession& session) {
  const std::string text = session_to_json(session).dump(2) + "\n";
  write_file_atomically("session", path, [&](std::ostream& out) { out << text; });
}

}  // namespace amla
