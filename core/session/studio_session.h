#pragma once
// A saved studio session: the whole run configuration (machine, problem, tiling, variant) and
// what the user was looking at (time range, time unit, buffer core, page), the Numerics page, the
// sweep's knobs, the run pinned as A and the lesson position. JSON on disk:
//   {"amla_studio_session": 2, "config": {...run_config_to_json...},
//    "view": {"t0_cycles": .., "t1_cycles": .., "microseconds": true, "buffers_core": 0,
//             "page": "Timeline"},
//    "numerics": {...numerics_page_state.h...},
//    "sweep": {"parameters": [{"knob": "rows-per-task", "values": "64,128"}],
//              "metric": "tflops", "jobs": 2},
//    "pinned_a": {...run_config_to_json...}, "lesson": {"id": "bit-identity", "step": 2}}
// Version 1 files (config and view only) still load; the parts they lack stay unset.
// Loading is strict and all-or-nothing: a bad file throws InputError naming the key, and the
// caller keeps its current session.
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/kernel/config_json.h"
#include "core/session/numerics_page_state.h"

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

// The Sweep page's controls: each knob with its values as typed, the metric and the job count.
struct SweepKnobState {
  std::string knob;    // a sweep knob name ("rows-per-task"); "" = none chosen
  std::string values;  // "64,128,256"
};
struct SweepPageState {
  std::vector<SweepKnobState> parameters;  // one or two
  std::string metric;                      // a metric key of the catalogue
  int jobs = 1;
};

// Where a lecture is: a built-in lesson's id and its step (1-based).
struct LessonPosition {
  std::string id;
  int step = 1;
};

struct StudioSession {
  RunConfig config;
  StudioView view;
  std::optional<NumericsPageState> numerics;
  std::optional<SweepPageState> sweep;
  std::optional<RunConfig> pinned_a;  // the configuration of the run pinned as A (compare)
  std::optional<LessonPosition> lesson;
};

inline constexpr int kSessionFormatVersion = 2;
// The oldest format version still read.
inline constexpr int kOldestSessionFormatVersion = 1;

// The studio's default run: the paper's calibration shape (AMLA, preload 2, 910C package,
// B=128, q_tokens=2, 128 heads, S_k 16384; the kernel defaults on the 910C-package preset).
RunConfig studio_default_config();

nlohmann::json session_to_json(const StudioSession& session);
StudioSession session_from_json(const nlohmann::json& j);
StudioSession load_session_file(const std::string& path);
// Atomic: the old file stays intact when writing fails.
void save_session_file(const std::string& path, const StudioSession& session);

}  // namespace amla
