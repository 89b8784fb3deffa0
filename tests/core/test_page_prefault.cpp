// The pages of a block are mapped on a second thread while the caller writes it: every page ends
// up resident, and what the caller wrote meanwhile is kept.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <thread>
#include <vector>

#include "core/common/page_prefault.h"

namespace amla {
namespace {

// Pages of [data, data + bytes) not resident, by mincore().
std::size_t pages_not_resident(void* data, std::size_t bytes) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> resident((bytes + page - 1) / page);
  EXPECT_EQ(mincore(data, bytes, resident.data()), 0);
  std::size_t missing = 0;
  for (unsigned char r : resident) missing += (r & 1) ? 0 : 1;
  return missing;
}

TEST(PagePrefault, MapsEveryPageAndKeepsWhatWasWrittenMeanwhile) {
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one hardware thread: no prefault";
  const std::size_t bytes = std::size_t{64} << 20;
  void* block = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(block, MAP_FAILED);
  ASSERT_EQ(pages_not_resident(block, bytes),
            bytes / static_cast<std::size_t>(sysconf(_SC_PAGESIZE)))
      << "a fresh mapping starts with no page";
  auto* words = static_cast<std::uint64_t*>(block);
  const std::size_t n = bytes / sizeof(std::uint64_t);
  {
    PagePrefault prefault(block, bytes);
    // Meanwhile, into the first quarter only: the rest is left to the prefault.
    for (std::size_t i = 0; i < n / 4; i += 97) words[i] = i * 2654435761u + 1;
    prefault.finish();
    EXPECT_EQ(pages_not_resident(block, bytes), 0u);
  }
  for (std::size_t i = 0; i < n; ++i) {
    ASSERT_EQ(words[i], i < n / 4 && i % 97 == 0 ? i * 2654435761u + 1 : 0u) << "word " << i;
  }
  munmap(block, bytes);
}

}  // namespace
}  // namespace amla
