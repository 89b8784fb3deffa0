#pragma once
// Frees a large object on a thread of its own. A cancelled run must return within 100 ms, but
// freeing the state of a long one (gigabytes of trace arrays, millions of small blocks) takes
// longer than that; nothing waits for the memory, so the freeing need not hold up the return.
#include <memory>
#include <system_error>
#include <thread>

namespace amla {

template <typename T>
void release_in_background(std::unique_ptr<T> object) {
  if (!object) return;
  try {
    std::thread([owned = std::move(object)]() mutable { owned.reset(); }).detach();
  } catch (const std::system_error&) {
    // No thread to be had: the object was freed here, when the lambda holding it went away.
  }
}

}  // namespace amla
