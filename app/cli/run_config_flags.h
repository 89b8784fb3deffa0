#pragma once
// The flags that describe a run, shared by `simulate` and `sweep`: --config FILE, --preset NAME
// or --hw FILE, --set KEY=VALUE,..., the per-request lengths (--kv-lens FILE | --kv-dist
// normal:MEAN [--kv-seed S]) and one flag per kernel parameter of the schema
// (core/kernel/kernel_params.h), so names, ranges and defaults are the schema's. Flags override
// the file.
#include <cstdint>
#include <string>
#include <vector>

#include "app/cli/arg_list.h"
#include "core/kernel/config_json.h"

namespace amla::cli {

// The table of those flags, grouped as the help lists them. A command whose own model sets some
// of them (decode sets the batch and the query tokens) leaves those out with `omit` (flag names
// without dashes), so its help never lists a flag it refuses.
FlagTable run_config_flag_table(const std::vector<std::string>& omit = {});
// Reads them; `list` must have been built over run_config_flag_table(omit) with the same `omit`.
amla::RunConfig parse_run_config_flags(ArgList& list, const std::vector<std::string>& omit = {});

// --kv-lens files are read through read_bounded_file with this cap.
constexpr std::uint64_t kMaxKvLensFileBytes = 16u << 20;
// The lengths in a --kv-lens file's text (separated by whitespace, commas or brackets); throws
// InputError("--kv-lens", ...) quoting at most 80 printable characters. `shown_path` names the
// file in messages.
std::vector<int> parse_kv_lengths(const std::string& text, const std::string& shown_path);

}  // namespace amla::cli
