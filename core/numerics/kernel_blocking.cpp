#include "core/numerics/kernel_blocking.h"

#include <string>

#include "core/common/input_error.h"

namespace amla {

void validate_blocking(const KernelBlocking& b) {
  if (b.rows_per_task < 1 || b.rows_per_task > 4096) {
    throw InputError("rows-per-task", std::to_string(b.rows_per_task), "must be in [1, 4096]");
  }
  if (b.kv_block < 1 || b.kv_block > 65536) {
    throw InputError("kv-block", std::to_string(b.kv_block), "must be in [1, 65536]");
  }
}

}  // namespace amla
