#include "core/sim/op_store.h"

#include <stdexcept>
#include <string>

namespace amla {

OpStore::OpStore(std::size_t lanes, std::vector<std::int64_t> lane_ops, bool reasons)
    : reasons_(reasons), placed_(lane_ops.size() == lanes), stored_(lanes, 0), shape_cache_(lanes) {
  if (placed_) {
    allocate(lane_ops);
    stages_.resize(lanes);
  } else {
    pending_.resize(lanes);
  }
}

void OpStore::throw_lane_too_long(std::size_t lane) {
  throw std::length_error("lane " + std::to_string(lane) + " has more than 2^31 - 1 ops to trace");
}

void OpStore::allocate(const std::vector<std::int64_t>& lane_ops) {
  lane_begin_.resize(lane_ops.size() + 1);
  std::int64_t first = 0;
  for (std::size_t l = 0; l < lane_ops.size(); ++l) {
    if (lane_ops[l] > static_cast<std::int64_t>(kMaxLaneOps)) throw_lane_too_long(l);
    lane_begin_[l] = first;
    first += lane_ops[l];
  }
  lane_begin_[lane_ops.size()] = first;
  ops_.lane_begin = lane_begin_;
  const auto total = static_cast<std::size_t>(first);
  // Every entry is written as the ops finish (finish() checks each lane's count), so the columns
  // are not zeroed first. The largest lane and op index decide the columns' width from the start.
  ops_.lane.resize_unwritten(total,
                             static_cast<std::int32_t>(lane_ops.empty() ? 0 : lane_ops.size() - 1));
  ops_.kind.resize(total);
  ops_.task.resize(total);
  ops_.start.resize_unwritten(total, 0);
  ops_.end.resize_unwritten(total, 0);
  ops_.shape.resize(total);
  if (reasons_) {
    ops_.reason.resize(total);
    ops_.blocker.resize_unwritten(total, first);
    ops_.reason_id.resize(total);
    ops_.shared_cycles.resize(total);
  }
}

std::uint32_t OpStore::shape_id(std::size_t lane, const OpShape& s) {
  ShapeCache& c = shape_cache_[lane];
  for (int k = 0; k < c.used; ++k) {
    if (c.shape[k] == s) return c.id[k];
  }
  const std::uint32_t id = ops_.shapes.intern(s);
  c.shape[c.next] = s;
  c.id[c.next] = id;
  c.next = (c.next + 1) % kShapeCache;
  if (c.used < kShapeCache) ++c.used;
  return id;
}

// Column by column: each column's few entries share a cache line, and each compact column's
// width is checked once for the lot.
void OpStore::store(std::size_t at, std::size_t lane, const OpRecord* op, std::size_t n) {
  ops_.lane.set_each(at, n, [&](std::size_t) { return static_cast<std::int32_t>(lane); });
  ops_.start.set_each(at, n, [&](std::size_t k) { return op[k].start; });
  ops_.end.set_each(at, n, [&](std::size_t k) { return op[k].end; });
  for (std::size_t k = 0; k < n; ++k) {
    ops_.kind[at + k] = op[k].kind;
    ops_.task[at + k] = op[k].task;
    ops_.shape[at + k] = shape_id(lane, op[k].shape());
  }
  if (reasons_) {
    for (std::size_t k = 0; k < n; ++k) {
      ops_.reason[at + k] = op[k].reason;
      ops_.reason_id[at + k] = op[k].reason_id;
      ops_.shared_cycles[at + k] = op[k].shared_cycles;
    }
    ops_.blocker.set_each(at, n, [&](std::size_t k) {
      return op[k].blocker_lane < 0 ? std::int64_t{-1}
                                    : global_index(op[k].blocker_lane, op[k].blocker_op);
    });
  }
}

void OpStore::flush(std::size_t lane) {
  Stage& stage = stages_[lane];
  const std::int64_t first = lane_begin_[lane] + stored_[lane] - stage.count;
  if (first + stage.count > lane_begin_[lane + 1]) {
    throw std::logic_error("lane " + std::to_string(lane) + " ran more ops than were counted");
  }
  store(static_cast<std::size_t>(first), lane, stage.ops, static_cast<std::size_t>(stage.count));
  stage.count = 0;
}

void OpStore::finish(OpTrace& out, std::vector<OccupancySteps>& steps, const JobControl& job) {
  if (placed_) {
    for (std::size_t l = 0; l < stored_.size(); ++l) flush(l);
    stages_ = {};
    for (std::size_t l = 0; l < stored_.size(); ++l) {
      if (lane_begin_[l] + stored_[l] != lane_begin_[l + 1]) {
        throw std::logic_error("lane " + std::to_string(l) + " ran fewer ops than were counted");
      }
    }
  } else {
    for (std::size_t l = 0; l < pending_.size(); ++l) {
      stored_[l] = static_cast<std::int64_t>(pending_[l].size());
    }
    allocate(stored_);
    for (std::size_t l = 0; l < pending_.size(); ++l) {
      job.check_cancelled();
      const auto first = static_cast<std::size_t>(lane_begin_[l]);
      store(first, l, pending_[l].data(), pending_[l].size());
      pending_[l] = {};  // free as we go
    }
  }
  out = std::move(ops_);
  ops_ = OpTrace();
  steps = std::move(steps_);
  steps_ = {};
}

}  // namespace amla
