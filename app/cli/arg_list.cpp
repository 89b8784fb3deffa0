#include "app/cli/arg_list.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "app/cli/nearest_name.h"
#include "core/common/input_error.h"

namespace amla::cli {

namespace {

const char* kind_name(FlagKind kind) {
  switch (kind) {
    case FlagKind::kBare:
      return "a bare flag";
    case FlagKind::kInteger:
      return "an integer flag";
    case FlagKind::kReal:
      return "a real flag";
    case FlagKind::kText:
      return "a text flag";
    case FlagKind::kRepeated:
      return "a repeated flag";
  }
  return "?";
}

}  // namespace

ArgList::ArgList(std::vector<std::string> tokens, const FlagTable& table, std::string command)
    : table_(table), command_(std::move(command)) {
  for (auto& t : tokens) {
    const auto eq = t.find('=');
    if (t.rfind("--", 0) == 0 && eq != std::string::npos) {
      tokens_.push_back({t.substr(0, eq)});
      tokens_.push_back({t.substr(eq + 1)});
    } else {
      tokens_.push_back({std::move(t)});
    }
  }
  // --help / -h asks for help wherever a flag may stand; after a flag that takes a value it is
  // that value (a file may be called "-h"). A flag the table lacks is refused before anything
  // else is read, so a typo is named even when it hides a required flag ("--parm").
  const std::string* unknown = nullptr;
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    const std::string& t = tokens_[i].text;
    if (t == "--help" || t == "-h") {
      tokens_[i].used = true;
      help_requested_ = true;
    } else if (t.rfind("--", 0) == 0) {
      const FlagSpec* f = find_flag(table_, t.substr(2));
      if (!f && !unknown) unknown = &t;
      if (f && f->takes_value()) ++i;
    }
  }
  if (unknown && !help_requested_) reject_unknown(*unknown);
}

void ArgList::reject_unknown(const std::string& token) const {
  std::vector<std::string> names;
  for (const FlagSpec& f : table_) names.push_back("--" + f.name);
  const std::string near = nearest_name_limit(token, names);
  throw InputError(shown_word(token), "unknown flag",
                   suggests_a_name(near) ? near : "see amla-cli help " + command_);
}

const FlagSpec& ArgList::spec(const std::string& name) const {
  if (const FlagSpec* f = find_flag(table_, name)) return *f;
  throw std::logic_error("amla-cli " + command_ + ": --" + name + " is not in its flag table");
}

const FlagSpec& ArgList::spec(const std::string& name, FlagKind kind) const {
  const FlagSpec& f = spec(name);
  if (f.kind != kind) {
    throw std::logic_error("amla-cli " + command_ + ": --" + name + " is " + kind_name(f.kind) +
                           ", read as " + kind_name(kind));
  }
  return f;
}

bool ArgList::has(const std::string& name) const {
  spec(name);
  for (const auto& t : tokens_) {
    if (!t.used && t.text == "--" + name) return true;
  }
  return false;
}

bool ArgList::flag(const std::string& name) {
  spec(name, FlagKind::kBare);
  bool found = false;
  for (auto& t : tokens_) {
    if (!t.used && t.text == "--" + name) {
      t.used = true;
      found = true;
    }
  }
  return found;
}

std::optional<std::string> ArgList::take_last(const std::string& name) {
  std::optional<std::string> result;
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (tokens_[i].used || tokens_[i].text != "--" + name) continue;
    if (i + 1 >= tokens_.size()) throw InputError("--" + name, "(missing)", "needs a value");
    tokens_[i].used = true;
    tokens_[i + 1].used = true;
    result = tokens_[i + 1].text;  // the last occurrence wins, like most tools
  }
  return result;
}

std::optional<std::string> ArgList::value(const std::string& name) {
  const FlagSpec& f = spec(name);
  if (!f.takes_value() || f.kind == FlagKind::kRepeated) {
    throw std::logic_error("amla-cli " + command_ + ": --" + name + " is " + kind_name(f.kind) +
                           ", read as a single value");
  }
  auto result = take_last(name);
  if (!result && f.required) {
    throw InputError("--" + name, "(missing)",
                     command_ + " needs --" + name + (f.metavar.empty() ? "" : " " + f.metavar));
  }
  return result;
}

