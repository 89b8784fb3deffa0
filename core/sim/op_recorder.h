#pragma once
// Where the simulator puts each finished op. Every op adds to its lane's totals (what the metrics
// need); while the run keeps its trace, the op is also written straight into the trace's arrays
// at its final place (lanes in order, each lane's ops by start) when the ops per lane are known
// beforehand, so no second copy of the trace is ever held; otherwise per lane, gathered into the
// trace at the end. In place, a lane's ops are staged a few at a time and written together: a
// lane's next entries are long out of the cache by the time its next op ends, and writing them
// one op at a time missed the cache on every array.
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/job_control.h"
#include "core/ops/lane_totals.h"
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
  // keep_trace: false records the lanes' totals only.
  OpRecorder(std::size_t lanes, const std::vector<std::int64_t>* lane_ops, bool reasons,
             bool keep_trace = true);

  // Ops recorded in `lane` so far: the index within the lane of its next op.
  std::int64_t recorded(int lane) const { return recorded_[static_cast<std::size_t>(lane)]; }
  bool keeps_trace() const { return keep_; }
  // Inline: called once per simulated op.
  void record(int lane, const OpRecord& op) {
    const auto l = static_cast<std::size_t>(lane);
    ++recorded_[l];
    totals_[l].add(op.start, op.end, OpShape{op.bytes, op.flops, op.traffic, op.level});
    if (!keep_) return;
    if (!placed_) {
      pending_[l].push_back(op);
      return;
    }
    Stage& stage = stages_[l];
    stage.ops[stage.count++] = op;
    if (stage.count == kStaged) flush(l);
  }

  // From now on only totals are kept; what was recorded is freed.
  void drop_trace();

  // Moves the ops into `out` (after every op has been recorded; empty when the trace was
  // dropped) and the lanes' totals into `totals`. Throws Cancelled between bounded pieces of
  // work when `job` is cancelled.
  void finish(OpTrace& out, std::vector<LaneTotals>& totals, const JobControl& job);

  // The global index of op `op` of `lane`; valid after finish() of a kept trace.
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
  void flush(std::size_t lane);
  [[noreturn]] static void overflow(int lane);
  std::uint32_t shape_id(std::size_t lane, const OpShape& s);
  // Writes ops op[0 .. n-1] of `lane` at trace index `at` onwards.
  void store(std::size_t at, std::size_t lane, const OpRecord* op, std::size_t n);

  bool reasons_;
  bool placed_;  // counts known: ops are stored at their final index as they finish
  bool keep_;
  OpTrace ops_;
  std::vector<std::int64_t> lane_begin_;
  std::vector<std::int64_t> recorded_;
  std::vector<LaneTotals> totals_;
  std::vector<ShapeCache> shape_cache_;
  std::vector<Stage> stages_;                   // in place: each lane's ops not yet written
  std::vector<std::vector<OpRecord>> pending_;  // counts unknown: per lane, until finish()
};

}  // namespace amla
