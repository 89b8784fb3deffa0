#pragma once
// The amla-cli commands, each defined in its own file, and the entry point that dispatches them.
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/command_spec.h"

namespace amla::cli {

CommandSpec bits_command();
CommandSpec numerics_command();
CommandSpec presets_command();
CommandSpec simulate_command();
CommandSpec import_command();
CommandSpec sweep_command();
CommandSpec sensitivity_command();
CommandSpec compare_command();
CommandSpec report_command();
CommandSpec lesson_command();
CommandSpec decode_command();
CommandSpec calibrate_command();
CommandSpec help_command();

// Every command, in the order the help lists them.
const std::vector<CommandSpec>& cli_commands();
// The command named `name`; InputError("command", name, "did you mean ...?") when there is none.
const CommandSpec& require_command(const std::string& name);

// The whole tool: dispatches argv[1], maps InputError to exit 2 and anything else to 1.
int cli_main(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

}  // namespace amla::cli
