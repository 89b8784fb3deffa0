#pragma once
// The parameter schema: every knob a run's kernel configuration is made of (problem, tiling,
// kernel variant, split policy), defined once with its JSON key, command-line flag, GUI label,
// help sentence, unit and range. The JSON reader and writer, the range checks, the CLI flags and
// their help, the sweep's knobs and the studio's fields are all generated from this table.
//
// Messages about parameters (validation's cross-field rules) name them as "{id}" inside the
// text, e.g. "one Q tile of {tiling.m_tile} x {tiling.l1_k_split}"; each front end renders the
// reference in its own words (render_param_refs): the CLI as --m-tile, the GUI as its label.
#include <string>
#include <string_view>
#include <vector>

#include "core/kernel/kernel_config.h"

namespace amla {

enum class ParamType : std::uint8_t { kInteger, kChoice };

struct ParamDef {
  std::string_view id;     // "tiling.kv_block": also the key path in a configuration file
  std::string_view flag;   // "kv-block": amla-cli --kv-block, sweep --param kv-block=...
  std::string_view label;  // "KV block (s2Base)": the studio's field label
  std::string_view group;  // "Problem", "Kernel" or "Tiling": the studio's group
  std::string_view unit;   // "tokens", "rows", "bytes", ... ("" for counts without a unit)
  std::string_view help;   // one sentence for tooltips, --help and the man page
  ParamType type = ParamType::kInteger;
  long long min = 0, max = 0;             // integers: the range; choices: 0 .. count - 1
  long long multiple_of = 1;              // integers: values must be multiples of this
  std::vector<std::string_view> choices;  // kChoice: the names, by value
  long long (*get)(const KernelConfig&) = nullptr;
  void (*set)(KernelConfig&, long long) = nullptr;

  // "problem" from "problem.batch"; "" for top-level keys ("variant").
  std::string_view json_section() const;
  std::string_view json_key() const;
};

// Every parameter, in the order the studio and --help show them.
const std::vector<ParamDef>& kernel_params();
const ParamDef* find_param(std::string_view id);
const ParamDef* find_param_by_flag(std::string_view flag);
// The parameter with this id; a missing id is a programming error (std::logic_error).
const ParamDef& param(std::string_view id);

// "an integer in [1, 65536]", "a multiple of 16 in [16, 65536]", "one of amla, baseline".
std::string param_range_text(const ParamDef& p);
// The value as users write it: "512", "amla".
std::string format_param_value(const ParamDef& p, long long value);
// Range and multiple checks; throws InputError(field, value, range text).
void check_param_value(const ParamDef& p, const std::string& field, long long value);
// Text (a number or a choice name) to a checked value; InputError(field, text, range) if bad.
long long parse_param_value(const ParamDef& p, const std::string& field, const std::string& text);

// How a front end names a parameter: the schema id, the CLI flag (--kv-block) or the GUI label.
enum class ParamNaming : std::uint8_t { kId, kFlag, kLabel };
std::string param_display_name(const ParamDef& p, ParamNaming naming);
// Replaces every "{id}" naming a parameter in `text` by its display name.
std::string render_param_refs(const std::string& text, ParamNaming naming);
// An error field that is a parameter id, in the front end's words; other fields unchanged.
std::string render_field(const std::string& field, ParamNaming naming);

class InputError;
// "field: value (limit)" with the field and the limit's references in the front end's words.
std::string render_input_error(const InputError& e, ParamNaming naming);

}  // namespace amla
