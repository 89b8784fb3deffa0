#pragma once
// The simulation's output: every op as a struct of arrays (sorted by lane, then start cycle),
// the cross-core flag set/wait pairs (for arrows), and the occupancy of every buffer over time.
#include <cstdint>
#include <string>
#include <vector>

#include "core/ops/compact_column.h"
#include "core/ops/lane_totals.h"
#include "core/ops/op_shapes.h"
#include "core/ops/pipes.h"
#include "core/ops/trace_column.h"

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

// One op as a writer gives it (the profile reader, tests); the simulator writes its columns
// directly.
struct OpEntry {
  std::int32_t lane = 0;
  OpKind kind = OpKind::kLoadQ;
  std::int32_t task = -1;
  std::int64_t start = 0, end = 0;
  OpShape shape;
};

struct OpTrace {
  // One entry per op; ops of one lane are contiguous and sorted by start. Lanes, cycle counts and
  // op indices are kept in 16 or 32 bits while they fit (CompactColumn), and what an op moved and
  // computed as a shape number (OpShapeTable): 32 bytes per op with wait reasons.
  CompactColumn<std::uint16_t, std::int32_t> lane;
  TraceColumn<OpKind> kind;
  TraceColumn<std::int32_t> task;                    // index into Plan::tasks (-1 = none)
  CompactColumn<std::uint32_t, std::int64_t> start;  // cycles
  CompactColumn<std::uint32_t, std::int64_t> end;    // cycles
  TraceColumn<std::uint32_t> shape;                  // into `shapes`
  OpShapeTable shapes;
  // Wait reasons (empty when the simulation did not record them): the constraint that released
  // the op last; the op behind it (global index, -1 = none: a lane's first op); the flag or slot
  // id (-1 for the lane); for transfers the cycles lost to sharing HBM / L2 (actual duration
  // minus the duration at the op's own peak rate).
  TraceColumn<WaitReason> reason;
  CompactColumn<std::int32_t, std::int64_t> blocker;
  TraceColumn<std::int32_t> reason_id;
  TraceColumn<float> shared_cycles;
  // lane_begin[l] .. lane_begin[l+1]: the ops of lane l.
  std::vector<std::int64_t> lane_begin;

  std::size_t size() const { return start.size(); }
  bool has_reasons() const { return !start.empty() && reason.size() == start.size(); }

  const OpShape& shape_of(std::size_t i) const { return shapes[shape[i]]; }
  double bytes(std::size_t i) const { return shape_of(i).bytes; }
  double flops(std::size_t i) const { return shape_of(i).flops; }
  std::uint8_t level(std::size_t i) const { return shape_of(i).level; }
  float traffic(std::size_t i) const { return shape_of(i).traffic; }

  // Appends one op (without wait reasons); the caller keeps lanes contiguous and lane_begin.
  void append(const OpEntry& e) {
    lane.push_back(e.lane);
    kind.push_back(e.kind);
    task.push_back(e.task);
    start.push_back(e.start);
    end.push_back(e.end);
    shape.push_back(shapes.intern(e.shape));
  }
  // Every per-op column has one entry per op and every shape number is in the table.
  bool columns_agree() const {
    const std::size_t n = size();
    if (lane.size() != n || kind.size() != n || task.size() != n || end.size() != n ||
        shape.size() != n) {
      return false;
    }
    for (const std::uint32_t id : shape) {
      if (id >= shapes.size()) return false;
    }
    return true;
  }
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
  std::string name;                                 // e.g. "L1", "UB (AIV0)"
  std::int64_t capacity = 0;                        // bytes
  CompactColumn<std::uint32_t, std::int64_t> time;  // cycles, non-decreasing
  CompactColumn<std::uint32_t, std::int64_t> used;  // bytes in use from time[i] until time[i+1]
};

// Where a buffer slot lies: its buffer and its bytes.
struct SlotPlace {
  std::int32_t track = 0;   // index into Trace::buffers
  std::int64_t offset = 0;  // bytes from the start of the buffer
  std::int64_t size = 0;
};

// Which tensor held which slot of a buffer from when to when (the memory map view); its buffer
// and bytes are the slot's (Trace::place_of). The program
// declares each use of a slot (slot, task, producer, releases); the simulator fills in when it
// was held. Cycle counts are 32-bit: a simulated run that outlasts them keeps no trace.
struct SlotInterval {
  static constexpr std::uint32_t kUnset = 0xFFFFFFFFu;  // not taken / not given back yet
  static constexpr std::uint32_t kMaxCycle = kUnset - 1;
  std::int32_t slot = 0;
  std::int32_t task = -1;
  std::uint32_t start = kUnset, end = kUnset;
  OpKind producer = OpKind::kLoadQ;
  std::uint8_t releases = 1;  // how many release marks free it (the program's count)
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
  std::vector<SlotPlace> slot_places;        // by slot id (SlotInterval::slot)
  // What the metrics need from each lane (by lane index); kept even when the ops are not.
  std::vector<LaneTotals> lane_totals;
  // Why the run kept no ops, intervals or buffer steps, only lane_totals (empty: it kept them).
  std::string trace_dropped;

  bool has_ops() const { return trace_dropped.empty(); }

  const SlotPlace& place_of(const SlotInterval& s) const {
    return slot_places[static_cast<std::size_t>(s.slot)];
  }
};

// Each lane's totals from its ops (for traces not made by the simulator, which keeps them as it
// goes): entry l sums lane l's ops through LaneTotals::add.
inline std::vector<LaneTotals> totals_from_ops(const OpTrace& ops) {
  const std::size_t lanes = ops.lane_begin.empty() ? 0 : ops.lane_begin.size() - 1;
  std::vector<LaneTotals> totals(lanes);
  for (std::size_t l = 0; l < lanes; ++l) {
    for (std::int64_t i = ops.lane_begin[l]; i < ops.lane_begin[l + 1]; ++i) {
      const auto k = static_cast<std::size_t>(i);
      totals[l].add(ops.start[k], ops.end[k], ops.shape_of(k));
    }
  }
  return totals;
}

// The route of flag `id` ("C1->V1"), or "flag N" when the trace does not name it.
inline std::string flag_route(const Trace& trace, int id) {
  if (id >= 0 && id < static_cast<int>(trace.flag_names.size()) &&
      !trace.flag_names[static_cast<std::size_t>(id)].route.empty()) {
    return trace.flag_names[static_cast<std::size_t>(id)].route;
  }
  return "flag " + std::to_string(id);
}

}  // namespace amla
