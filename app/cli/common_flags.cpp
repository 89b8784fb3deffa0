#include "app/cli/common_flags.h"

#include "core/common/memory_budget.h"

namespace amla::cli {

FlagSpec memory_budget_flag() {
  FlagSpec f =
      integer_flag("memory-budget-mb", "MB",
                   "The most memory the run may allocate. A run whose trace would not "
                   "fit keeps only its metrics (and says so); one too large even for "
                   "that is refused before it starts.",
                   static_cast<long long>(default_memory_budget_bytes() >> 20), 1, 1LL << 30);
  // The number depends on the machine; the help and the man page say how it is chosen.
  f.default_text = "half the available memory";
  f.unit = "MiB";
  return f;
}

}  // namespace amla::cli
