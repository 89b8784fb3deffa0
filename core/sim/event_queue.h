#pragma once
// The simulator's pending events, earliest first (ties in the order they were pushed), in a
// 4-ary heap: half the levels of a binary heap, and a node's children share a cache line. Spare
// slots past the end hold an event later than any real one, so every node has four children to
// compare (no check for a partial set).
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
    return std::bit_cast<double>(time_key_ ^ (~all_if_negative(time_key_) | kSign));
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
  // After every event a run can push (its seq is below kMaxSeq - 1): fills the heap's spare slots.
  static constexpr Event last() { return Event(~std::uint64_t{0}, ~std::uint64_t{0}); }

 private:
  static constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
  constexpr Event(std::uint64_t time_key, std::uint64_t key) : time_key_(time_key), key_(key) {}
  // Both words as one 128-bit number: compared with two instructions (cmp, sbb), no branch.
  __extension__ using Wide = unsigned __int128;
  Wide wide() const { return static_cast<Wide>(time_key_) << 64 | key_; }

  // Doubles to unsigned integers in the same order: negatives reversed below the positives (all
  // bits flipped), the sign bit set on the others. Without branches or conditional moves.
  static std::uint64_t ordered(double t) {
    const auto bits = std::bit_cast<std::uint64_t>(t);
    return bits ^ (all_if_negative(bits) | kSign);
  }
  // All bits when the top bit is set, else none.
  static std::uint64_t all_if_negative(std::uint64_t bits) {
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(bits) >> 63);
  }

  std::uint64_t time_key_ = kSign;  // time 0
  std::uint64_t key_ = 0;
};

class EventQueue {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  const Event& top() const { return slots_[0]; }

  void push(const Event& e) {
    if (slots_.size() < size_ + 1 + kArity) slots_.resize(2 * (size_ + 1 + kArity), Event::last());
    Event* heap = slots_.data();
    std::size_t i = size_++;
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!e.before(heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = e;
  }

  // Removes and returns the earliest event; the queue must not be empty.
  Event pop() {
    Event* heap = slots_.data();
    const Event top = heap[0];
    const std::size_t n = --size_;
    const Event last = heap[n];
    heap[n] = Event::last();
    // Walked by address (the first child of heap + i is heap + 4 i + 1): fewer index conversions.
    Event* hole = heap;
    const Event* const end = heap + n;
    while (true) {
      Event* c = heap + kArity * static_cast<std::size_t>(hole - heap) + 1;
      if (c >= end) break;
      // Always four children: the slots past the end hold events later than any real one. Ties
      // keep the lower slot, so one of the real children wins. The pointers are picked by the
      // comparisons' outcomes, with no branches to mispredict.
      Event* pa = c + c[1].before(c[0]);
      Event* pb = c + 2 + c[3].before(c[2]);
      Event* pm = pb->before(*pa) ? pb : pa;
      if (!pm->before(last)) break;
      *hole = *pm;
      hole = pm;
    }
    *hole = last;
    return top;
  }

 private:
  static constexpr std::size_t kArity = 4;
  // The heap in slots_[0, size_), followed by at least kArity slots holding Event::last().
  std::vector<Event> slots_;
  std::size_t size_ = 0;
};

}  // namespace amla
