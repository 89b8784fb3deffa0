// libFuzzer target: .npy bytes -> parse_npy_matrix. A malformed or lying file must be an
// InputError; anything else (a crash, a sanitizer report, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/common/input_error.h"
#include "core/numerics/npy_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  // A small budget, so a header that promises a huge array is refused, not allocated.
  constexpr std::uint64_t kBudget = 64ull << 20;
  for (const int expected_cols : {-1, 576}) {
    try {
      const amla::MatrixF m = amla::parse_npy_matrix("--q", bytes, expected_cols, kBudget);
      // Whatever was accepted must fit in the bytes it came from.
      if (static_cast<std::uint64_t>(m.size()) * 2 > size) __builtin_trap();
    } catch (const amla::InputError&) {
    }
  }
  return 0;
}
