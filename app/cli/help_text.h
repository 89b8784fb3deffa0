#pragma once
// The help amla-cli prints: the overview (`amla-cli --help`, `amla-cli help`) and one command's
// help (`amla-cli help COMMAND`, `amla-cli COMMAND --help`), every flag from the command's table.
#include <ostream>
#include <string>

#include "app/cli/command_spec.h"

namespace amla::cli {

// What the tool is, in one paragraph (the man page's DESCRIPTION starts with it too).
extern const char* const kToolDescription;
// The exit codes, one line each: "0 ...", "1 ...", "2 ...".
extern const char* const kExitStatus[3];

void print_overview(std::ostream& out);
void print_command_help(const CommandSpec& command, std::ostream& out);

// `text` filled into lines of at most `width` columns, each prefixed by `indent` spaces.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width = 80);

}  // namespace amla::cli
