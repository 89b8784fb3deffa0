#pragma once
// How a long run (a simulation, a sweep, a numerics run) reports progress and learns that the
// user cancelled. One type for all of them, so every front end drives them the same way: the
// GUI's background job, the CLI's Ctrl+C handler, the tests.
#include <atomic>
#include <functional>

#include "core/common/cancelled.h"

namespace amla {

struct JobControl {
  // The fraction done, in [0, 1]. May be called from the run's worker threads, concurrently and
  // not necessarily in order; may be empty.
  std::function<void(double)> progress;
  // Set by the caller (another thread, a signal handler) to stop the run; may be null.
  const std::atomic<bool>* cancel = nullptr;

  bool cancelled() const { return cancel != nullptr && cancel->load(std::memory_order_relaxed); }
  // Throws Cancelled once the flag is set: runs call it between units of work.
  void check_cancelled() const {
    if (cancelled()) throw Cancelled();
  }
  void report(double fraction) const {
    if (progress) progress(fraction);
  }
};

}  // namespace amla
