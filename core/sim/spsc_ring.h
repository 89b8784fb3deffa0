#pragma once
// A bounded queue from one producer thread to one consumer thread. The producer makes its items
// visible in batches, so the two threads exchange the index's cache line once per batch rather
// than once per item; a side that finds the queue empty (or full) sleeps on a futex (C++20
// atomic wait) and is woken only when it sleeps, so the common path makes no system call.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace amla {

template <class T>
class SpscRing {
 public:
  // capacity: a power of two; batch: items per publication, at most capacity / 4. A sleeping
  // consumer is woken once a quarter of the queue waits for it: waking it for every batch cost
  // more in the kernel's scheduler than the consumer's whole work.
  SpscRing(std::size_t capacity, std::size_t batch)
      : slots_(capacity), mask_(capacity - 1), batch_(batch), wake_at_(capacity / 4) {}

  // ---- producer ----
  // The next item to fill; waits while the queue is full.
  T& claim() {
    if (written_ - free_seen_ == slots_.size()) wait_for_room();
    return slots_[written_ & mask_];
  }
  // The claimed item is filled: it becomes visible with its batch.
  void commit() {
    if (++written_ - published_ >= batch_) publish();
  }
  // Makes every committed item visible now.
  void publish() {
    published_ = written_;
    tail_.store(written_, std::memory_order_seq_cst);
    // Only the sleeper clears its flag: clearing it here could lose the wake-up of its next sleep.
    if (consumer_sleeps_.load(std::memory_order_seq_cst) &&
        written_ - head_.load(std::memory_order_relaxed) >= wake_at_) {
      tail_.notify_one();
    }
  }
  // No item follows: the consumer sees the end once it has taken everything before it. The end
  // is a bit of the published count, so a consumer about to sleep on the count sees it change.
  void close() {
    published_ = written_;
    tail_.store(written_ | kClosed, std::memory_order_seq_cst);
    tail_.notify_one();
  }

  // ---- consumer ----
  // Waits for items; returns how many can be read from item(0) on (0: closed and all taken).
  std::size_t wait_for_items() {
    std::uint64_t tail = tail_.load(std::memory_order_acquire);
    while ((tail & ~kClosed) == read_) {
      if (tail & kClosed) return 0;
      consumer_sleeps_.store(true, std::memory_order_seq_cst);
      tail = tail_.load(std::memory_order_seq_cst);
      if ((tail & ~kClosed) == read_ && !(tail & kClosed)) tail_.wait(tail);
      consumer_sleeps_.store(false, std::memory_order_relaxed);
      tail = tail_.load(std::memory_order_acquire);
    }
    return static_cast<std::size_t>((tail & ~kClosed) - read_);
  }
  const T& item(std::size_t i) const { return slots_[(read_ + i) & mask_]; }
  // The first n items are done with: their slots may be reused.
  void release(std::size_t n) {
    read_ += n;
    head_.store(read_, std::memory_order_seq_cst);
    if (producer_sleeps_.load(std::memory_order_seq_cst)) head_.notify_one();
  }

 private:
  void wait_for_room() {
    while (true) {
      free_seen_ = head_.load(std::memory_order_acquire);
      if (written_ - free_seen_ < slots_.size()) return;
      // Whatever is committed must be visible, or the consumer may wait for it forever.
      publish();
      producer_sleeps_.store(true, std::memory_order_seq_cst);
      const std::uint64_t head = head_.load(std::memory_order_seq_cst);
      if (written_ - head == slots_.size()) head_.wait(head);
      producer_sleeps_.store(false, std::memory_order_relaxed);
    }
  }

  static constexpr std::size_t kLine = 64;
  static constexpr std::uint64_t kClosed = std::uint64_t{1} << 63;
  std::vector<T> slots_;
  const std::uint64_t mask_;
  const std::uint64_t batch_;
  const std::uint64_t wake_at_;
  // The producer's own counters, and the consumer's, each on its own cache line.
  alignas(kLine) std::uint64_t written_ = 0;
  std::uint64_t published_ = 0;
  std::uint64_t free_seen_ = 0;  // the consumer's position as last read
  alignas(kLine) std::uint64_t read_ = 0;
  // Shared: written by one side, read by the other.
  alignas(kLine) std::atomic<std::uint64_t> tail_{0};  // items made visible, | kClosed at the end
  alignas(kLine) std::atomic<std::uint64_t> head_{0};  // items taken
  alignas(kLine) std::atomic<bool> consumer_sleeps_{false};
  std::atomic<bool> producer_sleeps_{false};
};

}  // namespace amla
