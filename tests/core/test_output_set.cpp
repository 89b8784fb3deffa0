// The output layer on its own: nothing lands before commit(), a failure keeps every old file,
// writers deep in core stage into the active set, and declared-but-unwritten outputs vanish.
#include "core/common/output_set.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/atomic_file.h"
#include "core/common/bounded_read.h"
#include "core/common/input_error.h"
#include "tests/core/scratch_dir.h"

namespace amla {
namespace {

namespace fs = std::filesystem;
using amla::testing::put;
using amla::testing::slurp;

class OutputSetTest : public amla::testing::ScratchDirTest {
 protected:
  OutputSetTest() : ScratchDirTest("amla_output_set_") {}
  int entries() const {
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++n;
    return n;
  }
};

TEST_F(OutputSetTest, NothingLandsBeforeCommit) {
  std::ofstream(at("a")) << "old a";
  {
    OutputSet set;
    set.declare("--a", at("a"));
    set.declare("--b", at("b"));
    // A writer that knows nothing of the set stages into it.
    write_file_atomically("--a", at("a"), [](std::ostream& o) { o << "new a"; });
    set.write_bytes(at("b"), "new b");
    EXPECT_EQ(slurp(at("a")), "old a");
    EXPECT_FALSE(fs::exists(at("b")));
    set.commit();
  }
  EXPECT_EQ(slurp(at("a")), "new a");
  EXPECT_EQ(slurp(at("b")), "new b");
  EXPECT_EQ(entries(), 2);
}

TEST_F(OutputSetTest, WithoutCommitEveryOldFileStays) {
  std::ofstream(at("a")) << "old a";
  try {
    OutputSet set;
    set.declare("--a", at("a"));
    set.declare("--b", at("b"));
    set.write_bytes(at("a"), "new a");
    set.write(at("b"), [](std::ostream& o) {
      o << "half";
      throw std::runtime_error("boom");
    });
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(slurp(at("a")), "old a");
  EXPECT_FALSE(fs::exists(at("b")));
  EXPECT_EQ(entries(), 1);
}

TEST_F(OutputSetTest, DeclaredButUnwrittenOutputsAreDropped) {
  std::ofstream(at("a")) << "old a";
  {
    OutputSet set;
    set.declare("--a", at("a"));
    set.commit();
  }
  EXPECT_EQ(slurp(at("a")), "old a");
  EXPECT_EQ(entries(), 1);
}

TEST_F(OutputSetTest, SameFileTwiceNamesBothFlags) {
  OutputSet set;
  set.declare("--trace", at("x"));
  try {
    set.declare("--csv", (dir_ / "." / "x").string());
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--csv");
    EXPECT_NE(e.limit().find("--trace"), std::string::npos) << e.limit();
  }
}

TEST_F(OutputSetTest, DirectoryCreatedForTheSetGoesWithoutCommit) {
  {
    OutputSet set;
    set.declare_directory("--out", at("new/deeper"));
    set.declare("--out", at("new/deeper/r.md"));
    EXPECT_TRUE(fs::is_directory(at("new/deeper")));
  }
  EXPECT_FALSE(fs::exists(at("new")));
}

TEST_F(OutputSetTest, BoundedReaderRefusesLargeFilesAndEscapesQuotes) {
  std::ofstream(at("big")) << std::string(2000, 'x');
  EXPECT_EQ(read_bounded_file("--f", at("big"), 4096, "tests").size(), 2000u);
  try {
    read_bounded_file("--f", at("big"), 1024, "test inputs");
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(e.limit().find("the 1 KB limit for test inputs"), std::string::npos) << e.limit();
  }
  EXPECT_EQ(printable_excerpt(std::string("a\0b\n", 4)), "a\\x00b\\n");
  EXPECT_EQ(printable_excerpt(std::string(100, 'y'), 80), std::string(80, 'y') + "...");
}

}  // namespace
}  // namespace amla
