#include "core/lesson/lesson_text.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/common/input_error.h"
#include "core/common/json_io.h"

namespace amla {

const std::vector<std::string>& lesson_reference_namespaces() {
  static const std::vector<std::string> names = {
      "metric", "path", "path_us", "param", "label", "hw", "numerics", "state", "bits", "decode"};
  return names;
}

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

// A reference starts at text[i] == '{': "{" + [a-z_]+ + ":" + name + "}". Returns its length or 0.
std::size_t reference_length(const std::string& text, std::size_t i) {
  std::size_t j = i + 1;
  while (j < text.size() && (std::islower(static_cast<unsigned char>(text[j])) || text[j] == '_')) {
    ++j;
  }
  if (j == i + 1 || j >= text.size() || text[j] != ':') return 0;
  ++j;
  while (j < text.size() && is_name_char(text[j])) ++j;
  if (j >= text.size() || text[j] != '}') return 0;
  return j - i + 1;
}

// A link starts at text[i] == '[': "[" words "](" target ")". Fills words and target.
std::size_t link_length(const std::string& text, std::size_t i, std::string* words,
                        std::string* target) {
  const std::size_t close = text.find(']', i + 1);
  if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != '(') return 0;
  const std::size_t end = text.find(')', close + 2);
  if (end == std::string::npos) return 0;
  if (words) *words = text.substr(i + 1, close - i - 1);
  if (target) *target = text.substr(close + 2, end - close - 2);
  return end - i + 1;
}

std::string escape_html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// One line's inline markup, as HTML or as plain text.
std::string render_inline(const std::string& line, const ReferenceResolver& resolve, bool html) {
  std::string out;
  bool em = false, strong = false, code = false;
  for (std::size_t i = 0; i < line.size();) {
    const char c = line[i];
    if (c == '`') {
      code = !code;
      if (html) out += code ? "<code>" : "</code>";
      ++i;
      continue;
    }
    if (!code && c == '*' && i + 1 < line.size() && line[i + 1] == '*') {
      strong = !strong;
      if (html) out += strong ? "<b>" : "</b>";
      i += 2;
      continue;
    }
    if (!code && c == '*') {
      em = !em;
      if (html) out += em ? "<i>" : "</i>";
      ++i;
      continue;
    }
    if (c == '{') {
      if (const std::size_t n = reference_length(line, i)) {
        const std::string value = resolve(line.substr(i + 1, n - 2));
        out += html ? "<b>" + escape_html(value) + "</b>" : value;
        i += n;
        continue;
      }
    }
    if (!code && c == '[') {
      std::string words, target;
      if (const std::size_t n = link_length(line, i, &words, &target)) {
        const std::string inner = render_inline(words, resolve, html);
        out += html ? "<a href=\"" + escape_html(target) + "\">" + inner + "</a>" : inner;
        i += n;
        continue;
      }
    }
    out += html ? escape_html(std::string(1, c)) : std::string(1, c);
    ++i;
  }
  // Unclosed markup is closed at the end of the line so one typo cannot restyle the rest.
  if (html) {
    if (code) out += "</code>";
    if (strong) out += "</b>";
    if (em) out += "</i>";
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool is_blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

bool is_item(const std::string& s) { return s.rfind("- ", 0) == 0; }

}  // namespace

std::vector<std::string> lesson_text_references(const std::string& text) {
  std::vector<std::string> refs;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (const std::size_t n = reference_length(text, i)) {
      refs.push_back(text.substr(i + 1, n - 2));
      i += n - 1;
    }
  }
  return refs;
}

void check_reference_syntax(const std::string& field, const std::string& reference) {
  const std::size_t colon = reference.find(':');
  const std::string ns = reference.substr(0, colon);
  const auto& known = lesson_reference_namespaces();
  if (colon == std::string::npos || std::find(known.begin(), known.end(), ns) == known.end()) {
    throw InputError(field, "{" + reference + "}",
                     "unknown reference namespace; " + unknown_key_limit(ns, known));
  }
  if (colon + 1 >= reference.size()) {
    throw InputError(field, "{" + reference + "}", "a reference names something after the colon");
  }
}

std::vector<std::string> lesson_text_links(const std::string& text) {
  std::vector<std::string> links;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '[') continue;
    std::string target;
    if (const std::size_t n = link_length(text, i, nullptr, &target)) {
      links.push_back(target);
      i += n - 1;
    }
  }
  return links;
}

LessonLink parse_lesson_link(const std::string& field, const std::string& target) {
  const auto number = [&](const std::string& s) {
    if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        })) {
      throw InputError(field, target, "a step number such as step:2 or lesson:ID#2");
    }
    return std::stoi(s);
  };
  LessonLink link;
  if (target.rfind("step:", 0) == 0) {
    link.step = number(target.substr(5));
    return link;
  }
  if (target.rfind("lesson:", 0) == 0) {
    const std::string rest = target.substr(7);
    const std::size_t hash = rest.find('#');
    link.lesson = rest.substr(0, hash);
    if (hash != std::string::npos) link.step = number(rest.substr(hash + 1));
    if (!link.lesson.empty()) return link;
  }
  throw InputError(field, target, "links go to step:K, lesson:ID or lesson:ID#K");
}

std::string render_lesson_html(const std::string& text, const ReferenceResolver& resolve) {
  std::string out;
  bool in_list = false, in_paragraph = false;
  const auto close = [&] {
    if (in_list) out += "</ul>\n";
    if (in_paragraph) out += "</p>\n";
    in_list = in_paragraph = false;
  };
  for (const std::string& line : split_lines(text)) {
    if (is_blank(line)) {
      close();
      continue;
    }
    if (is_item(line)) {
      if (in_paragraph) close();
      if (!in_list) out += "<ul>\n";
      in_list = true;
      out += "<li>" + render_inline(line.substr(2), resolve, true) + "</li>\n";
      continue;
    }
    if (in_list) close();
    out += in_paragraph ? "\n" : "<p>";
    in_paragraph = true;
    out += render_inline(line, resolve, true);
  }
  close();
  return out;
}

std::string render_lesson_plain(const std::string& text, const ReferenceResolver& resolve) {
  std::string out;
  for (const std::string& line : split_lines(text)) {
    if (is_item(line)) {
      out += "  - " + render_inline(line.substr(2), resolve, false) + "\n";
    } else {
      out += render_inline(line, resolve, false) + "\n";
    }
  }
  return out;
}

}  // namespace amla
