#pragma once
// The simulator's pending events, earliest first (ties in the order they were pushed), in a
// 4-ary heap: half the levels of a binary heap, and a node's children share a cache line or two.
#include <cstdint>
#include <vector>

namespace amla {

enum class EventType : std::uint8_t { kLaneDone, kDataStart, kResourceDone, kRetry };

struct Event {
  double time;
  std::uint64_t seq;  // push order: breaks ties so the run is deterministic
  EventType type;
  std::int32_t index;
  std::uint32_t version;
  bool before(const Event& o) const { return time != o.time ? time < o.time : seq < o.seq; }
};

class EventQueue {
 public:
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const Event& top() const { return heap_.front(); }

  void push(const Event& e) {
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!e.before(heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  // Removes and returns the earliest event; the queue must not be empty.
  Event pop() {
    const Event top = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return top;
    std::size_t i = 0;
    while (true) {
      const std::size_t first = kArity * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (heap_[c].before(heap_[best])) best = c;
      }
      if (!heap_[best].before(last)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
    return top;
  }

 private:
  static constexpr std::size_t kArity = 4;
  std::vector<Event> heap_;
};

}  // namespace amla
