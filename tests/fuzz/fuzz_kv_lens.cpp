// libFuzzer target: the bytes of a `--kv-lens FILE` -> parse_kv_lengths. An InputError is the
// expected refusal; its quoted value must stay short and printable (never raw file bytes), and
// accepted lengths must lie in the schema's kv_len range.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/cli/run_config_flags.h"
#include "core/common/input_error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const std::vector<int> lens = amla::cli::parse_kv_lengths(text, "fuzz.txt");
    if (lens.empty()) __builtin_trap();
    for (const int n : lens) {
      if (n < 1) __builtin_trap();
    }
  } catch (const amla::InputError& e) {
    if (e.value().size() > 4 * 80 + 3) __builtin_trap();
    for (const char c : e.value()) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u >= 0x7f) __builtin_trap();
    }
  }
  return 0;
}
