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

template <typename T>
void release_in_background(std::unique_ptr<T> object) {
  if (!object) return;
  // std::function needs a copyable callable: hold the object through a shared_ptr.
  auto owned = std::make_shared<std::unique_ptr<T>>(std::move(object));
  run_release_in_background([owned] { owned->reset(); });
}

}  // namespace amla
