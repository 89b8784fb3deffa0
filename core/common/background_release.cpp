#include "core/common/background_release.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>

namespace amla {

namespace {

struct ReleaseQueue {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<std::function<void()>> work;
};

// Created once and never destroyed: the thread serving it may still run when statics are torn
// down at exit.
ReleaseQueue* start_queue() {
  auto* queue = new ReleaseQueue;
  try {
    std::thread([queue] {
      while (true) {
        std::function<void()> next;
        {
          std::unique_lock<std::mutex> lock(queue->mutex);
          queue->ready.wait(lock, [queue] { return !queue->work.empty(); });
          next = std::move(queue->work.front());
          queue->work.pop_front();
        }
        next();
      }
    }).detach();
  } catch (const std::system_error&) {
    delete queue;
    return nullptr;
  }
  return queue;
}

}  // namespace

void run_release_in_background(std::function<void()> release) {
  static ReleaseQueue* const queue = start_queue();
  if (queue == nullptr) {
    release();  // no thread to be had: free it here, late but correct
    return;
  }
  {
    const std::lock_guard<std::mutex> lock(queue->mutex);
    queue->work.push_back(std::move(release));
  }
  queue->ready.notify_one();
}

}  // namespace amla
