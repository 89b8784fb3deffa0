#include "core/common/json_io.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/common/bounded_read.h"
#include "core/common/input_error.h"

namespace amla {

namespace {

// Cheap pre-parse scan: the deepest [ / { nesting outside strings.
int json_nesting_depth(const std::string& text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
      if (deepest > kMaxJsonDepth) break;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

// Levenshtein distance, for typo suggestions on short keys.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

// A value for an error message: the JSON text, cut short so a huge object stays one line.
std::string short_dump(const nlohmann::json& j) {
  std::string s = j.dump();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

std::string unknown_key_limit(const std::string& key, const std::vector<std::string>& known) {
  const std::size_t allowed = key.size() >= 4 ? 2 : 1;
  const std::string* best = nullptr;
  std::size_t best_distance = allowed + 1;
  for (const std::string& k : known) {
    const std::size_t d = edit_distance(key, k);
    if (d < best_distance) {
      best = &k;
      best_distance = d;
    }
  }
  if (best) return "did you mean " + *best + "?";
  std::string list;
  for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
  return "expected one of " + list;
}

std::string json_key_path(const std::string& field, const std::string& key) {
  if (field.empty()) return key;
  const bool bare_flag = field.rfind("--", 0) == 0 && field.find(' ') == std::string::npos;
  return field + (bare_flag ? " " : ".") + key;
}

nlohmann::json parse_json_text(const std::string& field, const std::string& what,
                               const std::string& text) {
  if (json_nesting_depth(text) > kMaxJsonDepth) {
    throw InputError(field, what,
                     "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message starts with "[json.exception.parse_error.101] "; keep the rest.
    std::string detail = e.what();
    const auto bracket = detail.find("] ");
    if (bracket != std::string::npos) detail = detail.substr(bracket + 2);
    throw InputError(field, what,
                     "malformed JSON at byte " + std::to_string(e.byte) + ": " + detail);
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond double ("7e7797") is out_of_range.406, not a parse_error (found by fuzzing).
    std::string detail = e.what();
    const auto bracket = detail.find("] ");
    if (bracket != std::string::npos) detail = detail.substr(bracket + 2);
    throw InputError(field, what, "malformed JSON: " + detail);
  }
}

nlohmann::json read_json_file(const std::string& field, const std::string& path) {
  const std::string text = read_bounded_file(field, path, 16u << 20, "JSON files");
  return parse_json_text(field, printable_excerpt(path), text);
}

}  // namespace amla
