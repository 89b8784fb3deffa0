#include "app/cli/arg_list.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "core/common/input_error.h"

namespace amla::cli {

ArgList::ArgList(std::vector<std::string> tokens) {
  for (auto& t : tokens) {
    const auto eq = t.find('=');
    if (t.rfind("--", 0) == 0 && eq != std::string::npos) {
      tokens_.push_back({t.substr(0, eq)});
      tokens_.push_back({t.substr(eq + 1)});
    } else {
      tokens_.push_back({std::move(t)});
    }
  }
}

bool ArgList::has(const std::string& name) const {
  for (const auto& t : tokens_) {
    if (!t.used && t.text == "--" + name) return true;
  }
  return false;
}

bool ArgList::flag(const std::string& name) {
  bool found = false;
  for (auto& t : tokens_) {
    if (!t.used && t.text == "--" + name) {
      t.used = true;
      found = true;
    }
  }
  return found;
}

std::optional<std::string> ArgList::value(const std::string& name) {
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

std::vector<std::string> ArgList::values(const std::string& name) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (tokens_[i].used || tokens_[i].text != "--" + name) continue;
    if (i + 1 >= tokens_.size()) throw InputError("--" + name, "(missing)", "needs a value");
    tokens_[i].used = true;
    tokens_[i + 1].used = true;
    out.push_back(tokens_[i + 1].text);
  }
  return out;
}

long long parse_integer(const std::string& field, const std::string& text, long long min,
                        long long max) {
  const std::string limit =
      "must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || end == text.c_str() || *end != '\0' || errno == ERANGE || v < min ||
      v > max) {
    throw InputError(field, text.empty() ? "''" : text, limit);
  }
  return v;
}

double parse_real(const std::string& field, const std::string& text, double min, double max) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end == text.c_str() || *end != '\0' || !std::isfinite(v) || v < min ||
      v > max) {
    throw InputError(
        field, text.empty() ? "''" : text,
        "must be a finite number in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return v;
}

long long ArgList::integer(const std::string& name, long long fallback, long long min,
                           long long max) {
  const auto text = value(name);
  return text ? parse_integer("--" + name, *text, min, max) : fallback;
}

double ArgList::real(const std::string& name, double fallback, double min, double max) {
  const auto text = value(name);
  return text ? parse_real("--" + name, *text, min, max) : fallback;
}

void ArgList::finish() const {
  for (const auto& t : tokens_) {
    if (t.used) continue;
    if (t.text.rfind("--", 0) == 0) throw InputError(t.text, "unknown flag", "see amla-cli help");
    throw InputError("argument", t.text, "unexpected value (flags are --name VALUE)");
  }
}

}  // namespace amla::cli
