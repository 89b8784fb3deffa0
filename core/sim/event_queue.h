#pragma once
// The simulator's pending events, earliest first (ties in the order they were pushed), in a
// 4-ary heap: half the levels of a binary heap, and a node's children share a cache line.
#include <bit>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace amla {

enum class EventType : std::uint8_t { kLaneDone, kDataStart, kResourceDone, kRetry };

// 16 bytes: the time as an unsigned integer in the same order (so comparing is integer work, with
// no branches on floating-point flags), and one word holding the push order above the type and
// the index, so the tie-break is one more integer comparison and four events fill a cache line.
class Event {
 public:
  static constexpr int kIndexBits = 22;
  static constexpr int kTypeBits = 2;
  static constexpr int kSeqShift = kIndexBits + kTypeBits;
  static constexpr std::uint64_t kMaxSeq = std::uint64_t{1} << (64 - kSeqShift);
  static constexpr std::int32_t kMaxIndex = std::int32_t{1} << kIndexBits;

  Event() = default;
  // seq: push order, below kMaxSeq; index in [0, kMaxIndex).
  Event(double time, std::uint64_t seq, EventType type, std::int32_t index)
      : time_key_(ordered(time)),
        key_(seq << kSeqShift | static_cast<std::uint64_t>(type) << kIndexBits |
             static_cast<std::uint64_t>(index)) {}

  double time() const {
    return std::bit_cast<double>(time_key_ >> 63 ? time_key_ & ~kSign : ~time_key_);
  }
  std::uint64_t seq() const { return key_ >> kSeqShift; }
  EventType type() const {
    return static_cast<EventType>((key_ >> kIndexBits) & ((1u << kTypeBits) - 1));
  }
  std::int32_t index() const { return static_cast<std::int32_t>(key_ & (kMaxIndex - 1)); }
  // By time, then push order (which makes the run deterministic). The simulator's times are
  // never -0 and a NaN time stops the run when it comes up, so ordering them differently from
  // the floating-point comparison changes nothing.
  bool before(const Event& o) const { return wide() < o.wide(); }

 private:
  static constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
  // Both words as one 128-bit number: compared with two instructions (cmp, sbb), no branch.
  __extension__ using Wide = unsigned __int128;
  Wide wide() const { return static_cast<Wide>(time_key_) << 64 | key_; }

  // Doubles to unsigned integers in the same order: negatives reversed below the positives.
  static std::uint64_t ordered(double t) {
    const auto bits = std::bit_cast<std::uint64_t>(t);
    return bits & kSign ? ~bits : bits | kSign;
  }

  std::uint64_t time_key_ = kSign;  // time 0
  std::uint64_t key_ = 0;
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
      if (first + kArity <= n) {
        // A full set of children: the two pairs, then their winners (no loop to predict).
        const std::size_t a = heap_[first + 1].before(heap_[first]) ? first + 1 : first;
        const std::size_t b = heap_[first + 3].before(heap_[first + 2]) ? first + 3 : first + 2;
        best = heap_[b].before(heap_[a]) ? b : a;
      } else {
        for (std::size_t c = first + 1; c < n; ++c) {
          if (heap_[c].before(heap_[best])) best = c;
        }
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
