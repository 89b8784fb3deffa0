#include "core/sim/op_recorder.h"

#include <stdexcept>
#include <string>

namespace amla {

namespace {

constexpr std::int64_t kOpMask = (std::int64_t{1} << OpRecorder::kLaneShift) - 1;

}  // namespace

OpRecorder::OpRecorder(std::size_t lanes, const std::vector<std::int64_t>* lane_ops, bool reasons)
    : reasons_(reasons), placed_(lane_ops && lane_ops->size() == lanes), recorded_(lanes, 0) {
  if (placed_) {
    allocate(*lane_ops);
    stages_.resize(lanes);
  } else {
    pending_.resize(lanes);
  }
}

void OpRecorder::allocate(const std::vector<std::int64_t>& lane_ops) {
  ops_.lane_begin.resize(lane_ops.size() + 1);
  std::int64_t first = 0;
  for (std::size_t l = 0; l < lane_ops.size(); ++l) {
    ops_.lane_begin[l] = first;
    first += lane_ops[l];
  }
  ops_.lane_begin[lane_ops.size()] = first;
  const auto total = static_cast<std::size_t>(first);
  ops_.lane.resize(total);
  ops_.kind.resize(total);
  ops_.task.resize(total);
  ops_.start.resize(total);
  ops_.end.resize(total);
  ops_.bytes.resize(total);
  ops_.flops.resize(total);
  ops_.level.resize(total);
  ops_.traffic.resize(total);
  if (reasons_) {
    ops_.reason.resize(total);
    ops_.blocker.resize(total);
    ops_.reason_id.resize(total);
    ops_.shared_cycles.resize(total);
  }
}

void OpRecorder::overflow(int lane) {
  throw std::logic_error("lane " + std::to_string(lane) + " ran more ops than were counted");
}

void OpRecorder::flush(std::size_t lane) {
  Stage& stage = stages_[lane];
  const std::int64_t first = ops_.lane_begin[lane] + recorded_[lane] - stage.count;
  if (first + stage.count > ops_.lane_begin[lane + 1]) overflow(static_cast<int>(lane));
  for (int j = 0; j < stage.count; ++j) {
    store(static_cast<std::size_t>(first + j), static_cast<int>(lane), stage.ops[j]);
  }
  stage.count = 0;
}

void OpRecorder::finish(OpTrace& out, const JobControl& job) {
  if (placed_) {
    for (std::size_t l = 0; l < recorded_.size(); ++l) flush(l);
    stages_ = {};
    for (std::size_t l = 0; l < recorded_.size(); ++l) {
      if (ops_.lane_begin[l] + recorded_[l] != ops_.lane_begin[l + 1]) {
        throw std::logic_error("lane " + std::to_string(l) + " ran fewer ops than were counted");
      }
    }
  } else {
    allocate(recorded_);
    for (std::size_t l = 0; l < pending_.size(); ++l) {
      job.check_cancelled();
      const auto first = static_cast<std::size_t>(ops_.lane_begin[l]);
      for (std::size_t k = 0; k < pending_[l].size(); ++k) {
        store(first + k, static_cast<int>(l), pending_[l][k]);
      }
      pending_[l] = {};  // free as we go
    }
  }
  if (reasons_) {
    constexpr std::size_t kCancelStride = 1 << 16;
    for (std::size_t i = 0; i < ops_.blocker.size(); ++i) {
      if (i % kCancelStride == 0) job.check_cancelled();
      std::int64_t& b = ops_.blocker[i];
      if (b >= 0) b = ops_.lane_begin[static_cast<std::size_t>(b >> kLaneShift)] + (b & kOpMask);
    }
  }
  const std::vector<std::int64_t> lane_begin = ops_.lane_begin;
  out = std::move(ops_);
  ops_ = OpTrace();
  ops_.lane_begin = lane_begin;  // global_index() stays valid
}

}  // namespace amla
