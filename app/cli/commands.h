#pragma once
// The amla-cli subcommands. Each takes its arguments (after the command name) and the output
// stream, returns the exit code, and throws InputError for bad input (the caller prints it and
// exits 2).
#include <ostream>
#include <string>
#include <vector>

namespace amla::cli {

int run_bits_command(const std::vector<std::string>& args, std::ostream& out);
int run_numerics_command(const std::vector<std::string>& args, std::ostream& out);
int run_report_command(const std::vector<std::string>& args, std::ostream& out);
int run_presets_command(const std::vector<std::string>& args, std::ostream& out);
int run_simulate_command(const std::vector<std::string>& args, std::ostream& out);
int run_sweep_command(const std::vector<std::string>& args, std::ostream& out);

// The whole tool: dispatches argv[1], maps InputError to exit 2 and anything else to 1.
int cli_main(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

}  // namespace amla::cli
