#pragma once
// The text of a lesson step: a small Markdown subset and references to the step's own numbers.
//
//   paragraphs separated by a blank line; lines starting "- " form a list
//   *emphasis*, **strong**, `code`
//   [words](step:3), [words](lesson:bit-identity), [words](lesson:bit-identity#2)
//   {namespace:name}: a number or pattern filled from the step's run (lesson_facts.h), e.g.
//   {metric:flops_utilization}, {numerics:amla.cos_diff}, {state:dn}, {bits:result.hex}
//
// Numbers are never typed into a lesson: they are named and filled in, so a lesson cannot drift
// from the model.
#include <functional>
#include <string>
#include <vector>

namespace amla {

// The namespaces a reference may use (lesson_facts.h resolves them).
const std::vector<std::string>& lesson_reference_namespaces();

// Every {namespace:name} in the text, in order ("metric:flops_utilization").
std::vector<std::string> lesson_text_references(const std::string& text);
// Refuses a reference whose namespace is unknown or whose name is empty: InputError(field, ...).
void check_reference_syntax(const std::string& field, const std::string& reference);

// Every link target in the text, in order ("step:3", "lesson:bit-identity#2").
std::vector<std::string> lesson_text_links(const std::string& text);
struct LessonLink {
  std::string lesson;  // "" = this lesson
  int step = 1;        // 1-based
};
LessonLink parse_lesson_link(const std::string& field, const std::string& target);

using ReferenceResolver = std::function<std::string(const std::string& reference)>;

// Rich text for Qt's text widgets (<p>, <ul>, <b>, <i>, <code>, <a href="step:3">); references
// replaced by `resolve` and set in bold so the student sees which words are live.
std::string render_lesson_html(const std::string& text, const ReferenceResolver& resolve);
// Plain text for the terminal: markup removed, lists as "  - ", links as their words.
std::string render_lesson_plain(const std::string& text, const ReferenceResolver& resolve);

}  // namespace amla
