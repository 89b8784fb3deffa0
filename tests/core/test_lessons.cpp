// Lessons: every built-in lesson loads, and every step runs headless with every reference in its
// text resolved from its own run; malformed lessons are refused naming the file, the step and
// the field; the Markdown subset renders as documented; references fill from the model.
#include <gtest/gtest.h>

#include <set>

#include "core/common/input_error.h"
#include "core/kernel/kernel_pseudocode.h"
#include "core/lesson/lesson_facts.h"
#include "core/lesson/lesson_file.h"
#include "core/lesson/lesson_text.h"
#include "core/numerics/float_bits.h"
#include "core/run/simulation_run.h"

namespace amla {
namespace {

TEST(Lessons, EveryStepOfEveryBuiltInLessonResolvesEveryReferenceFromItsOwnRun) {
  const std::vector<Lesson>& lessons = builtin_lessons();
  ASSERT_GE(lessons.size(), 11u);
  std::set<int> chapters;
  for (const Lesson& lesson : lessons) {
    chapters.insert(lesson.chapter);
    for (std::size_t k = 0; k < lesson.steps.size(); ++k) {
      const LessonStep& step = lesson.steps[k];
      const std::string where = lesson.id + " step " + std::to_string(k + 1);
      const StepRuns runs = run_step(step);
      const StepFacts facts(step, runs.simulation.get(), runs.numerics.get(), runs.decode.get());
      for (const std::string& ref : lesson_text_references(step.text)) {
        try {
          EXPECT_FALSE(facts.resolve(ref).empty()) << where << " {" << ref << "}";
        } catch (const InputError& e) {
          ADD_FAILURE() << where << ": " << e.what();
        }
      }
    }
  }
  for (int chapter = 1; chapter <= 11; ++chapter) EXPECT_TRUE(chapters.count(chapter)) << chapter;
}

std::string lesson_with_step(const std::string& step) {
  return R"({"amla_studio_lesson": 1, "chapter": 1, "title": "t", "summary": "s", "steps": [)" +
         step + "]}";
}

struct BadLesson {
  const char* name;
  std::string text;
  const char* field;  // the error's field must contain this
};

TEST(Lessons, MalformedLessonsAreRefusedNamingFileStepAndField) {
  const BadLesson cases[] = {
      {"unknown step key",
       lesson_with_step(R"({"title": "a", "text": "b", "page": "Summary", "pgae": 1})"),
       "01-x: steps[0].pgae"},
      {"unknown page", lesson_with_step(R"({"title": "a", "text": "b", "page": "Sumary"})"),
       "01-x: steps[0].page"},
      {"unknown parameter",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Summary", "config": {"tiling.kv_blok": 512}})"),
       "steps[0].config.tiling.kv_blok"},
      {"value out of range",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Summary", "config": {"tiling.kv_block": 100}})"),
       "steps[0].config.tiling.kv_block"},
      {"cross-field rule",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Summary", "config": {"problem.heads": 16, "problem.q_tokens": 1}})"),
       "steps[0].config"},
      {"bad reference namespace",
       lesson_with_step(R"({"title": "a", "text": "x {metrik:tflops}", "page": "Summary"})"),
       "steps[0].text"},
      {"bits shift range",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Numerics", "view": {"bits": {"value": 1, "shift": 999}}})"),
       "steps[0].view.bits.shift"},
      {"numerics block outside the run",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Numerics", "view": {"numerics": {"kv_len": 1024, "block": 5}}})"),
       "steps[0].view.numerics.block"},
      {"switch type",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Numerics", "view": {"numerics": {"switches": {"clamp": 1}}}})"),
       "steps[0].view.numerics.switches.clamp"},
      {"decode parameter range",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Serving", "view": {"decode": {"batch_per_npu": 0}}})"),
       "steps[0].view.decode.batch_per_npu"},
      {"numerics variant",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Numerics", "view": {"numerics": {"variants": "amla,pasaa"}}})"),
       "steps[0].view.numerics.variants"},
      {"compare A's unknown parameter",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Compare", "view": {"compare_a": {"tiling.kv_blok": 1}}})"),
       "steps[0].view.compare_a.tiling.kv_blok"},
      {"unknown op kind",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Timeline", "highlight": ["op:AtomicAdd"]})"),
       "steps[0].highlight"},
      {"code line outside the listing",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Timeline", "highlight": ["code:999"]})"),
       "steps[0].highlight"},
      {"malformed highlight reference",
       lesson_with_step(
           R"({"title": "a", "text": "b", "page": "Timeline", "highlight": ["metrik:tflops"]})"),
       "steps[0].highlight"},
      {"no steps",
       R"({"amla_studio_lesson": 1, "chapter": 1, "title": "t", "summary": "s", "steps": []})",
       "01-x.steps"},
      {"format version",
       R"({"amla_studio_lesson": 2, "chapter": 1, "title": "t", "summary": "s", "steps": []})",
       "amla_studio_lesson"},
  };
  for (const BadLesson& c : cases) {
    try {
      parse_lesson("01-x", c.text);
      ADD_FAILURE() << c.name << ": accepted";
    } catch (const InputError& e) {
      EXPECT_NE(e.field().find(c.field), std::string::npos)
          << c.name << ": field was '" << e.field() << "', message " << e.what();
    }
  }
}

