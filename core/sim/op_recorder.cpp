#include "core/sim/op_recorder.h"

namespace amla {

namespace {

// 16384 items of 64 bytes, published 64 at a time. The writer sleeps when it has taken all, and
// waking it takes a few hundred microseconds on a virtual machine: it is woken when a quarter of
// the queue waits, and the rest (a few milliseconds of simulation) is room to go on meanwhile.
constexpr std::size_t kRingItems = 16384;
constexpr std::size_t kRingBatch = 64;

bool use_own_thread(TraceWriting writing) {
  if (writing == TraceWriting::kAuto) return std::thread::hardware_concurrency() >= 2;
  return writing == TraceWriting::kOwnThread;
}

}  // namespace

OpRecorder::OpRecorder(std::size_t lanes, const std::vector<std::int64_t>* lane_ops, bool reasons,
                       bool keep_trace, TraceWriting writing)
    : keep_(keep_trace), recorded_(lanes, 0), totals_(lanes) {
  if (!keep_) return;
  std::vector<std::int64_t> counts;
  if (lane_ops && lane_ops->size() == lanes) counts = *lane_ops;
  if (use_own_thread(writing)) {
    start_writer(lanes, std::move(counts), reasons);
  } else {
    store_ = std::make_unique<OpStore>(lanes, std::move(counts), reasons);
  }
}

OpRecorder::~OpRecorder() {
  if (writer_.joinable()) {
    ring_->close();
    writer_.join();
  }
}

void OpRecorder::start_writer(std::size_t lanes, std::vector<std::int64_t> lane_ops, bool reasons) {
  ring_ = std::make_unique<SpscRing<Item>>(kRingItems, kRingBatch);
  // The store (and its arrays, a few bytes per op to zero) is made on the writer thread too.
  writer_ = std::thread([this, lanes, counts = std::move(lane_ops), reasons]() mutable {
    try {
      store_ = std::make_unique<OpStore>(lanes, std::move(counts), reasons);
    } catch (...) {
      writer_error_ = std::current_exception();
    }
    write_items();
  });
}

// The writer's loop. After a failure it goes on taking items (and drops them), so the simulating
// thread never waits for room that will not come.
void OpRecorder::write_items() {
  while (const std::size_t n = ring_->wait_for_items()) {
    if (!writer_error_) {
      try {
        for (std::size_t i = 0; i < n; ++i) {
          const Item& item = ring_->item(i);
          if (item.op.lane >= 0) {
            const auto lane = static_cast<std::size_t>(item.op.lane);
            totals_[lane].add(item.op.start, item.op.end, item.op.shape());
            store_->add_op(lane, item.op);
          } else {
            for (int k = 0; k < -item.changes.lane; ++k) {
              const BufferChange& c = item.changes.change[k];
              store_->change_buffer(static_cast<std::size_t>(c.track), c.time, c.delta);
            }
          }
        }
      } catch (...) {
        writer_error_ = std::current_exception();
      }
    }
    ring_->release(n);
  }
}

void OpRecorder::stop_writer() {
  if (!writer_.joinable()) return;
  if (changes_waiting_ > 0) send_changes();
  ring_->close();
  writer_.join();
  ring_.reset();
  if (writer_error_) std::rethrow_exception(writer_error_);
}

void OpRecorder::drop_trace() {
  stop_writer();  // (the totals it summed stay; what it threw is thrown)
  keep_ = false;
  store_.reset();
  changes_waiting_ = 0;
}

void OpRecorder::finish(OpTrace& out, std::vector<OccupancySteps>& steps,
                        std::vector<LaneTotals>& totals, const JobControl& job) {
  stop_writer();  // first: the writer sums the totals of the ops it was handed
  totals = totals_;
  out = OpTrace();
  steps.clear();
  if (!keep_) return;
  store_->finish(out, steps, job);
}

}  // namespace amla
