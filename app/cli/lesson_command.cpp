// amla-cli lesson: the built-in lessons (resources/lessons) on the terminal. `list` names them,
// `show` prints a step with its numbers filled from the step's own run, `check` runs every step
// of a lesson (or a lesson file being written) and names any reference that does not resolve.
#include <nlohmann/json.hpp>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "app/cli/image_export.h"
#include "core/common/input_error.h"
#include "core/common/output_set.h"
#include "core/lesson/lesson_facts.h"
#include "core/lesson/lesson_file.h"
#include "core/lesson/lesson_text.h"

namespace amla::cli {

namespace {

FlagTable lesson_flags() {
  return {bare_flag("json", "Print as JSON (list: id, chapter, title, steps; show: the step)."),
          integer_flag("step", "K", "show: the step to print (1-based; default: every step).", 0, 0,
                       1000),
          text_flag("file", "FILE",
                    "show / check: read the lesson from FILE (a lesson being written) instead of "
                    "the built-in ones."),
          text_flag("pdf", "FILE",
                    "export: write the lesson's slides to FILE (PDF, one 16:9 page per step: "
                    "its figure and its text).")};
}

// The step's text with every reference filled from its runs (made here, as the text needs).
std::string filled_text(const LessonStep& step, bool html = false) {
  const StepRuns runs = run_step(step);
  const StepFacts facts(step, runs.simulation.get(), runs.numerics.get(), runs.decode.get());
  const auto resolve = [&](const std::string& ref) { return facts.resolve(ref); };
  return html ? render_lesson_html(step.text, resolve) : render_lesson_plain(step.text, resolve);
}

int list_lessons(bool json, std::ostream& out) {
  if (json) {
    nlohmann::json j = nlohmann::json::array();
    for (const Lesson& l : builtin_lessons()) {
      j.push_back(
          {{"id", l.id}, {"chapter", l.chapter}, {"title", l.title}, {"steps", l.steps.size()}});
    }
    out << j.dump(2) << "\n";
    return 0;
  }
  for (const Lesson& l : builtin_lessons()) {
    out << l.chapter << ". " << l.id << " (" << l.steps.size() << " steps): " << l.title << "\n";
  }
  out << "\namla-cli lesson show ID [--step K] prints a lesson with its numbers from the model;\n"
         "amla-studio --lesson ID opens it in the studio.\n";
  return 0;
}

int show_lesson(const Lesson& lesson, int step, bool json, std::ostream& out) {
  if (step > static_cast<int>(lesson.steps.size())) {
    throw InputError(
        "--step", std::to_string(step),
        "lesson " + lesson.id + " has steps 1.." + std::to_string(lesson.steps.size()));
  }
  const int first = step > 0 ? step - 1 : 0;
  const int last = step > 0 ? step : static_cast<int>(lesson.steps.size());
  nlohmann::json steps = nlohmann::json::array();
  if (!json) out << lesson.title << "\n\n" << lesson.summary << "\n";
  for (int k = first; k < last; ++k) {
    const LessonStep& s = lesson.steps[static_cast<std::size_t>(k)];
    const std::string text = filled_text(s);
    if (json) {
      steps.push_back({{"step", k + 1},
                       {"title", s.title},
                       {"page", s.page},
                       {"config", s.config_overrides},
                       {"text", text}});
    } else {
      out << "\n"
          << k + 1 << "/" << lesson.steps.size() << "  " << s.title << "  [" << s.page << "]\n"
          << text;
    }
  }
  if (json) {
    out << nlohmann::json{{"id", lesson.id},
                          {"chapter", lesson.chapter},
                          {"title", lesson.title},
                          {"summary", lesson.summary},
                          {"steps", steps}}
               .dump(2)
        << "\n";
  }
  return 0;
}

int check_lesson(const Lesson& lesson, std::ostream& out) {
  for (std::size_t k = 0; k < lesson.steps.size(); ++k) {
    try {
      filled_text(lesson.steps[k]);
    } catch (const InputError& e) {
      throw InputError(lesson.id + ": steps[" + std::to_string(k) + "].text", e.value(), e.limit());
    }
  }
  out << lesson.id << ": " << lesson.steps.size() << " steps, every reference resolves\n";
  return 0;
}

int lesson_main(ArgList& list, std::ostream& out) {
  const bool json = list.flag("json");
  const int step = static_cast<int>(list.integer("step"));
  const auto file = list.value("file");
  const auto pdf = list.value("pdf");
  const auto action = list.positional();
  const auto id = list.positional();
  list.finish();
  const std::string what = action.value_or("list");
  if (what == "list") {
    if (id) throw InputError("lesson list", *id, "list takes no lesson id");
    return list_lessons(json, out);
  }
  if (what != "show" && what != "check" && what != "export") {
    throw InputError("lesson", what, "one of list, show, check, export");
  }
  if (pdf && what != "export") throw InputError("--pdf", *pdf, "only with lesson export");
  if (what == "export") {
    if (!id) throw InputError("lesson export", "missing", "a lesson id (amla-cli lesson list)");
    if (!pdf) throw InputError("--pdf", "missing", "lesson export writes --pdf FILE");
    if (file) throw InputError("--file", *file, "export takes a built-in lesson id");
    if (step > 0) throw InputError("--step", std::to_string(step), "export writes every step");
    const Lesson& lesson = require_lesson("lesson export", *id);
    if (pdf->size() < 4 || pdf->compare(pdf->size() - 4, 4, ".pdf") != 0) {
      throw InputError("--pdf", *pdf, "a file name ending in .pdf");
    }
    OutputSet outputs;  // checked before any work; the old file stays until the PDF is whole
    outputs.declare("--pdf", *pdf);
    OutputSignalGuard guard;
    export_lesson_slides(lesson.id, *pdf);
    outputs.commit();
    out << lesson.id << ": " << lesson.steps.size() << " slides written to " << *pdf << "\n";
    return 0;
  }
  std::optional<Lesson> from_file;
  if (file) {
    if (id) throw InputError("--file", *file, "give a lesson id or --file, not both");
    from_file = load_lesson_file(*file);
  } else if (!id) {
    throw InputError("lesson " + what, "missing", "a lesson id (amla-cli lesson list names them)");
  }
  const Lesson& lesson = from_file ? *from_file : require_lesson("lesson " + what, *id);
  if (what == "check") {
    if (step > 0) throw InputError("--step", std::to_string(step), "check runs every step");
    return check_lesson(lesson, out);
  }
  return show_lesson(lesson, step, json, out);
}

}  // namespace

CommandSpec lesson_command() {
  return {"lesson",
          "the built-in lessons: list them, print one with its numbers from the model",
          "list [--json] | show ID [--step K] [--json] | show --file FILE | check ID|--file FILE "
          "| export ID --pdf FILE",
          "Lessons walk through the AMLA paper chapter by chapter (the online softmax, the bit "
          "identity, the compensation, the hazards, the cost of the multiply on Ascend, the "
          "Preload Pipeline, the buffers, the bounds). Numbers in a lesson are never typed in: "
          "each names a metric, a numerics figure or a bit pattern and is filled from the "
          "step's own run, so `show` runs what each step needs. `check` runs every step and "
          "names any reference that does not resolve (use it with --file on a lesson being "
          "written). `export` writes the lesson as slides for a lecture: a PDF page per step "
          "with the figure of its page and its text, drawn by the studio itself.",
          lesson_flags(),
          {{"amla-cli lesson list", ""},
           {"amla-cli lesson show bit-identity --step 2", "the integer add, bit by bit"},
           {"amla-cli lesson check --file my-lesson.json", "before adding a lesson"},
           {"amla-cli lesson export preload-pipeline --pdf preload.pdf", "slides for a lecture"}},
          lesson_main};
}

}  // namespace amla::cli
