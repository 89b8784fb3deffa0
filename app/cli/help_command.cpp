// amla-cli help [COMMAND] [--man]: the overview, one command's flags, or the manual page.
#include "app/cli/commands.h"
#include "app/cli/help_text.h"
#include "app/cli/man_page.h"
#include "core/common/input_error.h"

namespace amla::cli {

namespace {

int help_main(ArgList& list, std::ostream& out) {
  const bool man = list.flag("man");
  const auto topic = list.positional();
  list.finish();
  if (man && topic)
    throw InputError("--man", *topic, "the manual covers every command: no COMMAND");
  if (man) {
    print_man_page(out);
  } else if (topic) {
    print_command_help(require_command(*topic), out);
  } else {
    print_overview(out);
  }
  return 0;
}

}  // namespace

CommandSpec help_command() {
  return {"help",
          "this overview, every flag of one command, or the manual page",
          "[COMMAND] [--man]",
          "Without COMMAND: the commands, one line each. With COMMAND: its usage, every flag "
          "with its value, meaning, range and default, and examples (the same as amla-cli "
          "COMMAND --help). With --man: the manual page in roff, e.g. amla-cli help --man | "
          "man -l -.",
          {bare_flag("man", "Print the manual page (roff) of every command instead.")},
          {{"amla-cli help simulate", "every kernel parameter with its range and default"}},
          help_main};
}

}  // namespace amla::cli
