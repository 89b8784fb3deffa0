// libFuzzer target: bytes read as a profile of format simulator-trace (core/profile).
#include "tests/fuzz/profile_fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  amla::fuzz::check_profile(data, size, amla::ProfileFormat::kSimulatorTrace);
  return 0;
}
