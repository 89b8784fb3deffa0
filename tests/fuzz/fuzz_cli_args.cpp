// libFuzzer target: command-line tokens (one per line) through the real amla-cli entry point, for
// the commands that do no file I/O and finish at once: `bits` (the flag reader, integer and float
// parsing) and `simulate --dump-config` (every run knob, --set, --kv-dist: parsed, never
// simulated). Bad input must exit 2; exit 1 (an internal error) is a bug, like a crash.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/arg_list.h"
#include "app/cli/commands.h"
#include "core/common/input_error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 4096) return 0;
  std::vector<std::string> args = {"amla-cli", (data[0] & 1) ? "simulate" : "bits"};
  std::string token;
  for (std::size_t i = 1; i <= size; ++i) {
    if (i == size || data[i] == '\n') {
      // No paths: files are the other targets' business, and /dev/stdin would block.
      if (token.find('/') != std::string::npos) return 0;
      args.push_back(token);
      token.clear();
    } else {
      token += static_cast<char>(data[i]);
    }
  }
  for (const std::string& a : args) {
    for (const char* file_flag : {"--config", "--hw", "--kv-lens"}) {
      if (a.rfind(file_flag, 0) == 0) return 0;
    }
  }
  // Validate, never simulate. Right after the command, so no fuzzed flag can take it as its
  // value (a trailing "--trace" once swallowed it and ran the full default simulation).
  if (args[1] == "simulate") args.insert(args.begin() + 2, "--dump-config");

  std::ostringstream out, err;
  if (amla::cli::cli_main(args, out, err) == 1) __builtin_trap();

  // The number parsers on their own, with the CLI's widest ranges.
  const std::string text = args.size() > 2 ? args[2] : std::string();
  try {
    amla::cli::parse_integer("--n", text, -(1LL << 62), 1LL << 62);
  } catch (const amla::InputError&) {
  }
  try {
    amla::cli::parse_real("--x", text, -1e300, 1e300);
  } catch (const amla::InputError&) {
  }
  return 0;
}
