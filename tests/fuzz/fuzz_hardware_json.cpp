// libFuzzer target: a hardware file (--hw, presets --show output) -> parse_json_text ->
// hardware_from_json. Bad JSON and bad parameters must be InputErrors; an accepted model must
// write back to JSON that reads back.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  amla::HardwareModel hw;
  try {
    hw = amla::hardware_from_json(amla::parse_json_text("--hw", "fuzz.json", text), "--hw");
  } catch (const amla::InputError&) {
    return 0;
  }
  try {
    const std::string dump = amla::hardware_to_json(hw).dump();
    amla::hardware_from_json(amla::parse_json_text("--hw", "dump", dump), "--hw");
  } catch (const amla::InputError&) {
    __builtin_trap();  // we wrote something we cannot read
  }
  return 0;
}
