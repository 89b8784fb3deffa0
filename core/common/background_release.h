#pragma once
// Frees large objects on a thread of its own. A cancelled run must return within 100 ms, but
// freeing the state of a long one (gigabytes of trace arrays, millions of small blocks) takes
// longer than that; nothing waits for the memory, so the freeing need not hold up the return.
// One long-lived thread does all the freeing, in order: no thread is created at cancel time
// (a new thread's stack is an mmap, which would queue behind the unmapping of the last run).
#include <functional>
#include <memory>

namespace amla {

// Runs `release` (which frees something) on the releasing thread.
void run_release_in_background(std::function<void()> release);

// `pointer` is a std::unique_ptr or a std::shared_ptr (for a shared one, what is freed there is
// this reference, and the object if it was the last).
template <typename Pointer>
void release_in_background(Pointer pointer) {
  if (!pointer) return;
  // std::function needs a copyable callable: hold the pointer through a shared_ptr.
  auto owned = std::make_shared<Pointer>(std::move(pointer));
  run_release_in_background([owned] { owned->reset(); });
}

}  // namespace amla
