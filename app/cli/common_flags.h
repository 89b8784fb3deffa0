#pragma once
// Flags several commands declare alike, so their meaning, default and range are written once.
#include "app/cli/flag_spec.h"

namespace amla::cli {

// --memory-budget-mb MB: the most a run may allocate (default: half the available memory).
FlagSpec memory_budget_flag();

}  // namespace amla::cli
