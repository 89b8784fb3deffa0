#pragma once
// What a run's metrics need from each lane, summed as its ops finish: the simulator keeps these
// even when it keeps no trace (a run too large for the memory budget still reports its metrics),
// and a trace read from a profile gets them from its ops, through the same add().
#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/ops/op_shapes.h"

namespace amla {

struct LaneTotals {
  std::int64_t ops = 0;
  double busy_cycles = 0;     // sum of op durations
  std::int64_t bubbles = 0;   // idle gaps between consecutive ops
  double bubble_cycles = 0;   // their length
  double bytes = 0;           // moved bytes
  double hbm_traffic = 0;     // bytes HBM saw
  double l2_traffic = 0;      // bytes L2 saw
  std::int64_t last_end = 0;  // end of the lane's latest op (ops of a lane come in start order)
  std::int64_t max_end = 0;

  // Ops must come in the lane's order (by start).
  void add(std::int64_t start, std::int64_t end, const OpShape& shape) {
    busy_cycles += static_cast<double>(end - start);
    if (ops > 0 && start > last_end) {
      ++bubbles;
      bubble_cycles += static_cast<double>(start - last_end);
    }
    ++ops;
    last_end = end;
    max_end = std::max(max_end, end);
    bytes += shape.bytes;
    if (shape.level == 2) hbm_traffic += shape.traffic;
    if (shape.level == 1) l2_traffic += shape.traffic;
  }
};

}  // namespace amla
