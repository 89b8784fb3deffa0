#pragma once
// Runs amla-cli in-process for the CLI tests: exit code, standard output and standard error.
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/commands.h"

namespace amla::cli::testing {

struct CliResult {
  int code;
  std::string out;
  std::string err;
};

// `args` without the program name.
inline CliResult run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "amla-cli");
  std::ostringstream out, err;
  const int code = cli_main(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace amla::cli::testing
