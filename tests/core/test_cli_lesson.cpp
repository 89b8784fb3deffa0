// amla-cli lesson: list names every built-in lesson, show fills a step's numbers from its own run
// (the same text the core renders), check names a reference that does not resolve, and bad ids,
// steps and files exit 2 with the field named.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/cli/image_export.h"
#include "core/lesson/lesson_facts.h"
#include "core/lesson/lesson_file.h"
#include "core/lesson/lesson_text.h"
#include "tests/core/cli_runner.h"
#include "tests/core/scratch_dir.h"

namespace amla::cli {
namespace {

using testing::run_cli;

TEST(CliLesson, ListGivesEveryBuiltInLessonAsJson) {
  const auto r = run_cli({"lesson", "list", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), builtin_lessons().size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    EXPECT_EQ(j[i]["id"], builtin_lessons()[i].id);
    EXPECT_EQ(j[i]["steps"], builtin_lessons()[i].steps.size());
  }
}

TEST(CliLesson, ShowFillsTheStepsNumbersFromItsRun) {
  const auto r = run_cli({"lesson", "show", "bit-identity", "--step", "2", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["steps"].size(), 1u);
  const LessonStep& step = require_lesson("id", "bit-identity").steps[1];
  const StepFacts facts(step, nullptr, nullptr);
  const std::string expected =
      render_lesson_plain(step.text, [&](const std::string& ref) { return facts.resolve(ref); });
  EXPECT_EQ(j["steps"][0]["text"], expected);
  EXPECT_EQ(expected.find('{'), std::string::npos) << "a reference was left unfilled";
}

class CliLessonFile : public amla::testing::ScratchDirTest {
 protected:
  CliLessonFile() : ScratchDirTest("amla_cli_lesson_") {}
};

TEST_F(CliLessonFile, CheckNamesAReferenceThatDoesNotResolve) {
  const std::string path = at("01-draft.json");
  amla::testing::put(path,
                     R"({"amla_studio_lesson": 1, "chapter": 1, "title": "t", "summary": "s",
              "steps": [{"title": "a", "text": "{metric:tflopz}", "page": "Summary",
                         "config": {"problem.batch": 2, "problem.kv_len": 512}}]})");
  const auto r = run_cli({"lesson", "check", "--file", path});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("draft: steps[0].text"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("tflops"), std::string::npos) << r.err;  // did you mean
}

TEST(CliLesson, BadInputExitsTwoNamingTheField) {
  const struct {
    std::vector<std::string> args;
    const char* names;
  } cases[] = {
      {{"lesson", "show", "bit-identiti"}, "bit-identity"},
      {{"lesson", "show", "bit-identity", "--step", "9"}, "--step"},
      {{"lesson", "show"}, "lesson id"},
      {{"lesson", "shwo"}, "list, show, check"},
      {{"lesson", "show", "--file", "/nonexistent/l.json"}, "/nonexistent/l.json"},
      {{"lesson", "export", "--pdf", "x.pdf"}, "lesson id"},
      {{"lesson", "export", "bit-identiti", "--pdf", "x.pdf"}, "bit-identity"},
      {{"lesson", "export", "bit-identity"}, "--pdf"},
      {{"lesson", "export", "bit-identity", "--pdf", "slides.png"}, "ending in .pdf"},
      {{"lesson", "export", "bit-identity", "--pdf", "/nonexistent/dir/s.pdf"}, "--pdf"},
      {{"lesson", "export", "bit-identity", "--pdf", "s.pdf", "--step", "2"}, "every step"},
      {{"lesson", "show", "bit-identity", "--pdf", "s.pdf"}, "only with lesson export"},
  };
  for (const auto& c : cases) {
    const auto r = run_cli(c.args);
    EXPECT_EQ(r.code, 2) << c.args.back();
    EXPECT_NE(r.err.find(c.names), std::string::npos) << r.err;
  }
}

TEST_F(CliLessonFile, ExportWritesOneSlidePerStep) {
  const std::string path = at("slides.pdf");
  const auto r = run_cli({"lesson", "export", "preload-pipeline", "--pdf", path});
  if (!image_export_available()) {
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("without the GUI"), std::string::npos) << r.err;
    return;
  }
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string pdf = amla::testing::slurp(path);
  ASSERT_EQ(pdf.rfind("%PDF", 0), 0u);
  // Page objects ("/Type /Page"), not the page tree ("/Type /Pages").
  int pages = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  EXPECT_EQ(pages, static_cast<int>(require_lesson("test", "preload-pipeline").steps.size()));
  EXPECT_NE(r.out.find("2 slides"), std::string::npos) << r.out;

  // A refused export leaves an existing file as it was.
  amla::testing::put(path, "old");
  EXPECT_EQ(run_cli({"lesson", "export", "no-such", "--pdf", path}).code, 2);
  EXPECT_EQ(amla::testing::slurp(path), "old");
}

}  // namespace
}  // namespace amla::cli
