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

// The table of those flags, grouped as the help lists them.
FlagTable run_config_flag_table();
// Reads them; `list` must have been built over a table that contains run_config_flag_table().
amla::RunConfig parse_run_config_flags(ArgList& list);

// --kv-lens files are read through read_bounded_file with this cap.
constexpr std::uint64_t kMaxKvLensFileBytes = 16u << 20;
// The lengths in a --kv-lens file's text (separated by whitespace, commas or brackets); throws
// InputError("--kv-lens", ...) quoting at most 80 printable characters. `shown_path` names the
// file in messages.
std::vector<int> parse_kv_lengths(const std::string& text, const std::string& shown_path);

}  // namespace amla::cli
