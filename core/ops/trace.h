#pragma once
// The simulation's output: every op as a struct of arrays (sorted by lane, then start cycle),
// the cross-core flag set/wait pairs (for arrows), and the occupancy of every buffer over time.
#include <cstdint>
#include <string>
#include <vector>

#include "core/ops/pipes.h"

namespace amla {

// A lane is one pipe of one unit of one core: index = (core * kUnitCount + unit) * kPipeCount +
// pipe.
inline int lane_index(int core, Unit unit, Pipe pipe) {
  return (core * kUnitCount + static_cast<int>(unit)) * kPipeCount + static_cast<int>(pipe);
}
inline int lane_core(int lane) { return lane / (kUnitCount * kPipeCount); }
inline Unit lane_unit(int lane) { return static_cast<Unit>((lane / kPipeCount) % kUnitCount); }
inline Pipe lane_pipe(int lane) { return static_cast<Pipe>(lane % kPipeCount); }

// Why an op started when it did: the constraint satisfied last (Nsight Compute's stall reason).
enum class WaitReason : std::uint8_t {
  kLane,      // the previous op of its lane (or the start of the run)
  kFlag,      // a flag, set by the blocker op
  kSlot,      // a buffer slot, freed by the blocker op
  kFlagRoom,  // room in a flag counter at max pending, made when the blocker consumed a set
};
const char* wait_reason_name(WaitReason r);  // "lane", "flag", "slot", "flag room"

struct OpTrace {
  // One entry per op; ops of one lane are contiguous and sorted by start.
  std::vector<std::int32_t> lane;
  std::vector<OpKind> kind;
  std::vector<std::int32_t> task;   // index into Plan::tasks (-1 = none)
  std::vector<std::int64_t> start;  // cycles
  std::vector<std::int64_t> end;    // cycles
  std::vector<double> bytes;        // moved bytes (transfers) or 0
  std::vector<double> flops;        // Cube FLOPs or 0
  std::vector<std::uint8_t> level;  // memory the op reaches: 0 core-local, 1 L2, 2 HBM
  std::vector<float> traffic;       // bytes the shared L2 / HBM sees (atomics: read + write)
  // Wait reasons (empty when the simulation did not record them): the constraint that released
  // the op last; the op behind it (global index, -1 = none: a lane's first op); the flag or slot
  // id (-1 for the lane); for transfers the cycles lost to sharing HBM / L2 (actual duration
  // minus the duration at the op's own peak rate).
  std::vector<WaitReason> reason;
  std::vector<std::int64_t> blocker;
  std::vector<std::int32_t> reason_id;
  std::vector<float> shared_cycles;
  // lane_begin[l] .. lane_begin[l+1]: the ops of lane l.
  std::vector<std::int64_t> lane_begin;

  std::size_t size() const { return start.size(); }
  bool has_reasons() const { return !start.empty() && reason.size() == start.size(); }
};

// A cross-core flag hand-off: the op that set it and the op whose wait it released.
struct FlagEdge {
  std::int64_t set_op;
  std::int64_t wait_op;
  std::int64_t set_cycle;
  std::int64_t ready_cycle;  // set + latency
  std::int16_t flag_id;
};

enum class BufferKind : std::uint8_t { kL1, kL0A, kL0B, kL0C, kUB, kGmWorkspace };
const char* buffer_kind_name(BufferKind b);

// Occupancy of one buffer of one core (for UB: one AIV) as a step function.
struct BufferTrack {
  int core = 0;
  Unit unit = Unit::kAic;
  BufferKind buffer = BufferKind::kL1;
  std::string name;                // e.g. "L1", "UB (AIV0)"
  std::int64_t capacity = 0;       // bytes
  std::vector<std::int64_t> time;  // cycles, non-decreasing
  std::vector<std::int64_t> used;  // bytes in use from time[i] until time[i+1]
};

// Which tensor held which slot of a buffer from when to when (the memory map view).
struct SlotInterval {
  std::int32_t track;  // index into Trace::buffers
  std::int32_t slot;
  std::int64_t offset;  // bytes from the start of the buffer
  std::int64_t size;
  std::int64_t start, end;
  OpKind producer;
  std::int32_t task;
};

// A flag as the kernel names it (FlagDef): the whole name and the short route ("C1->V1").
struct FlagName {
  std::string name;
  std::string route;
};

struct Trace {
  int cores = 0;
  double clock_ghz = 1.8;
  OpTrace ops;
  std::vector<FlagEdge> flags;
  std::vector<FlagName> flag_names;  // by flag id (FlagEdge::flag_id, OpTrace::reason_id)
  std::vector<BufferTrack> buffers;
  std::vector<SlotInterval> slot_intervals;  // not "slots": Qt defines that as a macro
};

// The route of flag `id` ("C1->V1"), or "flag N" when the trace does not name it.
inline std::string flag_route(const Trace& trace, int id) {
  if (id >= 0 && id < static_cast<int>(trace.flag_names.size()) &&
      !trace.flag_names[static_cast<std::size_t>(id)].route.empty()) {
    return trace.flag_names[static_cast<std::size_t>(id)].route;
  }
  return "flag " + std::to_string(id);
}

}  // namespace amla
