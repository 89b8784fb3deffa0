// libFuzzer target: the text of `amla-cli sweep --param NAME=V1,V2,...` -> parse_sweep_parameter,
// then every value applied to a configuration as the sweep would (apply_knob).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/common/input_error.h"
#include "core/kernel/config_json.h"
#include "core/sweep/knobs.h"
#include "core/sweep/sweep.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const amla::SweepParameter p = amla::parse_sweep_parameter(text);
    if (p.values.empty() || !amla::is_run_knob(p.name)) __builtin_trap();
    for (const std::string& v : p.values) {
      try {
        amla::RunConfig config;
        amla::apply_knob(config, p.name, v);
        amla::knob_value(config, p.name);
      } catch (const amla::InputError&) {
      }
    }
  } catch (const amla::InputError&) {
  }
  return 0;
}
