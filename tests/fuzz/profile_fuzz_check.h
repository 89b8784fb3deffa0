#pragma once
// Shared by the profile readers' fuzz targets: read the bytes as one forced format; a refusal
// must be an InputError, and whatever is accepted must be a consistent trace (ops inside their
// lanes, sorted, not overlapping, flags naming real ops). Anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/common/input_error.h"
#include "core/profile/profile_reader.h"
#include "core/profile/profile_summary.h"

namespace amla::fuzz {

inline void check_profile(const std::uint8_t* data, std::size_t size, ProfileFormat format) {
  ProfileReadOptions options;
  options.format = format;
  try {
    const ProfileTrace p = read_profile_bytes(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", options);
    const OpTrace& ops = p.trace.ops;
    const std::size_t lanes = ops.lane_begin.empty() ? 0 : ops.lane_begin.size() - 1;
    if (!ops.lane_begin.empty() && static_cast<std::size_t>(ops.lane_begin.back()) != ops.size()) {
      __builtin_trap();
    }
    for (std::size_t l = 0; l < lanes; ++l) {
      for (std::int64_t i = ops.lane_begin[l]; i < ops.lane_begin[l + 1]; ++i) {
        const auto k = static_cast<std::size_t>(i);
        if (static_cast<std::size_t>(ops.lane[k]) != l || ops.end[k] < ops.start[k])
          __builtin_trap();
        if (i > ops.lane_begin[l] && ops.start[k] < ops.end[k - 1]) __builtin_trap();
      }
    }
    for (const FlagEdge& f : p.trace.flags) {
      if (f.set_op < 0 || f.wait_op < 0 || static_cast<std::size_t>(f.set_op) >= ops.size() ||
          static_cast<std::size_t>(f.wait_op) >= ops.size()) {
        __builtin_trap();
      }
    }
    const ProfileSummary s = summarize_profile(p);
    if (!(s.duration_us >= 0)) __builtin_trap();
    // Every name in the summary is printable ASCII: strict UTF-8 output must not throw.
    (void)profile_summary_json(s).dump();
  } catch (const InputError&) {
  }
}

}  // namespace amla::fuzz
