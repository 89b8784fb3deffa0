#pragma once
// What a timeline figure shows, as the author chose it: which cores, which units and pipes, and
// which time window. The CLI's --cores/--units/--pipes/--range flags and the GUI's export dialog
// both fill one of these; the painters read it. Parsing checks the syntax; checking against a
// run (cores it has, how long it lasted) needs the run and is done by check_figure_content.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ops/pipes.h"

namespace amla {

struct TimelineFigureContent {
  std::vector<int> cores = {0};                       // sorted, no repeats
  std::uint32_t units = 0b111;                        // bit u: Unit u shown
  std::uint32_t pipes = 0x7f;                         // bit p: Pipe p shown (where the unit has it)
  std::optional<std::pair<double, double>> range_us;  // none: the whole run

  bool shows(Unit unit) const { return (units >> static_cast<int>(unit)) & 1u; }
  bool shows(Pipe pipe) const { return (pipes >> static_cast<int>(pipe)) & 1u; }
};

// Where a figure's legend goes: under the lanes (the default), above them, in a column at their
// right, or nowhere. The CLI's --legend and the export dialog's choice both read this list.
enum class LegendPosition { kTop, kBottom, kRight, kNone };

struct LegendPositionName {
  LegendPosition position;
  std::string_view name;  // as typed after --legend and stored by the dialog
  std::string_view meaning;
};
// Every position, in the order the help and the dialog list them.
const std::vector<LegendPositionName>& legend_positions();
// "top, bottom, right, none": the choices, for help text and refusals.
std::string legend_position_choices();
std::string_view legend_position_name(LegendPosition position);
// "right" (any case) -> kRight. Throws InputError(field) naming the value and the choices.
LegendPosition parse_legend_position(std::string_view text, std::string_view field = "--legend");

// The largest core number a list may name (the machine limit of the hardware schema).
inline constexpr int kMaxFigureCore = 4095;

// "0-1,4" -> {0, 1, 4}. Throws InputError(field) on bad syntax, a descending range or a number
// above kMaxFigureCore.
std::vector<int> parse_core_list(std::string_view text, std::string_view field = "--cores");
// "aic,aiv0" (any case) -> unit bits. Throws InputError(field) naming the unknown unit.
std::uint32_t parse_unit_list(std::string_view text, std::string_view field = "--units");
// "mte2,cube" (any case) -> pipe bits. Throws InputError(field) naming the unknown pipe.
std::uint32_t parse_pipe_list(std::string_view text, std::string_view field = "--pipes");
// "A:B" in microseconds, 0 <= A < B. Throws InputError(field).
std::pair<double, double> parse_time_range_us(std::string_view text,
                                              std::string_view field = "--range");

// "l1,ub" -> {"l1", "ub"}: keys that pick buffers by name ("ub" picks both UBs, "l0" the three
// L0 buffers): letters and digits only, any case. Throws InputError(field) on an empty key.
std::vector<std::string> parse_buffer_keys(std::string_view text,
                                           std::string_view field = "--show-buffers");
// Whether `key` picks the buffer named `name` ("UB (AIV0)"): a prefix of its letters and digits.
bool buffer_key_matches(std::string_view key, std::string_view name);

// Back to text, as the parsers read it and the dialog shows it: "0-1,4", "aic,aiv0",
// "mte2,cube".
std::string core_list_text(const std::vector<int>& cores);
std::string unit_list_text(std::uint32_t units);
std::string pipe_list_text(std::uint32_t pipes);

// Against a run of `cores` cores lasting `end_us`: every core exists, the range lies inside the
// run, and at least one lane is left to draw. Throws InputError naming the flag, the value and
// the limit.
void check_figure_content(const TimelineFigureContent& content, int cores, double end_us);

}  // namespace amla
