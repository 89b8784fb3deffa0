#pragma once
// Maps a large block's pages in on a second thread while the caller starts filling it. A block
// reserved up front and written over a whole run (a simulation's slot uses: tens of megabytes)
// otherwise takes a page fault every 4 KiB on the thread that writes it, a few percent of a run
// on these virtual machines. The kernel maps the pages without touching their contents
// (MADV_POPULATE_WRITE), so the caller may write them meanwhile. Does nothing where that is not
// available, or on a machine with one hardware thread.
#include <atomic>
#include <cstddef>
#include <thread>

namespace amla {

class PagePrefault {
 public:
  PagePrefault(const void* data, std::size_t bytes);
  // Stops the thread within one chunk of pages (a millisecond) and waits for it: the block must
  // outlive this object.
  ~PagePrefault();
  // Waits until every page is mapped (or the kernel refused).
  void finish();
  PagePrefault(const PagePrefault&) = delete;
  PagePrefault& operator=(const PagePrefault&) = delete;

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace amla
