#include "core/common/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/input_error.h"

namespace amla {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AtomicFile, FailedWriteLeavesTheOldFileIntact) {
  const auto dir = std::filesystem::temp_directory_path() / "amla_atomic_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "f.txt").string();
  write_file_atomically("--out", path, [](std::ostream& o) { o << "old"; });
  EXPECT_THROW(write_file_atomically("--out", path,
                                     [](std::ostream& o) {
                                       o << "half";
                                       throw std::runtime_error("boom");
                                     }),
               std::runtime_error);
  EXPECT_EQ(slurp(path), "old");
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);
  std::filesystem::remove_all(dir);
}

TEST(AtomicFile, MissingDirectoryNamesTheField) {
  try {
    write_file_atomically("--out-amla", "/nonexistent/dir/x.npy", [](std::ostream&) {});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--out-amla");
  }
}

}  // namespace
}  // namespace amla
