#include "core/session/studio_session.h"

#include <algorithm>
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

SweepPageState sweep_from_json(const nlohmann::json& j) {
  const std::string field = "session sweep";
  if (!j.is_object()) throw InputError(field, j.dump(), "must be an object");
  SweepPageState s;
  for (const auto& [key, value] : j.items()) {
    if (key == "parameters") {
      if (!value.is_array() || value.empty() || value.size() > 2) {
        throw InputError(field + ".parameters", value.dump(), "a list of one or two knobs");
      }
      for (const nlohmann::json& p : value) {
        if (!p.is_object() || p.size() != 2 || !p.contains("knob") || !p.contains("values") ||
            !p.at("knob").is_string() || !p.at("values").is_string()) {
          throw InputError(field + ".parameters", p.dump(),
                           "{\"knob\": NAME, \"values\": \"V1,V2,...\"}");
        }
        s.parameters.push_back(
            {p.at("knob").get<std::string>(), p.at("values").get<std::string>()});
      }
    } else if (key == "metric") {
      if (!value.is_string()) throw InputError(field + ".metric", value.dump(), "a metric key");
      s.metric = value.get<std::string>();
    } else if (key == "jobs") {
      if (!value.is_number_integer() || value.get<long long>() < 1 ||
          value.get<long long>() > 256) {
        throw InputError(field + ".jobs", value.dump(), "an integer in [1, 256]");
      }
      s.jobs = value.get<int>();
    } else {
      throw InputError(field + "." + key, "unknown key",
                       unknown_key_limit(key, {"parameters", "metric", "jobs"}));
    }
  }
  return s;
}

LessonPosition lesson_from_json(const nlohmann::json& j) {
  const std::string field = "session lesson";
  if (!j.is_object()) throw InputError(field, j.dump(), "must be an object");
  LessonPosition p;
  for (const auto& [key, value] : j.items()) {
    if (key == "id") {
      if (!value.is_string() || value.get<std::string>().empty()) {
        throw InputError(field + ".id", value.dump(), "a lesson id");
      }
      p.id = value.get<std::string>();
    } else if (key == "step") {
      if (!value.is_number_integer() || value.get<long long>() < 1 ||
          value.get<long long>() > 1000) {
        throw InputError(field + ".step", value.dump(), "an integer in [1, 1000]");
      }
      p.step = value.get<int>();
    } else {
      throw InputError(field + "." + key, "unknown key", unknown_key_limit(key, {"id", "step"}));
    }
  }
  if (p.id.empty()) throw InputError(field + ".id", "missing", "a lesson id");
  return p;
}

}  // namespace

RunConfig studio_default_config() {
  RunConfig config;
  config.hardware = find_preset("910C-package");
  return config;
}

nlohmann::json session_to_json(const StudioSession& s) {
  nlohmann::json j;
  j[kMarker] = kSessionFormatVersion;
  j["config"] = run_config_to_json(s.config);
  j["view"] = {{"t0_cycles", s.view.t0_cycles},
               {"t1_cycles", s.view.t1_cycles},
               {"microseconds", s.view.microseconds},
               {"buffers_core", s.view.buffers_core},
               {"page", s.view.page}};
  if (s.numerics) j["numerics"] = numerics_state_to_json(*s.numerics);
  if (s.sweep) {
    nlohmann::json parameters = nlohmann::json::array();
    for (const SweepKnobState& p : s.sweep->parameters) {
      parameters.push_back({{"knob", p.knob}, {"values", p.values}});
    }
    j["sweep"] = {{"parameters", parameters}, {"metric", s.sweep->metric}, {"jobs", s.sweep->jobs}};
  }
  if (s.pinned_a) j["pinned_a"] = run_config_to_json(*s.pinned_a);
  if (s.lesson) j["lesson"] = {{"id", s.lesson->id}, {"step", s.lesson->step}};
  return j;
}

StudioSession session_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains(kMarker)) {
    throw InputError("session", "file", "not an AMLA Studio session (no \"amla_studio_session\")");
  }
  const nlohmann::json& version = j[kMarker];
  if (!version.is_number_integer() || version.get<long long>() < kOldestSessionFormatVersion ||
      version.get<long long>() > kSessionFormatVersion) {
    throw InputError("session", version.dump(),
                     "format version " + std::to_string(kOldestSessionFormatVersion) + " to " +
                         std::to_string(kSessionFormatVersion) + " expected");
  }
  // Version 1 knew only the configuration and the view.
  std::vector<std::string> known = {kMarker, "config", "view"};
  if (version.get<int>() >= 2)
    known.insert(known.end(), {"numerics", "sweep", "pinned_a", "lesson"});
  StudioSession s;
  for (const auto& [key, value] : j.items()) {
    if (key == kMarker) continue;
    if (key == "config") {
      s.config = run_config_from_json(value);
    } else if (key == "view") {
      s.view = view_from_json(value);
    } else if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw InputError("session." + key, "unknown key", unknown_key_limit(key, known));
    } else if (key == "numerics") {
      s.numerics = numerics_state_from_json(value, "session numerics");
    } else if (key == "sweep") {
      s.sweep = sweep_from_json(value);
    } else if (key == "pinned_a") {
      s.pinned_a = run_config_from_json(value);
    } else if (key == "lesson") {
      s.lesson = lesson_from_json(value);
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
