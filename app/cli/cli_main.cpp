#include <exception>
#include <new>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/help_text.h"
#include "core/common/bounded_read.h"
#include "core/common/input_error.h"
#include "core/common/output_set.h"
#include "core/common/version.h"
#include "core/kernel/kernel_params.h"

namespace amla::cli {

namespace {

// Long enough for any real path; a longer value is cut with "...".
constexpr std::size_t kMaxQuotedValue = 200;

// The error is one line whatever the input held: control bytes quoted from files (a NUL, a
// newline, an escape sequence) are shown escaped, never sent to the terminal.
std::string one_line(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7f) {
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

int cli_main(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  if (argv.size() < 2) {
    print_overview(err);
    return 2;
  }
  const std::string& command = argv[1];
  const std::vector<std::string> args(argv.begin() + 2, argv.end());
  try {
    if (command == "--help" || command == "-h") {
      print_overview(out);
      return 0;
    }
    if (command == "--version") {
      out << "amla-cli " << version_string() << "\n";
      return 0;
    }
    const CommandSpec& spec = require_command(command);
    ArgList list(args, spec.flags, spec.name);
    if (list.help_requested()) {
      print_command_help(spec, out);
      return 0;
    }
    // A signal during the command removes its temporary files before the process ends.
    const OutputSignalGuard remove_temp_files_on_signal;
    return spec.run(list, out);
  } catch (const InputError& e) {
    // A value can be a megabyte token from a file or a flag: quoted cut, never whole.
    const InputError shown(e.field(), printable_excerpt(e.value(), kMaxQuotedValue), e.limit());
    err << "amla-cli: " << one_line(render_input_error(shown, ParamNaming::kFlag)) << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    err << "amla-cli: out of memory (lower the sizes or --memory-budget-mb)\n";
    return 2;
  } catch (const std::exception& e) {
    err << "amla-cli: internal error: " << one_line(e.what()) << "\n";
    return 1;
  }
}

}  // namespace amla::cli