std::string ArgList::text(const std::string& name) {
  return value(name).value_or(spec(name).default_text);
}

std::vector<std::string> ArgList::values(const std::string& name) {
  const FlagSpec& f = spec(name, FlagKind::kRepeated);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (tokens_[i].used || tokens_[i].text != "--" + name) continue;
    if (i + 1 >= tokens_.size()) throw InputError("--" + name, "(missing)", "needs a value");
    tokens_[i].used = true;
    tokens_[i + 1].used = true;
    out.push_back(tokens_[i + 1].text);
  }
  if (out.empty() && f.required) {
    throw InputError("--" + name, "(missing)",
                     command_ + " needs --" + name + (f.metavar.empty() ? "" : " " + f.metavar));
  }
  return out;
}

long long parse_integer(const std::string& field, const std::string& text, long long min,
                        long long max) {
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end == text.c_str() || *end != '\0' || errno == ERANGE || v < min ||
      v > max) {
    throw InputError(field, text.empty() ? "''" : text, "must be " + integer_range_text(min, max));
  }
  return v;
}

double parse_real(const std::string& field, const std::string& text, double min, double max) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end == text.c_str() || *end != '\0' || !std::isfinite(v) || v < min ||
      v > max) {
    throw InputError(field, text.empty() ? "''" : text, "must be " + real_range_text(min, max));
  }
  return v;
}

long long ArgList::integer_of(const std::string& name, const std::string& text) const {
  const FlagSpec& f = spec(name);
  const long long v = parse_integer("--" + name, text, f.min, f.max);
  if (f.multiple_of > 1 && v % f.multiple_of != 0) {
    throw InputError("--" + name, text, "must be " + f.range_text);
  }
  return v;
}

double ArgList::real_of(const std::string& name, const std::string& text) const {
  const FlagSpec& f = spec(name);
  return parse_real("--" + name, text, f.real_min, f.real_max);
}

long long ArgList::integer(const std::string& name) {
  const FlagSpec& f = spec(name, FlagKind::kInteger);
  const auto text = value(name);
  return text ? integer_of(name, *text) : f.int_default;
}

double ArgList::real(const std::string& name) {
  const FlagSpec& f = spec(name, FlagKind::kReal);
  const auto text = value(name);
  return text ? real_of(name, *text) : f.real_default;
}

std::optional<std::string> ArgList::positional() {
  for (auto& t : tokens_) {
    if (t.used || t.text.rfind("-", 0) == 0) continue;
    t.used = true;
    return t.text;
  }
  return std::nullopt;
}

bool ArgList::take_leading_word(const std::string& word) {
  if (tokens_.empty() || tokens_.front().used || tokens_.front().text != word) return false;
  tokens_.front().used = true;
  return true;
}

void ArgList::finish() const {
  std::vector<std::string> names;
  for (const FlagSpec& f : table_) names.push_back("--" + f.name);
  for (const auto& t : tokens_) {
    if (t.used) continue;
    if (t.text.rfind("--", 0) == 0) {
      if (find_flag(table_, t.text.substr(2))) {
        throw std::logic_error("amla-cli " + command_ + " declares " + t.text +
                               " but never reads it");
      }
      reject_unknown(t.text);
    }
    // A word that looks like a flag without its dashes ("batch 4", "-json"): name the flag.
    const auto first = t.text.find_first_not_of('-');
    const std::string bare = first == std::string::npos ? "" : t.text.substr(first);
    if (bare.size() >= 3 && std::isalpha(static_cast<unsigned char>(bare[0]))) {
      const std::string near = nearest_name_limit("--" + bare, names);
      if (suggests_a_name(near)) {
        throw InputError("argument", shown_word(t.text), "unexpected value; " + near);
      }
    }
    throw InputError("argument", shown_word(t.text), "unexpected value (flags are --name VALUE)");
  }
}

}  // namespace amla::cli
