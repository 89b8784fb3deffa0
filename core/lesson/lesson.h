#pragma once
// A lesson: a title, a summary and steps that walk a student through one chapter of the AMLA
// story (spec teaching.md). A step says everything it needs (the run configuration on top of the
// defaults, the page, the view, what to highlight), so it replays the same whatever the student
// clicked before. Lessons are data: one JSON file each in resources/lessons/, compiled into the
// programs; see lesson_file.h for the format.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/kernel/config_json.h"
#include "core/numerics/amla_switches.h"
#include "core/numerics/attention_inputs.h"
#include "core/numerics/numerics_variants.h"
#include "core/ops/pipes.h"
#include "core/serving/decode_params.h"
#include "core/session/studio_session.h"

namespace amla {

// An op on the timeline: the n-th op (0-based) of one pipe of one unit of one core.
struct LessonOpRef {
  int core = 0;
  Unit unit = Unit::kAic;
  Pipe pipe = Pipe::kCube;
  int index = 0;
};

// The bit view: a value and the shift the integer add applies (plus its compensation addend).
struct LessonBits {
  float value = 1.0f;
  int shift = 0;
  std::int32_t compensation = 0;
};

// The numerics page: the inputs, AMLA's switches, and the row and KV block looked at.
struct LessonNumerics {
  InputSpec inputs;  // rows and kv_len follow the step's problem unless given
  AmlaSwitches switches;
  std::vector<NumericsVariant> variants = default_variants();  // besides AMLA and the baseline
  int row = 0;
  int block = 0;
};

struct LessonView {
  std::optional<std::array<double, 2>> range_us;  // the timeline's time range
  std::vector<int> expanded_cores;                // cores whose lanes are open
  std::optional<LessonOpRef> selected_op;
  std::optional<LessonBits> bits;
  std::optional<LessonNumerics> numerics;
  bool critical_path = false;  // the critical path drawn on the timeline
  // The Serving page's decode step: the defaults with the step's "decode" values (by the decode
  // parameter table's ids); the kernel comes from the step's configuration.
  std::optional<DecodeParams> decode;
  // The run pinned as A on the Compare page: the defaults with these parameter overrides (by
  // parameter id, like the step's "config"); the step's own run is B.
  std::optional<RunConfig> compare_a;
};

struct LessonStep {
  std::string title;
  std::string text;  // Markdown subset (lesson_text.h) with {namespace:name} references
  RunConfig config;  // the defaults with the step's "config" applied
  nlohmann::json config_overrides = nlohmann::json::object();  // as written, by parameter id
  std::string page = "Summary";                                // one of kStudioPages
  LessonView view;
  // What to light, as written: references whose values are shown ("metric:tflops"), op kinds
  // ("op:AtomicAddN") and pseudo-code lines of the step's kernel ("code:7", 1-based).
  std::vector<std::string> highlight;
  std::uint32_t highlight_op_kinds = 0;   // bit k: OpKind k, the kinds named and the lines' kinds
  std::vector<int> highlight_code_lines;  // 0-based lines of kernel_pseudocode(variant)
};

struct Lesson {
  std::string id;   // "online-softmax": the file's name without "NN-" and ".json"
  int chapter = 0;  // its chapter of the story (1..11)
  std::string title;
  std::string summary;
  std::vector<LessonStep> steps;
};

}  // namespace amla
