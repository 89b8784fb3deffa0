#include "core/run/advice.h"

#include <algorithm>
#include <cstdio>

namespace amla {

const std::vector<BoundAdvice>& bound_advice_table() {
  static const std::vector<BoundAdvice> table = {
      {Unit::kAic, Pipe::kCube, "multi-core load balance, Cube in-core pipelining",
       "balance the cores (--kv-split balanced, or auto when batch x heads leaves cores idle) and "
       "keep the Cube fed (--l0ab-buffers 2, --l0c-buffers 2)"},
      {Unit::kAic, Pipe::kMte2, "full-load the operands",
       "raise --rows-per-task so Q and K are reused across more rows, and --kv-buffers so the "
       "next block's loads overlap this one's matmuls"},
      {Unit::kAic, Pipe::kMte1, "L1 bank conflicts",
       "raise --l0ab-buffers so L1 -> L0 moves overlap the Cube, or --mm1-k-slice so each move "
       "is larger"},
      {Unit::kAic, Pipe::kFixp, "larger N tiles",
       "raise --mm1-n-tile and --mm2-n-tile so each FixPipe drain moves more per set-up"},
      {Unit::kAic, Pipe::kScalar, "fewer, larger stages",
       "raise --kv-block so each stage's set-up is paid over more tokens"},
      {Unit::kAiv0, Pipe::kVector, "Cube/Vector inter-core pipelining and AMLA",
       "use --variant amla (no O rescale on the Vector) and --preload 2 so the Cube runs ahead "
       "of the Vector"},
      {Unit::kAiv0, Pipe::kMte2, "fewer Vector round trips through GM",
       "use --variant amla (O is not reloaded each block) and raise --ub-input-buffers so loads "
       "overlap the Vector"},
      {Unit::kAiv0, Pipe::kMte3, "fewer Vector round trips through GM",
       "raise --ub-chunk so each store or atomic add moves more per set-up, and --gm-slots so "
       "stores need not wait for the Cube to read the previous P"},
      {Unit::kAiv0, Pipe::kScalar, "fewer, larger stages",
       "raise --ub-chunk or --kv-block so each stage's set-up is paid over more data"},
  };
  return table;
}

const std::vector<PathAdvice>& path_advice_table() {
  static const std::vector<PathAdvice> table = {
      {PathCategory::kFlagLatency, 0.05,
       "cross-core hand-offs: raise --preload so the Cube works further ahead of the Vector"},
      {PathCategory::kSharing, 0.05,
       "transfers slowed by sharing HBM / L2: raise --rows-per-task to read each K/V block for "
       "more rows"},
      {PathCategory::kSlotWait, 0.05,
       "buffer slots handed over late: raise --kv-buffers, --ub-input-buffers or --gm-slots "
       "(double buffering)"},
      {PathCategory::kIdle, 0.05,
       "lanes with no work issued: --kv-split auto or balanced spreads long sequences over idle "
       "cores"},
      {PathCategory::kMte2Hbm, 0.25,
       "HBM loads: raise --rows-per-task so each K/V block read serves more rows"},
      {PathCategory::kVector, 0.25,
       "Vector work: --variant amla removes the O rescale from the Vector"},
      {PathCategory::kFixpipe, 0.15, "FixPipe drains: raise --mm1-n-tile / --mm2-n-tile"},
  };
  return table;
}

namespace {

std::string percent(double f) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100.0 * f);
  return buf;
}

}  // namespace

std::vector<std::string> advise(const SimulationMetrics& m,
                                const std::vector<AttributionEntry>& attribution) {
  std::vector<std::string> out;
  const std::string bound = m.bound_unit_pipe();
  if (m.bound_busy < 0.5) {
    out.push_back("no pipe is above half busy (" + bound + " " + percent(m.bound_busy) +
                  "): pipeline stalls; CANN's remedy is double buffering: raise --preload, "
                  "--kv-buffers and --gm-slots");
  } else {
    const Unit unit = m.bound_unit == Unit::kAic ? Unit::kAic : Unit::kAiv0;
    for (const BoundAdvice& a : bound_advice_table()) {
      if (a.unit == unit && a.pipe == m.bound_pipe) {
        out.push_back(bound + " is the bound (" + percent(m.bound_busy) + " busy; " + a.cann +
                      "): " + a.advice);
      }
    }
  }
  std::vector<AttributionEntry> sorted = attribution;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.share > b.share; });
  for (const AttributionEntry& e : sorted) {
    for (const PathAdvice& a : path_advice_table()) {
      if (a.category == e.category && e.share >= a.min_share) {
        out.push_back(percent(e.share) + " of the critical path is " +
                      path_category_label(e.category) + ": " + a.advice);
      }
    }
  }
  return out;
}

}  // namespace amla
