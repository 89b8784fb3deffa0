// The list of amla-cli commands, in the order the help and the manual show them.
#include "app/cli/commands.h"
#include "app/cli/nearest_name.h"
#include "core/common/input_error.h"

namespace amla::cli {

const std::vector<CommandSpec>& cli_commands() {
  static const std::vector<CommandSpec> commands = {
      bits_command(),   numerics_command(), presets_command(),     simulate_command(),
      import_command(), sweep_command(),    sensitivity_command(), compare_command(),
      report_command(), lesson_command(),   decode_command(),      calibrate_command(),
      help_command(),
  };
  return commands;
}

const CommandSpec& require_command(const std::string& name) {
  std::vector<std::string> names;
  for (const CommandSpec& c : cli_commands()) {
    if (c.name == name) return c;
    names.push_back(c.name);
  }
  throw InputError("command", shown_word(name), nearest_name_limit(name, names));
}

}  // namespace amla::cli
