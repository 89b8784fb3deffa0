#pragma once
// A FIFO in one growable power-of-two ring: the simulator's lane queues and pending flag sets
// push and pop millions of times, and std::deque allocates and frees a node every few elements.
#include <cstddef>
#include <vector>

namespace amla {

template <class T>
class RingQueue {
 public:
  bool empty() const { return head_ == tail_; }
  std::size_t size() const { return tail_ - head_; }
  T& front() { return buf_[head_ & mask_]; }
  const T& front() const { return buf_[head_ & mask_]; }
  // The i-th element from the front.
  const T& operator[](std::size_t i) const { return buf_[(head_ + i) & mask_]; }

  void push_back(const T& v) {
    if (size() == buf_.size()) grow();
    buf_[tail_++ & mask_] = v;
    // The next push comes soon (a round emits several per lane), to a slot last used long ago:
    // ask for its lines now, for writing.
    const char* next = reinterpret_cast<const char*>(&buf_[tail_ & mask_]);
    for (std::size_t b = 0; b < sizeof(T); b += 64) __builtin_prefetch(next + b, 1);
  }
  void pop_front() { ++head_; }

 private:
  void grow() {
    std::vector<T> next(buf_.empty() ? 8 : buf_.size() * 2);
    const std::size_t n = size();
    for (std::size_t i = 0; i < n; ++i) next[i] = (*this)[i];
    buf_.swap(next);
    head_ = 0;
    tail_ = n;
    mask_ = buf_.size() - 1;
  }

  std::vector<T> buf_;
  std::size_t head_ = 0, tail_ = 0, mask_ = 0;
};

}  // namespace amla
