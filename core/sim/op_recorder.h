#pragma once
// What the simulator does with each finished op and each change of a buffer's occupancy. Every
// op adds to its lane's totals (what the metrics need). While the run keeps its trace, the ops
// and the changes also go to an OpStore: on a second thread, which then sums the totals too, when
// the machine has a core to spare (keeping them is a third of a traced run's work, and needs
// nothing back from the simulation), else on the simulating thread; either way the trace is the
// same, bit for bit. Changes travel three to a queue item: one each cost more to hand over than to
// apply.
#include <cstdint>
#include <exception>
#include <memory>
#include <thread>
#include <vector>

#include "core/common/job_control.h"
#include "core/ops/lane_totals.h"
#include "core/ops/trace.h"
#include "core/sim/occupancy_steps.h"
#include "core/sim/op_store.h"
#include "core/sim/simulator.h"
#include "core/sim/spsc_ring.h"

namespace amla {

class OpRecorder {
 public:
  // lane_ops: ops per lane, or nullptr when unknown. reasons: whether wait reasons are kept.
  // keep_trace: false records the lanes' totals only.
  OpRecorder(std::size_t lanes, const std::vector<std::int64_t>* lane_ops, bool reasons,
             bool keep_trace = true, TraceWriting writing = TraceWriting::kAuto);
  ~OpRecorder();
  OpRecorder(const OpRecorder&) = delete;
  OpRecorder& operator=(const OpRecorder&) = delete;

  // Ops recorded in `lane` so far: the index within the lane of its next op.
  std::int64_t recorded(int lane) const { return recorded_[static_cast<std::size_t>(lane)]; }
  bool keeps_trace() const { return keep_; }
  // Inline: called once per simulated op.
  void record(int lane, const OpRecord& op) {
    const auto l = static_cast<std::size_t>(lane);
    ++recorded_[l];
    if (!ring_) {
      totals_[l].add(op.start, op.end, op.shape());
      if (keep_) store_->add_op(l, op);
      return;
    }
    // The writer adds it to the lane's totals too, in the same order.
    Item& item = ring_->claim();
    std::construct_at(&item.op, op);
    item.op.lane = lane;
    ring_->commit();
  }
  // Buffer `track`'s occupancy changes by `delta` bytes at cycle `t`, which is below 2^32 and
  // never before the track's previous change (kept with the trace only).
  void change_buffer(int track, std::int64_t t, std::int64_t delta) {
    if (!keep_) return;
    if (!ring_) {
      store_->change_buffer(static_cast<std::size_t>(track), t, delta);
      return;
    }
    changes_.change[changes_waiting_++] = {static_cast<std::uint32_t>(t), track, delta};
    if (changes_waiting_ == kChangesPerItem) send_changes();
  }
  // From now on only totals are kept; what was recorded is freed.
  void drop_trace();

  // Moves the ops into `out` (after every op has been recorded; empty when the trace was
  // dropped), the buffers' occupancy steps into `steps` and the lanes' totals into `totals`.
  // Throws Cancelled between bounded pieces of work when `job` is cancelled.
  void finish(OpTrace& out, std::vector<OccupancySteps>& steps, std::vector<LaneTotals>& totals,
              const JobControl& job);

  // The global index of op `op` of `lane`; valid after finish() of a kept trace.
  std::int64_t global_index(int lane, std::int64_t op) const {
    return store_->global_index(lane, op);
  }

 private:
  static constexpr int kChangesPerItem = 3;
  struct ChangeBatch {
    std::int32_t lane = 0;  // minus the number of changes: first, as OpRecord::lane is
    BufferChange change[kChangesPerItem];
  };
  // What the writer thread is handed, one cache line each: an op (its lane >= 0), or buffer
  // changes. Each hand-over constructs the member it fills (std::construct_at); both begin with
  // the lane, which is read through either (their common initial sequence) to tell which is alive.
  union alignas(64) Item {
    Item() : op() {}
    OpRecord op;
    ChangeBatch changes;
  };
  static_assert(sizeof(Item) == 64);
  void send_changes() {
    Item& item = ring_->claim();
    std::construct_at(&item.changes, changes_);
    item.changes.lane = -changes_waiting_;
    ring_->commit();
    changes_waiting_ = 0;
  }
  void start_writer(std::size_t lanes, std::vector<std::int64_t> lane_ops, bool reasons);
  void write_items();
  // Waits for the writer to take everything; rethrows what it threw.
  void stop_writer();

  bool keep_;
  std::vector<std::int64_t> recorded_;
  std::vector<LaneTotals> totals_;
  std::unique_ptr<OpStore> store_;
  // The second thread, while it runs.
  std::unique_ptr<SpscRing<Item>> ring_;
  std::thread writer_;
  std::exception_ptr writer_error_;
  ChangeBatch changes_;  // not yet handed over
  int changes_waiting_ = 0;
};

}  // namespace amla
