#include "core/common/page_prefault.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace amla {

PagePrefault::PagePrefault(const void* data, std::size_t bytes) {
#ifdef MADV_POPULATE_WRITE
  const long page_size = sysconf(_SC_PAGESIZE);
  if (data == nullptr || page_size <= 0 || std::thread::hardware_concurrency() < 2) return;
  const auto page = static_cast<std::uintptr_t>(page_size);
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  // Whole pages inside the block only: the pages at its ends may be shared with other data.
  const std::uintptr_t first = (begin + page - 1) & ~(page - 1);
  const std::uintptr_t last = (begin + bytes) & ~(page - 1);
  if (last <= first) return;
  // Worth a thread only for more than a few pages.
  if (last - first < 64 * page) return;
  thread_ = std::thread([this, first, last, page] {
    // In chunks, so that a cancelled run need not wait for a large block. A kernel without
    // MADV_POPULATE_WRITE answers EINVAL: the writer then takes the faults as before.
    const std::uintptr_t chunk = 1024 * page;
    for (std::uintptr_t at = first; at < last && !stop_.load(std::memory_order_relaxed);
         at += chunk) {
      const std::uintptr_t n = last - at < chunk ? last - at : chunk;
      if (madvise(reinterpret_cast<void*>(at), n, MADV_POPULATE_WRITE) != 0) break;
    }
  });
#else
  (void)data;
  (void)bytes;
#endif
}

void PagePrefault::finish() {
  if (thread_.joinable()) thread_.join();
}

PagePrefault::~PagePrefault() {
  stop_.store(true, std::memory_order_relaxed);
  if (thread_.joinable()) thread_.join();
}

}  // namespace amla