TEST(Lessons, HighlightsNameOpKindsAndPseudocodeLinesOfTheStepsKernel) {
  const Lesson lesson = parse_lesson(
      "01-x",
      lesson_with_step(
          R"({"title": "a", "text": "b", "page": "Timeline", "highlight": ["op:AtomicAddN", "code:2", "metric:tflops"]})"));
  const LessonStep& s = lesson.steps.front();
  const KernelPseudocode& code = kernel_pseudocode(s.config.kernel.variant);
  ASSERT_EQ(s.highlight_code_lines, std::vector<int>{1});
  // The named kind and the line's own kinds, nothing else.
  const std::uint32_t expected =
      (1u << static_cast<int>(OpKind::kAtomicAddN)) | pseudo_line_kinds(code.lines[1]);
  EXPECT_EQ(s.highlight_op_kinds, expected);
  EXPECT_EQ(s.highlight.size(), 3u);
  // Every built-in lesson's op highlights occur in its step's own run.
  for (const Lesson& l : builtin_lessons()) {
    for (const LessonStep& step : l.steps) {
      if (step.highlight_op_kinds == 0) continue;
      const SimulationRun run = run_simulation(step.config.hardware, step.config.kernel);
      std::uint32_t seen = 0;
      for (const OpKind kind : run.trace.ops.kind) seen |= 1u << static_cast<int>(kind);
      EXPECT_EQ(step.highlight_op_kinds & ~seen, 0u) << l.id << ": " << step.title;
    }
  }
}

TEST(Lessons, ACompareStepPinsItsOwnRunAsA) {
  for (const Lesson& l : builtin_lessons()) {
    for (const LessonStep& step : l.steps) {
      if (step.page != "Compare") continue;
      ASSERT_TRUE(step.view.compare_a.has_value()) << l.id << ": " << step.title;
      // A and B differ, or the page would set a run against itself.
      EXPECT_NE(run_config_to_json(*step.view.compare_a), run_config_to_json(step.config))
          << l.id << ": " << step.title;
    }
  }
}

TEST(Lessons, LinksMustNameAnExistingLessonAndStep) {
  std::vector<Lesson> lessons = {
      parse_lesson(
          "01-a",
          lesson_with_step(R"j({"title": "a", "text": "[next](lesson:b#2)", "page": "Summary"})j")),
      parse_lesson(
          "02-b",
          lesson_with_step(R"j({"title": "b", "text": "[back](step:1)", "page": "Summary"})j"))};
  EXPECT_THROW(check_lesson_links(lessons), InputError);  // b has one step only
  lessons[0].steps[0].text = "[next](lesson:b#1) and [self](step:1)";
  EXPECT_NO_THROW(check_lesson_links(lessons));
  lessons[0].steps[0].text = "[next](lesson:c)";
  EXPECT_THROW(check_lesson_links(lessons), InputError);
}

TEST(Lessons, TheMarkdownSubsetRendersAsDocumented) {
  const auto resolve = [](const std::string& ref) { return "<" + ref + ">"; };
  const std::string text =
      "A *word*, **strong** and `code`.\nsame paragraph {metric:x}\n\n- one\n- [two](step:2)";
  EXPECT_EQ(render_lesson_html(text, resolve),
            "<p>A <i>word</i>, <b>strong</b> and <code>code</code>.\nsame paragraph "
            "<b>&lt;metric:x&gt;</b></p>\n<ul>\n<li>one</li>\n<li><a "
            "href=\"step:2\">two</a></li>\n</ul>\n");
  EXPECT_EQ(render_lesson_plain(text, resolve),
            "A word, strong and code.\nsame paragraph <metric:x>\n\n  - one\n  - two\n");
  EXPECT_EQ(lesson_text_references(text), std::vector<std::string>{"metric:x"});
  EXPECT_EQ(lesson_text_links(text), std::vector<std::string>{"step:2"});
  // A brace that is not a reference stays text.
  EXPECT_TRUE(lesson_text_references("a set {1, 2} and {Upper:x}").empty());
}

TEST(Lessons, ReferencesFillFromTheStepsOwnConfigurationAndBits) {
  const Lesson l =
      parse_lesson("01-x", lesson_with_step(R"({"title": "a", "text": "t", "page": "Numerics",
          "config": {"tiling.kv_block": 256, "tiling.preload": 1},
          "view": {"bits": {"value": "0x3FC00000", "shift": -3}}})"));
  const LessonStep& step = l.steps[0];
  const StepFacts facts(step, nullptr, nullptr);
  EXPECT_EQ(facts.resolve("param:tiling.kv_block"), "256 tokens");
  EXPECT_EQ(facts.resolve("param:tiling.preload"), "1 stage");
  EXPECT_EQ(facts.resolve("label:tiling.kv_block"), "KV block (s2Base)");
  EXPECT_EQ(facts.resolve("bits:value"), "1.5");
  EXPECT_EQ(facts.resolve("bits:addend"), std::to_string(exponent_addend(-3)));
  EXPECT_EQ(facts.resolve("bits:result.hex"),
            hex32(exponent_add_bits(0x3FC00000u, exponent_addend(-3))));
  EXPECT_EQ(facts.resolve("bits:class"), "exact");
  // A class in words, as the bit view names it, and by its code name.
  const Lesson zero =
      parse_lesson("01-x", lesson_with_step(R"({"title": "a", "text": "t", "page": "Numerics",
          "view": {"bits": {"value": 0, "shift": -3}}})"));
  const StepFacts zero_facts(zero.steps[0], nullptr, nullptr);
  EXPECT_EQ(zero_facts.resolve("bits:class"), "zero turned into garbage");
  EXPECT_EQ(zero_facts.resolve("bits:class.code"), "zero_garbage");
  // What the step has no run for, or what does not exist, is refused by name.
  EXPECT_THROW(facts.resolve("metric:tflops"), InputError);
  EXPECT_THROW(facts.resolve("state:dn"), InputError);
  EXPECT_THROW(facts.resolve("param:tiling.kv_blok"), InputError);
  EXPECT_THROW(facts.resolve("bits:exponent_of_nothing"), InputError);
}

}  // namespace
}  // namespace amla
