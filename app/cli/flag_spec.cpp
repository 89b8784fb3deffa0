#include "app/cli/flag_spec.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace amla::cli {

FlagSpec bare_flag(std::string name, std::string help) {
  FlagSpec f;
  f.name = std::move(name);
  f.kind = FlagKind::kBare;
  f.help = std::move(help);
  return f;
}

FlagSpec integer_flag(std::string name, std::string metavar, std::string help,
                      long long default_value, long long min, long long max) {
  FlagSpec f;
  f.name = std::move(name);
  f.kind = FlagKind::kInteger;
  f.metavar = std::move(metavar);
  f.help = std::move(help);
  f.int_default = default_value;
  f.min = min;
  f.max = max;
  f.default_text = std::to_string(default_value);
  f.range_text = integer_range_text(min, max);
  return f;
}

FlagSpec real_flag(std::string name, std::string metavar, std::string help, double default_value,
                   double min, double max) {
  FlagSpec f;
  f.name = std::move(name);
  f.kind = FlagKind::kReal;
  f.metavar = std::move(metavar);
  f.help = std::move(help);
  f.real_default = default_value;
  f.real_min = min;
  f.real_max = max;
  f.default_text = format_real(default_value);
  f.range_text = real_range_text(min, max);
  return f;
}

FlagSpec text_flag(std::string name, std::string metavar, std::string help,
                   std::string default_text) {
  FlagSpec f;
  f.name = std::move(name);
  f.kind = FlagKind::kText;
  f.metavar = std::move(metavar);
  f.help = std::move(help);
  f.default_text = std::move(default_text);
  return f;
}

FlagSpec choice_flag(std::string name, std::string help, std::vector<std::string> choices,
                     std::string default_text) {
  FlagSpec f = text_flag(std::move(name), "NAME", std::move(help), std::move(default_text));
  f.range_text = choices_text(choices);
  f.choices = std::move(choices);
  return f;
}

FlagSpec repeated_flag(std::string name, std::string metavar, std::string help) {
  FlagSpec f = text_flag(std::move(name), std::move(metavar), std::move(help));
  f.kind = FlagKind::kRepeated;
  return f;
}

FlagTable in_group(std::string group, FlagTable table) {
  for (FlagSpec& f : table) {
    if (f.group.empty()) f.group = group;
  }
  return table;
}

FlagTable concat(FlagTable a, const FlagTable& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const FlagSpec* find_flag(const FlagTable& table, const std::string& name) {
  for (const FlagSpec& f : table) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string format_real(double value) {
  char buf[40];
  // Whole numbers of ordinary size as such ("1000", not "1e+03").
  if (value == std::trunc(value) && std::fabs(value) < 1e6) {
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return buf;
  }
  // Else the fewest digits that read back as the same double: "1e-30" rather than "0.000000".
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

std::string integer_range_text(long long min, long long max) {
  return "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
}

std::string real_range_text(double min, double max) {
  return "a finite number in [" + format_real(min) + ", " + format_real(max) + "]";
}

std::string choices_text(const std::vector<std::string>& choices) {
  std::string names;
  for (const auto& c : choices) names += (names.empty() ? "" : ", ") + c;
  return "one of " + names;
}

std::string flag_usage(const FlagSpec& f) {
  return "--" + f.name + (f.metavar.empty() ? "" : " " + f.metavar);
}

std::string value_description(const FlagSpec& f) {
  std::vector<std::string> parts;
  if (!f.range_text.empty()) {
    parts.push_back(f.range_text + (f.unit.empty() ? "" : " " + f.unit));
  } else if (!f.unit.empty()) {
    parts.push_back("in " + f.unit);
  }
  if (f.required) parts.push_back("required");
  if (!f.default_text.empty()) parts.push_back("default " + f.default_text);
  if (f.kind == FlagKind::kRepeated) parts.push_back("may be given more than once");
  std::string text;
  for (const auto& p : parts) text += (text.empty() ? "" : "; ") + p;
  return text;
}

}  // namespace amla::cli
