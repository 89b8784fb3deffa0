// libFuzzer target: a studio session file -> session_from_json. A corrupted session must be an
// InputError (the studio then keeps the current one); an accepted session must round-trip.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/session/studio_session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  amla::StudioSession session;
  try {
    session = amla::session_from_json(amla::parse_json_text("session", "fuzz.json", text));
  } catch (const amla::InputError&) {
    return 0;
  }
  try {
    amla::session_from_json(amla::session_to_json(session));
  } catch (const amla::InputError&) {
    __builtin_trap();  // we wrote something we cannot read
  }
  return 0;
}
