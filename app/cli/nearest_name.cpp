#include "app/cli/nearest_name.h"

#include "core/common/json_io.h"

namespace amla::cli {

namespace {

constexpr std::size_t kMaxCompared = 64;
constexpr std::size_t kMaxShown = 40;

}  // namespace

std::string nearest_name_limit(const std::string& word, const std::vector<std::string>& names) {
  if (word.size() <= kMaxCompared) return unknown_key_limit(word, names);
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  return "expected one of " + list;
}

bool suggests_a_name(const std::string& limit) { return limit.rfind("did you mean", 0) == 0; }

std::string shown_word(const std::string& word) {
  return word.size() > kMaxShown ? word.substr(0, kMaxShown) + "..." : word;
}

}  // namespace amla::cli
