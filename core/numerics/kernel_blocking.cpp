#include "core/numerics/kernel_blocking.h"

#include <string>

#include "core/common/input_error.h"

namespace amla {

void validate_blocking(const KernelBlocking& b) {
  if (b.rows_per_task < 1 || b.rows_per_task > kMaxRowsPerTask) {
    throw InputError("rows-per-task", std::to_string(b.rows_per_task),
                     "an integer in [1, " + std::to_string(kMaxRowsPerTask) + "]");
  }
  if (b.kv_block < kKvBlockMultiple || b.kv_block > kMaxKvBlock ||
      b.kv_block % kKvBlockMultiple != 0) {
    throw InputError("kv-block", std::to_string(b.kv_block),
                     "a multiple of " + std::to_string(kKvBlockMultiple) + " in [" +
                         std::to_string(kKvBlockMultiple) + ", " + std::to_string(kMaxKvBlock) +
                         "]");
  }
}

}  // namespace amla
