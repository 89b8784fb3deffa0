#include "app/cli/help_text.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include "app/cli/commands.h"
#include "core/common/version.h"

namespace amla::cli {

const char* const kToolDescription =
    "AMLA Studio's command line. AMLA (\"MUL by ADD in FlashAttention Rescaling\") is the MLA "
    "decode attention kernel that rescales its FP32 output by 2^n with an INT32 add on the "
    "exponent field. amla-cli emulates its numerics bit for bit against an FP64 golden and the "
    "multiply-based baseline, and simulates the kernel on an Ascend 910, cycle by cycle.";

const char* const kExitStatus[3] = {
    "0  success (also for --help and --version)",
    "1  internal error (a bug: please report it)",
    "2  bad input: one line on standard error naming the flag or file field, the value and the "
    "limit (\"amla-cli: --rows: 0 (must be an integer in [1, 1048576])\")",
};

std::string wrap(const std::string& text, std::size_t indent, std::size_t width) {
  std::istringstream words(text);
  std::string word, line, out;
  const std::string pad(indent, ' ');
  while (words >> word) {
    if (!line.empty() && pad.size() + line.size() + 1 + word.size() > width) {
      out += pad + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += pad + line + "\n";
  return out;
}

namespace {

// A command line as a shell would take it: continued with " \\" onto lines indented 4 more,
// never between a flag and its value.
std::string shell_lines(const std::string& command, std::size_t indent) {
  std::istringstream words(command);
  std::vector<std::string> units;
  std::string word;
  while (words >> word) {
    const bool value_of_flag = !units.empty() && word[0] != '-' &&
                               units.back().rfind("--", 0) == 0 &&
                               units.back().find(' ') == std::string::npos;
    if (value_of_flag) {
      units.back() += " " + word;
    } else {
      units.push_back(word);
    }
  }
  std::string out, line;
  std::size_t column = indent;
  for (const std::string& unit : units) {
    if (!line.empty() && column + line.size() + 1 + unit.size() > 78) {
      out += line + " \\\n" + std::string(indent + 4, ' ');
      line.clear();
      column = indent + 4;
    }
    line += (line.empty() ? "" : " ") + unit;
  }
  return out + line;
}

}  // namespace

void print_overview(std::ostream& out) {
  out << "amla-cli " << version_string() << "\n\n" << wrap(kToolDescription, 0) << "\n";
  out << "Usage: amla-cli COMMAND [--FLAG VALUE]...\n"
         "       amla-cli help [COMMAND]     every flag of COMMAND (or: COMMAND --help)\n"
         "       amla-cli help --man         the manual page, as roff\n"
         "       amla-cli --version\n\n"
         "Commands:\n";
  std::size_t width = 0;
  for (const CommandSpec& c : cli_commands()) width = std::max(width, c.name.size());
  for (const CommandSpec& c : cli_commands()) {
    out << "  " << c.name << std::string(width + 3 - c.name.size(), ' ') << c.summary << "\n";
  }
  out << "\n"
      << wrap(
             "Flags are --name VALUE or --name=VALUE; when a flag is given twice the last one "
             "counts. Run 'amla-cli help COMMAND' for every flag of a command with its meaning, "
             "default and range, and 'man amla-cli' for the manual.",
             0)
      << "\nExit status:\n";
  for (const char* line : kExitStatus) {
    // "  0  success ...", continuation lines under the text.
    out << "  " << std::string(line, 3) << wrap(line + 3, 5).substr(5);
  }
}

void print_command_help(const CommandSpec& command, std::ostream& out) {
  // "Usage: " and the call, continued under the call when it is long.
  out << "Usage: " << wrap("amla-cli " + command.name + " " + command.synopsis, 7).substr(7) << "\n"
      << wrap(command.description, 0);
  std::string group = "\n";  // a first group heading even for tables without groups
  for (const FlagSpec& f : command.flags) {
    if (f.group != group) {
      group = f.group;
      out << "\n" << (group.empty() ? "Flags" : group) << ":\n";
    }
    out << "  " << flag_usage(f) << "\n" << wrap(f.help, 6);
    if (const std::string values = value_description(f); !values.empty()) {
      out << wrap(values, 6);
    }
  }
  if (!command.examples.empty()) {
    out << "\nExamples:\n";
    for (const CommandExample& e : command.examples) {
      if (!e.comment.empty()) out << "  # " << e.comment << "\n";
      out << "  " << shell_lines(e.command, 2) << "\n";
    }
  }
  out << "\nExit status: 0 success, 1 internal error, 2 bad input.\n";
}

}  // namespace amla::cli
