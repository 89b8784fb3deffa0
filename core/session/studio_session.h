#pragma once
// A saved studio session: the whole run configuration (machine, problem, tiling, variant) and
// what the user was looking at (time range, time unit, buffer core, page). JSON on disk:
//   {"amla_studio_session": 1, "config": {...run_config_to_json...},
//    "view": {"t0_cycles": .., "t1_cycles": .., "microseconds": true, "buffers_core": 0,
//             "page": "Timeline"}}
// Loading is strict and all-or-nothing: a bad file throws InputError naming the key, and the
// caller keeps its current session.
#include <array>
#include <nlohmann/json.hpp>
#include <string>

#include "core/kernel/config_json.h"

namespace amla {

// The studio's pages in tab order: sessions, lessons and the window name them with these words.
inline constexpr std::array<const char*, 7> kStudioPages = {
    "Timeline", "Buffers", "Summary", "Sweep", "Compare", "Numerics", "Serving"};

struct StudioView {
  double t0_cycles = 0;
  double t1_cycles = 0;  // t1 <= t0: the whole run
  bool microseconds = true;
  int buffers_core = 0;
  std::string page = "Timeline";
};

struct StudioSession {
  RunConfig config;
  StudioView view;
};

inline constexpr int kSessionFormatVersion = 1;

nlohmann::json session_to_json(const StudioSession& session);
StudioSession session_from_json(const nlohmann::json& j);
StudioSession load_session_file(const std::string& path);
// Atomic: the old file stays intact when writing fails.
void save_session_file(const std::string& path, const StudioSession& session);

}  // namespace amla
