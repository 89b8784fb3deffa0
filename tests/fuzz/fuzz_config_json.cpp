// libFuzzer target: a run configuration (--config FILE) -> run_config_from_json, then the checks
// every run makes before it allocates (validation, task count). Bad input must be an InputError;
// an accepted configuration must write back to JSON that reads back.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/config_json.h"
#include "core/kernel/plan.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  amla::RunConfig config;
  try {
    config = amla::run_config_from_json(amla::parse_json_text("--config", "fuzz.json", text));
  } catch (const amla::InputError&) {
    return 0;
  }
  try {
    amla::run_config_from_json(amla::run_config_to_json(config));
  } catch (const amla::InputError&) {
    __builtin_trap();  // we wrote something we cannot read
  }
  try {
    amla::validate_kernel_config(config.kernel, config.hardware);
    if (amla::count_tasks(config.kernel) < 1) __builtin_trap();
  } catch (const amla::InputError&) {
  }
  return 0;
}
