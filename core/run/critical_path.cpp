#include "core/run/critical_path.h"

#include <algorithm>
#include <stdexcept>

namespace amla {

const char* path_category_key(PathCategory c) {
  static const char* const keys[] = {
      "cube",   "fixpipe",      "mte1",      "mte2_hbm",          "mte2_l2", "mte3",  "vector",
      "scalar", "flag_latency", "slot_wait", "bandwidth_sharing", "idle",    "launch"};
  return c < PathCategory::kCount ? keys[static_cast<int>(c)] : "?";
}

const char* path_category_label(PathCategory c) {
  static const char* const labels[] = {"Cube compute",
                                       "FixPipe",
                                       "MTE1",
                                       "MTE2 from HBM",
                                       "MTE2 from L2",
                                       "MTE3",
                                       "Vector",
                                       "Scalar set-up",
                                       "Flag latency",
                                       "Waiting on a buffer slot",
                                       "Bandwidth sharing",
                                       "Idle (no work issued)",
                                       "Kernel launch"};
  return c < PathCategory::kCount ? labels[static_cast<int>(c)] : "?";
}

PathCategory op_path_category(const OpTrace& ops, std::size_t i) {
  switch (lane_pipe(ops.lane[i])) {
    case Pipe::kScalar:
      return PathCategory::kScalar;
    case Pipe::kMte2:
      return ops.level(i) == 2 ? PathCategory::kMte2Hbm : PathCategory::kMte2L2;
    case Pipe::kMte1:
      return PathCategory::kMte1;
    case Pipe::kCube:
      return PathCategory::kCube;
    case Pipe::kFixp:
      return PathCategory::kFixpipe;
    case Pipe::kVector:
      return PathCategory::kVector;
    case Pipe::kMte3:
      return PathCategory::kMte3;
  }
  return PathCategory::kIdle;
}

namespace {

std::int64_t lane_previous(const OpTrace& ops, std::size_t i) {
  const auto first = ops.lane_begin[static_cast<std::size_t>(ops.lane[i])];
  return static_cast<std::int64_t>(i) > first ? static_cast<std::int64_t>(i) - 1 : -1;
}

PathCategory gap_category(WaitReason r) {
  switch (r) {
    case WaitReason::kFlag:
      return PathCategory::kFlagLatency;
    case WaitReason::kSlot:
    case WaitReason::kFlagRoom:
      return PathCategory::kSlotWait;
    case WaitReason::kLane:
      break;
  }
  return PathCategory::kIdle;
}

}  // namespace

std::int64_t op_wait_cycles(const OpTrace& ops, std::size_t i) {
  const std::int64_t prev = lane_previous(ops, i);
  return ops.start[i] - (prev < 0 ? 0 : ops.end[static_cast<std::size_t>(prev)]);
}

CriticalPath critical_path(const Trace& trace) {
  CriticalPath path;
  const OpTrace& ops = trace.ops;
  if (ops.size() == 0) return path;
  std::size_t last = 0;
  for (std::size_t i = 1; i < ops.size(); ++i) {
    if (ops.end[i] > ops.end[last]) last = i;
  }
  const bool reasons = ops.has_reasons();
  const auto add = [&](PathCategory c, std::int64_t cycles) {
    path.cycles[static_cast<std::size_t>(c)] += cycles;
    path.length_cycles += cycles;
  };
  auto cur = static_cast<std::int64_t>(last);
  bool own_time = true;  // false after a flag-room edge: the room was made at the op's start
  while (cur >= 0) {
    if (path.ops.size() > ops.size()) throw std::logic_error("critical path: a reason cycle");
    const auto i = static_cast<std::size_t>(cur);
    path.ops.push_back(cur);
    if (own_time) {
      const std::int64_t duration = ops.end[i] - ops.start[i];
      const std::int64_t shared =
          reasons ? std::min(duration, static_cast<std::int64_t>(ops.shared_cycles[i] + 0.5)) : 0;
      add(op_path_category(ops, i), duration - shared);
      add(PathCategory::kSharing, shared);
    }
    const WaitReason reason = reasons ? ops.reason[i] : WaitReason::kLane;
    const std::int64_t by = reasons ? ops.blocker[i] : lane_previous(ops, i);
    std::int64_t released = 0;
    if (by >= 0) {
      const auto b = static_cast<std::size_t>(by);
      released = reason == WaitReason::kFlagRoom ? ops.start[b] : ops.end[b];
      ++path.hand_offs[static_cast<std::size_t>(reason)];
    }
    add(by < 0 ? PathCategory::kIdle : gap_category(reason), ops.start[i] - released);
    own_time = reason != WaitReason::kFlagRoom;
    cur = by;
  }
  std::reverse(path.ops.begin(), path.ops.end());
  return path;
}

std::vector<AttributionEntry> attribute_makespan(const CriticalPath& path, double clock_ghz,
                                                 double launch_us) {
  std::vector<AttributionEntry> out;
  const double us_per_cycle = 1.0 / (clock_ghz * 1e3);
  const double total = static_cast<double>(path.length_cycles) * us_per_cycle + launch_us;
  for (int c = 0; c < kPathCategoryCount; ++c) {
    const auto cat = static_cast<PathCategory>(c);
    AttributionEntry e{cat};
    e.us = cat == PathCategory::kLaunch
               ? launch_us
               : static_cast<double>(path.cycles[static_cast<std::size_t>(c)]) * us_per_cycle;
    e.share = total > 0 ? e.us / total : 0;
    out.push_back(e);
  }
  return out;
}

}  // namespace amla
