#pragma once
// The named knobs of a run, as the command line spells them (simulate flags without dashes):
// what a sweep varies and what `amla-cli simulate --NAME VALUE` sets. One table, so the CLI,
// the sweep and the GUI's sweep page agree on names, ranges and parsing. Every knob but the
// preset is a parameter of the schema (core/kernel/kernel_params.h).
#include <string>
#include <vector>

#include "core/kernel/config_json.h"

namespace amla {

struct KnobInfo {
  std::string name;         // "rows-per-task"
  std::string description;  // one line
};

const std::vector<KnobInfo>& run_knobs();
bool is_run_knob(const std::string& name);

// Sets one knob from its text. Bad names and values throw InputError naming "--NAME".
void apply_knob(RunConfig& config, const std::string& name, const std::string& value);
// The knob's current value as text (for tables and JSON).
std::string knob_value(const RunConfig& config, const std::string& name);

}  // namespace amla
