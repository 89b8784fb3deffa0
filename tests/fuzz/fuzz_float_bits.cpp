// libFuzzer target: the --value text of `amla-cli bits` -> parse_float_bits, then the analysis
// of the add for a shift and compensation taken from the same bytes.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/common/input_error.h"
#include "core/numerics/float_bits.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The first 6 bytes pick the shift and the compensation (the CLI's ranges); the rest is text.
  std::int16_t shift_raw = 0;
  std::int32_t comp_raw = 0;
  if (size >= 6) {
    std::memcpy(&shift_raw, data, 2);
    std::memcpy(&comp_raw, data + 2, 4);
    data += 6;
    size -= 6;
  }
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const std::uint32_t bits = amla::parse_float_bits("--value", text);
    const amla::RescaleReport r = amla::analyze_exponent_add(bits, shift_raw % 1001, comp_raw);
    if (std::string(amla::rescale_class_name(r.classification)).empty()) __builtin_trap();
  } catch (const amla::InputError&) {
  }
  return 0;
}
