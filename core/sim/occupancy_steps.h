#pragma once
// A buffer's occupancy as a step function, built as the simulation goes: time never decreases,
// and the changes at one cycle fold into one step (so their order within it does not matter).
#include <cstdint>

#include "core/ops/compact_column.h"

namespace amla {

struct OccupancySteps {
  CompactColumn<std::uint32_t, std::int64_t> time = {0};
  CompactColumn<std::uint32_t, std::int64_t> used = {0};
  std::int64_t level = 0;

  void add(std::int64_t t, std::int64_t delta) {
    level += delta;
    if (time.back() == t) {
      used.set(used.size() - 1, level);
    } else {
      time.push_back(t);
      used.push_back(level);
    }
  }
};

}  // namespace amla
