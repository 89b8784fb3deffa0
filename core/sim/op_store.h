#pragma once
// Where the finished ops and the buffers' occupancy changes of a run that keeps its trace are
// written. When the ops per lane are known
// beforehand, each op goes straight to its final place in the trace's arrays (lanes in order, each
// lane's ops by start), so no second copy of the trace is ever held; otherwise per lane, gathered
// into the trace at the end. In place, a lane's ops are staged a few at a time and written
// together: a lane's next entries are long out of the cache by the time its next op ends, and
// writing them one op at a time missed the cache on every array. The OpRecorder feeds it, from the
// simulating thread or through a queue from another.
#include <cstdint>
#include <vector>

#include "core/common/job_control.h"
#include "core/ops/trace.h"
#include "core/sim/occupancy_steps.h"

namespace amla {

// One finished op as the simulator knows it. The blocker is (lane, index within the lane), as the
// global index is only known once every lane's count is. 64 bytes: one cache line in the writer's
// queue (at 88 bytes an op took two lines to hand over more often than one).
struct OpRecord {
  std::int32_t lane = 0;  // first: the writer's queue tells its items apart by it
  std::int32_t task = -1;
  std::int64_t start = 0, end = 0;
  double bytes = 0, flops = 0;
  float traffic = 0;
  float shared_cycles = 0;
  std::int32_t reason_id = -1;
  std::int32_t blocker_lane = -1;  // -1 = none
  std::int32_t blocker_op = -1;    // a lane's ops fit 31 bits (OpStore checks as it stores)
  OpKind kind = OpKind::kLoadQ;
  std::uint8_t level = 0;
  WaitReason reason = WaitReason::kLane;

  OpShape shape() const { return OpShape{bytes, flops, traffic, level}; }
};
static_assert(sizeof(OpRecord) == 64);

// A buffer's occupancy changing by `delta` bytes at cycle `time`.
struct BufferChange {
  std::uint32_t time = 0;
  std::int32_t track = 0;
  std::int64_t delta = 0;
};

class OpStore {
 public:
  // A lane's ops are numbered in 31 bits (OpRecord::blocker_op). The memory budget refuses such a
  // trace long before (2^31 ops of one lane are 64 GiB); this is the backstop.
  static constexpr std::size_t kMaxLaneOps = 0x7fffffff;

  // lane_ops: ops per lane, or empty when unknown. reasons: whether wait reasons are kept.
  // Allocates the trace's arrays when the counts are known.
  OpStore(std::size_t lanes, std::vector<std::int64_t> lane_ops, bool reasons);

  // The next op of `lane` (ops of a lane come in order).
  void add_op(std::size_t lane, const OpRecord& op) {
    if (!placed_) {
      if (pending_[lane].size() == kMaxLaneOps) throw_lane_too_long(lane);
      pending_[lane].push_back(op);
      return;
    }
    Stage& stage = stages_[lane];
    stage.ops[stage.count++] = op;
    ++stored_[lane];
    if (stage.count == kStaged) flush(lane);
  }
  // Buffer `track`'s occupancy changes by `delta` bytes at cycle `t` (never before the last).
  void change_buffer(std::size_t track, std::int64_t t, std::int64_t delta) {
    if (track >= steps_.size()) steps_.resize(track + 1);
    steps_[track].add(t, delta);
  }

  // Moves the ops into `out` and the buffers' steps into `steps` (after everything was added).
  // Throws Cancelled between bounded pieces of work when `job` is cancelled.
  void finish(OpTrace& out, std::vector<OccupancySteps>& steps, const JobControl& job);

  // The global index of op `op` of `lane`; valid after finish().
  std::int64_t global_index(int lane, std::int64_t op) const {
    return lane_begin_[static_cast<std::size_t>(lane)] + op;
  }

 private:
  // 32 ops: two or more whole cache lines of each array per write (a lane's next entries are
  // cold, and a large run's lanes lie pages apart).
  static constexpr int kStaged = 32;
  struct Stage {
    OpRecord ops[kStaged];
    int count = 0;
  };
  // A lane's ops repeat a few shapes: the last ones it used, before the table's hash lookup.
  static constexpr int kShapeCache = 4;
  struct ShapeCache {
    OpShape shape[kShapeCache];
    std::uint32_t id[kShapeCache] = {};
    int used = 0, next = 0;
  };

  void allocate(const std::vector<std::int64_t>& lane_ops);
  [[noreturn]] static void throw_lane_too_long(std::size_t lane);
  void flush(std::size_t lane);
  std::uint32_t shape_id(std::size_t lane, const OpShape& s);
  // Writes ops op[0 .. n-1] of `lane` at trace index `at` onwards.
  void store(std::size_t at, std::size_t lane, const OpRecord* op, std::size_t n);

  bool reasons_;
  bool placed_;  // counts known: ops are stored at their final index as they finish
  OpTrace ops_;
  std::vector<std::int64_t> lane_begin_;
  std::vector<std::int64_t> stored_;  // ops added per lane
  std::vector<ShapeCache> shape_cache_;
  std::vector<Stage> stages_;                   // in place: each lane's ops not yet written
  std::vector<std::vector<OpRecord>> pending_;  // counts unknown: per lane, until finish()
  std::vector<OccupancySteps> steps_;           // by buffer track
};

}  // namespace amla
