#include "core/view/figure_content.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/common/input_error.h"
#include "core/view/figure_spec.h"

namespace amla {

namespace {

constexpr std::size_t kMaxListText = 256;

std::string shown(std::string_view text) {
  return text.size() > kMaxListText ? std::string(text.substr(0, kMaxListText)) + "..."
                                    : std::string(text);
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::string_view> split_commas(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    parts.push_back(
        text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

void check_length(std::string_view text, std::string_view field, const char* expected) {
  if (text.empty() || text.size() > kMaxListText) {
    throw InputError(std::string(field), shown(text),
                     std::string(expected) + ", at most 256 characters");
  }
}

int parse_core(std::string_view text, std::string_view field, std::string_view whole) {
  int value = -1;
  const auto* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || ptr != end || value < 0 || value > kMaxFigureCore) {
    throw InputError(std::string(field), shown(whole),
                     "expected core numbers in [0, " + std::to_string(kMaxFigureCore) +
                         "] and ranges, e.g. 0-1,4");
  }
  return value;
}

std::string number_text(double value) { return figure_number_text(value); }

double parse_time(std::string_view text, std::string_view field, std::string_view whole) {
  const std::optional<double> value = parse_figure_number(text);
  if (!value || *value < 0) {
    throw InputError(std::string(field), shown(whole),
                     "expected START:END in microseconds, 0 <= START < END, e.g. 10:60");
  }
  return *value;
}

}  // namespace

std::vector<int> parse_core_list(std::string_view text, std::string_view field) {
  check_length(text, field, "expected core numbers and ranges, e.g. 0-1,4");
  std::vector<int> cores;
  for (std::string_view part : split_commas(text)) {
    const std::size_t dash = part.find('-');
    const int first = parse_core(part.substr(0, dash), field, text);
    const int last =
        dash == std::string_view::npos ? first : parse_core(part.substr(dash + 1), field, text);
    if (last < first) {
      throw InputError(std::string(field), shown(text),
                       "a range goes up: " + std::to_string(last) + " < " + std::to_string(first));
    }
    for (int c = first; c <= last; ++c) cores.push_back(c);
  }
  std::sort(cores.begin(), cores.end());
  cores.erase(std::unique(cores.begin(), cores.end()), cores.end());
  return cores;
}

std::uint32_t parse_unit_list(std::string_view text, std::string_view field) {
  check_length(text, field, "expected units, e.g. aic,aiv0");
  std::uint32_t bits = 0;
  for (std::string_view part : split_commas(text)) {
    const std::string name = lower(part);
    bool found = false;
    for (int u = 0; u < kUnitCount; ++u) {
      if (name == lower(unit_name(static_cast<Unit>(u)))) bits |= 1u << u, found = true;
    }
    if (!found) throw InputError(std::string(field), shown(part), "one of aic, aiv0, aiv1");
  }
  return bits;
}

std::uint32_t parse_pipe_list(std::string_view text, std::string_view field) {
  check_length(text, field, "expected pipes, e.g. mte2,cube");
  std::uint32_t bits = 0;
  for (std::string_view part : split_commas(text)) {
    const std::string name = lower(part);
    bool found = false;
    for (int p = 0; p < kPipeCount; ++p) {
      if (name == lower(pipe_name(static_cast<Pipe>(p)))) bits |= 1u << p, found = true;
    }
    if (!found) throw InputError(std::string(field), shown(part), "one of " + pipe_list_text(0x7f));
  }
  return bits;
}

std::pair<double, double> parse_time_range_us(std::string_view text, std::string_view field) {
  if (text.size() > 64) throw InputError(std::string(field), shown(text), "at most 64 characters");
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    throw InputError(std::string(field), std::string(text),
                     "expected START:END in microseconds, e.g. 10:60");
  }
  const double t0 = parse_time(text.substr(0, colon), field, text);
  const double t1 = parse_time(text.substr(colon + 1), field, text);
  if (!(t1 > t0)) throw InputError(std::string(field), std::string(text), "END must exceed START");
  return {t0, t1};
}

namespace {

std::string letters_and_digits(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
  }
  return out;
}

}  // namespace

std::vector<std::string> parse_buffer_keys(std::string_view text, std::string_view field) {
  check_length(text, field, "expected buffer names, e.g. l1,l0a,ub");
  std::vector<std::string> keys;
  for (std::string_view part : split_commas(text)) {
    std::string key = letters_and_digits(part);
    if (key.empty()) {
      throw InputError(std::string(field), shown(text), "expected buffer names, e.g. l1,l0a,ub");
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

bool buffer_key_matches(std::string_view key, std::string_view name) {
  return letters_and_digits(name).rfind(letters_and_digits(key), 0) == 0;
}

std::string core_list_text(const std::vector<int>& cores) {
  std::string out;
  for (std::size_t i = 0; i < cores.size();) {
    std::size_t j = i;
    while (j + 1 < cores.size() && cores[j + 1] == cores[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += std::to_string(cores[i]);
    if (j > i) out += '-' + std::to_string(cores[j]);
    i = j + 1;
  }
  return out;
}

std::string unit_list_text(std::uint32_t units) {
  std::string out;
  for (int u = 0; u < kUnitCount; ++u) {
    if (!((units >> u) & 1u)) continue;
    out += (out.empty() ? "" : ",") + lower(unit_name(static_cast<Unit>(u)));
  }
  return out;
}

std::string pipe_list_text(std::uint32_t pipes) {
  std::string out;
  for (int p = 0; p < kPipeCount; ++p) {
    if (!((pipes >> p) & 1u)) continue;
    out += (out.empty() ? "" : ",") + lower(pipe_name(static_cast<Pipe>(p)));
  }
  return out;
}

void check_figure_content(const TimelineFigureContent& content, int cores, double end_us) {
  if (content.cores.empty()) throw InputError("--cores", "", "name at least one core");
  for (int core : content.cores) {
    if (core < 0 || core >= cores) {
      throw InputError("--cores", std::to_string(core),
                       "the run has cores 0-" + std::to_string(cores - 1));
    }
  }
  if ((content.units & 0b111u) == 0) throw InputError("--units", "", "name at least one unit");
  bool any_lane = false;
  for (int u = 0; u < kUnitCount; ++u) {
    for (int p = 0; p < kPipeCount; ++p) {
      any_lane |= content.shows(static_cast<Unit>(u)) && content.shows(static_cast<Pipe>(p)) &&
                  unit_has_pipe(static_cast<Unit>(u), static_cast<Pipe>(p));
    }
  }
  if (!any_lane) {
    throw InputError("--pipes", pipe_list_text(content.pipes),
                     "none of these pipes is on the units " + unit_list_text(content.units));
  }
  if (content.range_us) {
    const auto [t0, t1] = *content.range_us;
    // A hair of slack: the run's end printed and typed back may differ in the last digit.
    if (!(t0 >= 0 && t1 > t0 && t0 < end_us && t1 <= end_us * (1 + 1e-9) + 1e-9)) {
      throw InputError("--range", number_text(t0) + ":" + number_text(t1),
                       "the run lasts 0:" + number_text(end_us) + " µs");
    }
  }
}

const std::vector<LegendPositionName>& legend_positions() {
  static const std::vector<LegendPositionName> positions = {
      {LegendPosition::kTop, "top", "above the lanes"},
      {LegendPosition::kBottom, "bottom", "under the lanes"},
      {LegendPosition::kRight, "right", "in a column at the right of the lanes"},
      {LegendPosition::kNone, "none", "no legend"},
  };
  return positions;
}

std::string legend_position_choices() {
  std::string names;
  for (const LegendPositionName& p : legend_positions()) {
    names += (names.empty() ? "" : ", ") + std::string(p.name);
  }
  return names;
}

std::string_view legend_position_name(LegendPosition position) {
  for (const LegendPositionName& p : legend_positions()) {
    if (p.position == position) return p.name;
  }
  return "bottom";
}

LegendPosition parse_legend_position(std::string_view text, std::string_view field) {
  const std::string name = lower(text);
  for (const LegendPositionName& p : legend_positions()) {
    if (name == p.name) return p.position;
  }
  throw InputError(std::string(field), shown(text), "one of " + legend_position_choices());
}

}  // namespace amla
