#pragma once
// Lesson files: one JSON object per lesson, strict (unknown keys and wrong types refused with the
// file, the step and the field named, with "did you mean"):
//
//   {"amla_studio_lesson": 1, "chapter": 2, "title": "...", "summary": "...",
//    "steps": [{"title": "...", "text": ["Markdown lines", "..."],
//               "config": {"preset": "910C-package", "problem.kv_len": 4096,
//                          "tiling.preload": 0, "hardware.clock_ghz": 1.6},
//               "page": "Numerics",
//               "view": {"range_us": [0, 40], "expanded_cores": [0], "critical_path": true,
//                        "select_op": {"core": 0, "unit": "AIC", "pipe": "CUBE", "index": 0},
//                        "bits": {"value": 1.5, "shift": -3, "compensation": 0},
//                        "numerics": {"dist": "flashmla", "seed": 0, "rows": 128,
//                                     "kv_len": 4096, "switches": {"compensation": false},
//                                     "row": 0, "block": 1}},
//               "highlight": ["metric:flops_utilization", "op:AtomicAddN"]}]}
//
// "config" keys are parameter ids of the schema (kernel_params.h), "preset", or "hardware.KEY";
// a step starts from the defaults (the 910C-package preset and KernelConfig{}) so it never
// depends on the step before it. The configuration must pass the kernel's own validation.
#include <string>
#include <vector>

#include "core/lesson/lesson.h"

namespace amla {

inline constexpr int kLessonFormatVersion = 1;
inline constexpr const char* kLessonDefaultPreset = "910C-package";

// `name` is the file's name without ".json" ("02-bit-identity"): the id is what follows "NN-".
// Throws InputError(field, value, limit) with field "<name>: steps[K].view.bits.shift" and the
// like. Links inside texts are checked by check_lesson_links once every lesson is loaded.
Lesson parse_lesson(const std::string& name, const std::string& text);
Lesson load_lesson_file(const std::string& path);

// The lessons built into the programs (resources/lessons/*.json), in chapter order; loaded and
// checked once (a broken built-in lesson is a build defect: the test suite loads them all).
const std::vector<Lesson>& builtin_lessons();
// The lesson with this id or InputError(field, id, "one of ..." / "did you mean ...").
const Lesson& require_lesson(const std::string& field, const std::string& id);

// Every [text](step:K) names a step of its lesson, every [text](lesson:ID) or
// (lesson:ID#K) an existing lesson and step; throws InputError naming the lesson and step.
void check_lesson_links(const std::vector<Lesson>& lessons);

// The generated table of built-in lesson files (cmake/embed_text_files.cmake).
const std::vector<std::pair<std::string, std::string>>& embedded_lesson_files();

}  // namespace amla
