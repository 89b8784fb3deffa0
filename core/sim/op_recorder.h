#pragma once
// Where the simulator puts each finished op: straight into the trace's arrays at the op's final
// place (lanes in order, each lane's ops by start) when the ops per lane are known beforehand, so
// no second copy of the trace is ever held; otherwise per lane, gathered into the trace at the end.
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
  // lane_ops: ops per lane, or nullptr when unknown. reasons: whether wait reasons are kept.
  OpRecorder(std::size_t lanes, const std::vector<std::int64_t>* lane_ops, bool reasons);

  // Ops recorded in `lane` so far: the index within the lane of its next op.
  std::int64_t recorded(int lane) const { return recorded_[static_cast<std::size_t>(lane)]; }
  void record(int lane, const OpRecord& op);
  // Asks the cache for the entries the lane's next record() will write (a hint, nothing more).
  void prefetch(int lane) const;

  // Moves the ops into `out` (after every op has been recorded); blockers become global indices.
  // Throws Cancelled between bounded pieces of work when `job` is cancelled.
  void finish(OpTrace& out, const JobControl& job);

  // The global index of op `op` of `lane`; valid after finish().
  std::int64_t global_index(int lane, std::int64_t op) const {
    return ops_.lane_begin[static_cast<std::size_t>(lane)] + op;
  }

 private:
  void allocate(const std::vector<std::int64_t>& lane_ops);
  void store(std::size_t index, int lane, const OpRecord& op);

  bool reasons_;
  bool placed_;  // counts known: ops are stored at their final index as they finish
  OpTrace ops_;
  std::vector<std::int64_t> recorded_;
  std::vector<std::vector<OpRecord>> pending_;  // counts unknown: per lane, until finish()
};

}  // namespace amla
