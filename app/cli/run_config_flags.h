#pragma once
// The flags that describe a run, shared by `simulate` and `sweep`: --config FILE, --preset NAME
// or --hw FILE, --set KEY=VALUE,..., the problem (--batch, --q-tokens, --heads, --kv-len |
// --kv-lens FILE | --kv-dist normal:MEAN [--kv-seed S]) and every run knob (--NAME VALUE for
// each name in amla::run_knobs()). Flags override the file.
#include "app/cli/arg_list.h"
#include "core/kernel/config_json.h"

namespace amla::cli {

amla::RunConfig parse_run_config_flags(ArgList& list);

}  // namespace amla::cli
