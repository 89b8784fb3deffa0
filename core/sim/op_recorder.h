#pragma once
// Where the simulator puts each finished op: straight into the trace's arrays at the op's final
// place (lanes in order, each lane's ops by start) when the ops per lane are known beforehand, so
// no second copy of the trace is ever held; otherwise per lane, gathered into the trace at the end.
// In place, a lane's ops are staged a few at a time and written together: a lane's next entries
// are long out of the cache by the time its next op ends, and writing them one op at a time
// missed the cache on every array.
#include <cstdint>
#include <vector>

#include "core/common/job_control.h"
#include "core/ops/trace.h"

namespace amla {

// One finished op as the simulator knows it. The blocker is (lane, index within the lane), as the
// global index is only known once every lane's count is.
struct OpRecord {
  std::int64_t start = 0, end = 0;
  double bytes = 0, flops = 0;
  float traffic = 0;
  float shared_cycles = 0;
  std::int32_t task = -1;
  std::int32_t reason_id = -1;
  std::int32_t blocker_lane = -1;  // -1 = none
  std::int64_t blocker_op = -1;
  OpKind kind = OpKind::kLoadQ;
  std::uint8_t level = 0;
  WaitReason reason = WaitReason::kLane;
};

class OpRecorder {
 public:
  // Blockers are kept as (lane << 40 | op) until every lane's first index is known.
  static constexpr int kLaneShift = 40;

  // lane_ops: ops per lane, or nullptr when unknown. reasons: whether wait reasons are kept.
  OpRecorder(std::size_t lanes, const std::vector<std::int64_t>* lane_ops, bool reasons);

  // Ops recorded in `lane` so far: the index within the lane of its next op.
  std::int64_t recorded(int lane) const { return recorded_[static_cast<std::size_t>(lane)]; }
  // Inline: called once per simulated op.
  void record(int lane, const OpRecord& op) {
    const auto l = static_cast<std::size_t>(lane);
    ++recorded_[l];
    if (!placed_) {
      pending_[l].push_back(op);
      return;
    }
    Stage& stage = stages_[l];
    stage.ops[stage.count++] = op;
    if (stage.count == kStaged) flush(l);
  }

  // Moves the ops into `out` (after every op has been recorded); blockers become global indices.
  // Throws Cancelled between bounded pieces of work when `job` is cancelled.
  void finish(OpTrace& out, const JobControl& job);

  // The global index of op `op` of `lane`; valid after finish().
  std::int64_t global_index(int lane, std::int64_t op) const {
    return ops_.lane_begin[static_cast<std::size_t>(lane)] + op;
  }

 private:
  // Eight ops: a cache line of each 8-byte array.
  static constexpr int kStaged = 8;
  struct Stage {
    OpRecord ops[kStaged];
    int count = 0;
  };

  void allocate(const std::vector<std::int64_t>& lane_ops);
  void flush(std::size_t lane);
  [[noreturn]] static void overflow(int lane);
  void store(std::size_t i, int lane, const OpRecord& op) {
    ops_.lane[i] = lane;
    ops_.kind[i] = op.kind;
    ops_.task[i] = op.task;
    ops_.start[i] = op.start;
    ops_.end[i] = op.end;
    ops_.bytes[i] = op.bytes;
    ops_.flops[i] = op.flops;
    ops_.level[i] = op.level;
    ops_.traffic[i] = op.traffic;
    if (reasons_) {
      ops_.reason[i] = op.reason;
      ops_.reason_id[i] = op.reason_id;
      ops_.shared_cycles[i] = op.shared_cycles;
      ops_.blocker[i] = op.blocker_lane < 0 ? -1 : pack_blocker(op.blocker_lane, op.blocker_op);
    }
  }
  static std::int64_t pack_blocker(std::int32_t lane, std::int64_t op) {
    return (static_cast<std::int64_t>(lane) << kLaneShift) | op;
  }

  bool reasons_;
  bool placed_;  // counts known: ops are stored at their final index as they finish
  OpTrace ops_;
  std::vector<std::int64_t> recorded_;
  std::vector<Stage> stages_;                   // in place: each lane's ops not yet written
  std::vector<std::vector<OpRecord>> pending_;  // counts unknown: per lane, until finish()
};

}  // namespace amla
