// Issue 17, "never lose a user's file": one test per finding. Outputs that are devices, FIFOs
// and symlinks; a full disk (RLIMIT_FSIZE in a child); SIGINT/SIGTERM in the middle of a trace
// write (a child amla-cli); a failed run that must not replace earlier outputs; two outputs on
// one path; unbounded or blocking --kv-lens inputs. Each asserts the exit code, the message, the
// files left and that old contents are kept.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/cli/image_export.h"
#include "app/cli/run_config_flags.h"
#include "core/common/input_error.h"
#include "tests/core/cli_runner.h"
#include "tests/core/scratch_dir.h"

namespace amla::cli {
namespace {

namespace fs = std::filesystem;
using amla::testing::put;
using amla::testing::slurp;
using testing::run_cli;

class CliOutputs : public amla::testing::ScratchDirTest {
 protected:
  CliOutputs() : ScratchDirTest("amla_outputs_") {}
  // Temporary files left in the scratch directory.
  int temp_files() const {
    // A child may be removing files meanwhile: error codes, never exceptions.
    int n = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().filename().string().find(".tmp") != std::string::npos) ++n;
    }
    return n;
  }
};

// The same run with its lengths from a file.
std::vector<std::string> kv_lens_sim(const std::string& path) {
  return {"simulate", "--preset", "910C-die", "--batch", "2", "--heads", "16", "--kv-lens", path};
}

std::vector<std::string> small_sim(std::vector<std::string> extra) {
  std::vector<std::string> args = {
      "simulate", "--preset", "910C-die", "--batch",         "1", "--heads", "16", "--q-tokens",
      "1",        "--kv-len", "512",      "--rows-per-task", "16"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

bool one_line(const std::string& err) { return !err.empty() && err.find('\n') == err.size() - 1; }

// ---- Special files as outputs (finding 1) ----------------------------------------------------

TEST_F(CliOutputs, DevNullStaysACharacterDevice) {
  const auto r = run_cli(small_sim({"--csv", "/dev/null", "--trace", "/dev/null"}));
  EXPECT_EQ(r.code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST_F(CliOutputs, DeviceNodeIsWrittenNotReplaced) {
  const std::string node = at("null");
  if (mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
    GTEST_SKIP() << "mknod: " << std::strerror(errno);
  }
  const auto r = run_cli(small_sim({"--csv", node}));
  EXPECT_EQ(r.code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(lstat(node.c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  EXPECT_EQ(temp_files(), 0);
}

TEST_F(CliOutputs, DevFullIsAWriteErrorNotAReplacement) {
  const auto r = run_cli(small_sim({"--trace", "/dev/full"}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--trace"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
  struct stat st {};
  ASSERT_EQ(stat("/dev/full", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST_F(CliOutputs, FifoIsWrittenThroughToItsReader) {
  const std::string fifo = at("pipe");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = slurp(fifo); });
  const auto r = run_cli(small_sim({"--csv", fifo}));
  reader.join();
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_GT(received.size(), 100u);
  struct stat st {};
  ASSERT_EQ(lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_EQ(temp_files(), 0);
}

TEST_F(CliOutputs, SymlinkIsWrittenThroughAndKept) {
  put(at("real.csv"), "old");
  fs::create_symlink("real.csv", at("link.csv"));
  fs::create_symlink("created.csv", at("dangling.csv"));
  const auto r = run_cli(small_sim({"--csv", at("link.csv"), "--trace", at("dangling.csv")}));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(at("link.csv")));
  EXPECT_TRUE(fs::is_symlink(at("dangling.csv")));
  EXPECT_NE(slurp(at("real.csv")), "old");
  EXPECT_GT(slurp(at("real.csv")).size(), 100u);
  EXPECT_GT(slurp(at("created.csv")).size(), 100u);
  EXPECT_EQ(temp_files(), 0);
}

TEST_F(CliOutputs, ReplacedFileKeepsItsPermissions) {
  put(at("t.csv"), "old");
  fs::permissions(at("t.csv"),
                  fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  const auto r = run_cli(small_sim({"--csv", at("t.csv")}));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(fs::status(at("t.csv")).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
}

// ---- Messages naming the real cause (finding 7) ------------------------------------------------

TEST_F(CliOutputs, DirectoryAndEmptyPathsNameTheCause) {
  auto r = run_cli(small_sim({"--csv", at("")}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Success"), std::string::npos) << r.err;
  r = run_cli(small_sim({"--csv", ""}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no file name given"), std::string::npos) << r.err;
  EXPECT_TRUE(one_line(r.err)) << r.err;
}

TEST_F(CliOutputs, ParentThatIsAFileIsNotCalledMissing) {
  put(at("f"), "x");
  auto r = run_cli(small_sim({"--trace", at("f/t.json")}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("is not a directory"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("does not exist"), std::string::npos) << r.err;
  r = run_cli(small_sim({"--trace", at("missing/t.json")}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("missing does not exist"), std::string::npos) << r.err;
}

// ---- All or nothing (finding 4) ----------------------------------------------------------------

TEST_F(CliOutputs, FailedRunReplacesNoEarlierOutput) {
  put(at("t.json"), "old");
  const auto r = run_cli(small_sim({"--trace", at("t.json"), "--csv", at("nodir/c.csv")}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--csv"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(at("t.json")), "old");
  EXPECT_EQ(temp_files(), 0);
}

TEST_F(CliOutputs, ReportIntoANewDirectoryIsAllOrNothing) {
  put(at("f"), "x");
  const auto r = run_cli({"report", "--rows", "2", "--kv-len", "64", "--out", at("f/r")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("is not a directory"), std::string::npos) << r.err;
  const auto ok = run_cli({"report", "--rows", "2", "--kv-len", "64", "--out", at("new/r")});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_TRUE(fs::exists(at("new/r/report.md")));
  EXPECT_TRUE(fs::exists(at("new/r/report.json")));
  EXPECT_EQ(temp_files(), 0);
}

// ---- Two outputs on one path (finding 5) -------------------------------------------------------

TEST_F(CliOutputs, TwoOutputsOnOnePathAreRefusedNamingBoth) {
  put(at("x"), "old");
  auto r = run_cli(small_sim({"--trace", at("x"), "--csv", at("x")}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--trace"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--csv"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(at("x")), "old");
  fs::create_symlink("x", at("alias"));
  r = run_cli(small_sim({"--trace", at("x"), "--csv", at("alias")}));
  EXPECT_EQ(r.code, 2) << r.err;
  r = run_cli({"numerics", "--rows", "2", "--kv-len", "64", "--out-amla", at("a.npy"),
               "--out-golden", at("./a.npy")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--out-amla"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--out-golden"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(at("a.npy")));
  EXPECT_EQ(temp_files(), 0);
}

// ---- Bounded --kv-lens (finding 6) -------------------------------------------------------------

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

TEST_F(CliOutputs, KvLensFromDevZeroAndAFifoAreRefusedAtOnce) {
  const std::string fifo = at("lens");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  for (const std::string& path : std::vector<std::string>{"/dev/zero", fifo}) {
    const auto start = std::chrono::steady_clock::now();
    const auto r = run_cli(kv_lens_sim(path));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--kv-lens"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("give a regular file"), std::string::npos) << r.err;
  }
}

TEST_F(CliOutputs, KvLensFromAHugeSparseFileIsRefusedBySizeWithoutReadingIt) {
  const std::string big = at("big.txt");
  {
    const int fd = open(big.c_str(), O_WRONLY | O_CREAT, 0600);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(ftruncate(fd, 1LL << 30), 0);
    close(fd);
  }
  const long rss_before = peak_rss_kb();
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_cli(kv_lens_sim(big));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_LT(peak_rss_kb() - rss_before, 64 * 1024);  // far below the file's 1 GB
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("16 MB limit"), std::string::npos) << r.err;
}

TEST_F(CliOutputs, KvLensEchoesAtMostEightyPrintableCharacters) {
  put(at("nul.txt"), std::string("4096 \0\n", 7));
  auto r = run_cli(kv_lens_sim(at("nul.txt")));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("\\x00"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\0'), std::string::npos);
  put(at("token.txt"), std::string(1 << 20, '7') + "x");
  r = run_cli(kv_lens_sim(at("token.txt")));
  EXPECT_EQ(r.code, 2);
  EXPECT_LT(r.err.size(), 300u) << r.err.substr(0, 300);
  EXPECT_TRUE(one_line(r.err));
}

TEST_F(CliOutputs, NpyAndJsonInputsFromAFifoAreRefusedAtOnce) {
  const std::string fifo = at("in");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"numerics", "--q", fifo, "--kv", fifo},
                                             {"simulate", "--hw", fifo},
                                             {"simulate", "--config", fifo}}) {
    const auto r = run_cli(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("is a FIFO; give a regular file"), std::string::npos) << r.err;
  }
}

TEST_F(CliOutputs, NpyHeaderCapAndHugeDimensionsAreNamed) {
  const std::string magic("\x93NUMPY\x02\x00", 8);
  put(at("long_header.npy"), magic + std::string("\x00\x00\x20\x00", 4) + std::string(64, ' '));
  auto r = run_cli({"numerics", "--q", at("long_header.npy"), "--kv", at("long_header.npy")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("1 MB limit for .npy headers"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("truncated"), std::string::npos) << r.err;
  std::string header =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 576), }";
  header.resize(118, ' ');
  header += '\n';
  put(at("huge_dim.npy"),
      std::string("\x93NUMPY\x01\x00", 8) + char(header.size()) + '\0' + header);
  r = run_cli({"numerics", "--q", at("huge_dim.npy"), "--kv", at("huge_dim.npy")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("larger than 999999999999999"), std::string::npos) << r.err;
}

TEST_F(CliOutputs, ControlBytesInMessagesAreEscaped) {
  put(at("ctl.json"), std::string("{\"problem\": {\"batch\": \"\x1b[31m\n\"}}"));
  const auto r = run_cli({"simulate", "--config", at("ctl.json")});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(one_line(r.err)) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
}

TEST_F(CliOutputs, ImageMemoryCountsAgainstTheBudget) {
  if (!image_export_available()) GTEST_SKIP() << "a build without the GUI draws no images";
  // 340 mm at 1200 dpi: 16063 x 16063 pixels, 2 GB drawn and encoded.
  auto r = run_cli(small_sim({"--timeline", at("t.png"), "--figure", "340x340", "--dpi", "1200",
                              "--memory-budget-mb", "100"}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--figure"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("memory budget"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(at("t.png")));
  EXPECT_EQ(temp_files(), 0);
  r = run_cli({"sweep", "--batch", "1", "--kv-len", "512", "--param", "preload=0,1", "--heatmap",
               at("h.png"), "--figure", "340x340", "--dpi", "1200", "--memory-budget-mb", "100"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--figure"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("memory budget"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(at("h.png")));
  r = run_cli({"sensitivity", "--batch", "1", "--kv-len", "512", "--plot", at("p.png"), "--figure",
               "340x340", "--dpi", "1200", "--memory-budget-mb", "100"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--figure"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("memory budget"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(at("p.png")));
}

TEST_F(CliOutputs, SetQuotesTheParametersOwnRange) {
  const auto r = run_cli(small_sim({"--set", "clock_ghz=1e308"}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("[0.1, 10]"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("1e+18"), std::string::npos) << r.err;
}

TEST_F(CliOutputs, AMegabyteFlagValueIsQuotedCut) {
  const auto r = run_cli({"bits", "--value", std::string(1 << 20, '9') + "x"});
  EXPECT_EQ(r.code, 2);
  EXPECT_LT(r.err.size(), 600u) << r.err.substr(0, 600);
  EXPECT_TRUE(one_line(r.err));
}

TEST_F(CliOutputs, SweepTakesTheBudgetFlagItsMessageSuggests) {
  const auto r = run_cli({"sweep", "--batch", "64", "--kv-len", "8192", "--param", "preload=0,1",
                          "--memory-budget-mb", "1"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("over the memory budget of 1.0 MiB"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--memory-budget-mb"), std::string::npos) << r.out;
}

TEST(KvLensParser, ReadsSeparatorsAndRefusesNonsense) {
  EXPECT_EQ(parse_kv_lengths("[4096, 128]\n512", "f"), (std::vector<int>{4096, 128, 512}));
  EXPECT_THROW(parse_kv_lengths(" , ", "f"), InputError);
  EXPECT_THROW(parse_kv_lengths("12a", "f"), InputError);
}

// ---- Hardware files missing a key (finding 7) ------------------------------------------------

TEST_F(CliOutputs, HardwareFileMissingAKeyIsRefusedUnlessItNamesAPreset) {
  ASSERT_EQ(run_cli({"presets", "--show", "910B2", "--out", at("full.json")}).code, 0);
  std::string text = slurp(at("full.json"));
  const auto key = text.find("\"clock_ghz\"");
  ASSERT_NE(key, std::string::npos);
  const auto end = text.find('}', key);
  text.erase(key, end + 2 - key);  // the entry and its comma
  put(at("partial.json"), text);
  auto r = run_cli({"simulate", "--hw", at("partial.json"), "--batch", "1", "--kv-len", "512"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--hw clock_ghz"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("preset"), std::string::npos) << r.err;
  put(at("extends.json"), R"({"preset": "910B2", "clock_ghz": 1.5})");
  r = run_cli(
      {"simulate", "--hw", at("extends.json"), "--batch", "1", "--kv-len", "512", "--json"});
  EXPECT_EQ(r.code, 0) << r.err;
  put(at("bad_preset.json"), R"({"preset": "910Z"})");
  r = run_cli({"simulate", "--hw", at("bad_preset.json"), "--batch", "1", "--kv-len", "512"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--hw preset"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli({"simulate", "--hw", at("full.json"), "--batch", "1", "--kv-len", "512"}).code,
            0);
}

// ---- Children: a full disk and signals (findings 2 and 3) --------------------------------------

fs::path amla_cli_binary() { return fs::read_symlink("/proc/self/exe").parent_path() / "amla-cli"; }

struct ChildResult {
  int status;
  std::string err;
};

// Runs amla-cli in a child with stderr into a file; `in_child` runs after fork, before exec.
pid_t spawn(const std::vector<std::string>& args, const std::string& err_path,
            void (*in_child)() = nullptr, const std::string& out_path = "/dev/null") {
  const pid_t pid = fork();
  if (pid == 0) {
    const int fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 2);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    if (in_child) in_child();
    std::vector<char*> argv;
    const std::string bin = amla_cli_binary().string();
    argv.push_back(const_cast<char*>(bin.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

void limit_file_size() {
  signal(SIGXFSZ, SIG_IGN);          // a write past the limit fails with EFBIG instead of killing
  rlimit limit{16 << 10, 16 << 10};  // below every output of the cases below
  setrlimit(RLIMIT_FSIZE, &limit);
}

TEST_F(CliOutputs, FullDiskKeepsTheOldImageAndTrace) {
  if (!fs::exists(amla_cli_binary())) GTEST_SKIP() << "no amla-cli beside the test";
  struct Case {
    std::string flag, file;
    std::vector<std::string> args;  // the command; the output flag and path are appended
  };
  const std::vector<Case> cases = {
      {"--timeline", "t.svg", small_sim({})},
      {"--buffers", "b.svg", small_sim({})},
      {"--timeline", "t.pdf", small_sim({"--figure", "340x255", "--dpi", "300"})},
      {"--buffers", "b.png", small_sim({"--figure", "340x255", "--dpi", "300"})},
      {"--trace", "t.json", small_sim({"--csv", at("c.csv")})},  // c.csv must stay old too
      {"--heatmap",
       "h.svg",
       {"sweep", "--batch", "1", "--kv-len", "512", "--param", "preload=0,1"}},
  };
  for (const Case& c : cases) {
    if (c.flag != "--trace" && !image_export_available()) continue;  // no GUI, no images
    const std::string target = at(c.file);
    put(target, "old");
    put(at("c.csv"), "old");
    auto args = c.args;
    args.push_back(c.flag);
    args.push_back(target);
    const pid_t pid = spawn(args, at("err"), limit_file_size);
    int status = 0;
    waitpid(pid, &status, 0);
    const std::string err = slurp(at("err"));
    SCOPED_TRACE(c.flag + " " + c.file);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2) << err;
    EXPECT_NE(err.find(c.flag), std::string::npos) << err;
    EXPECT_NE(err.find("File too large"), std::string::npos) << err;
    EXPECT_TRUE(one_line(err)) << err;
    EXPECT_TRUE(slurp(target) == "old");  // not EXPECT_EQ: a failure would print the image
    EXPECT_TRUE(slurp(at("c.csv")) == "old");
    EXPECT_EQ(temp_files(), 0);
  }
}

TEST_F(CliOutputs, SignalDuringATraceWriteLeavesNoTempFileAndTheOldTrace) {
  if (!fs::exists(amla_cli_binary())) GTEST_SKIP() << "no amla-cli beside the test";
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    const std::string target = at("t.json");
    put(target, "old");
    // Big enough that the trace write takes a while.
    const pid_t pid =
        spawn({"simulate", "--batch", "64", "--kv-len", "8192", "--trace", target}, at("err"));
    // Wait until the temporary trace has data: the write is under way.
    bool writing = false;
    for (int i = 0; i < 6000 && !writing; ++i) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(dir_, ec)) {
        const std::string name = e.path().filename().string();
        const auto size = fs::file_size(e.path(), ec);
        if (name.find(".tmp") != std::string::npos && !ec && size > (1u << 20)) writing = true;
      }
      if (!writing) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_TRUE(writing) << "the trace write never started";
    kill(pid, sig);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig) << status;
    EXPECT_EQ(slurp(target), "old");
    EXPECT_EQ(temp_files(), 0);
  }
}

TEST_F(CliOutputs, FifoReaderLeavingIsAFailedWriteNotASilentDeath) {
  if (!fs::exists(amla_cli_binary())) GTEST_SKIP() << "no amla-cli beside the test";
  const std::string fifo = at("pipe");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  put(at("t.json"), "old");
  const pid_t pid = spawn(
      {"simulate", "--batch", "16", "--kv-len", "4096", "--csv", fifo, "--trace", at("t.json")},
      at("err"));
  {
    // Read a little, then go away.
    const int fd = open(fifo.c_str(), O_RDONLY);
    char buf[16];
    ASSERT_GT(read(fd, buf, sizeof buf), 0);
    close(fd);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  const std::string err = slurp(at("err"));
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 2) << err;
  EXPECT_NE(err.find("Broken pipe"), std::string::npos) << err;
  EXPECT_EQ(slurp(at("t.json")), "old");
  EXPECT_EQ(temp_files(), 0);
}

TEST_F(CliOutputs, KilledReportLeavesNoDirectoryBehind) {
  if (!fs::exists(amla_cli_binary())) GTEST_SKIP() << "no amla-cli beside the test";
  const std::string out = at("new/report");
  const pid_t pid = spawn({"report", "--rows", "64", "--kv-len", "16384", "--out", out}, at("err"));
  for (int i = 0; i < 3000 && temp_files() < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(temp_files(), 2) << "the outputs were never declared";
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
  EXPECT_FALSE(fs::exists(at("new"))) << "a directory the report created stays only with it";
  EXPECT_EQ(temp_files(), 0);
}

TEST_F(CliOutputs, UnknownImageTypeIsRefusedBeforeTheRun) {
  if (!image_export_available()) GTEST_SKIP() << "a build without the GUI draws no images";
  put(at("t.json"), "old");
  const auto r = run_cli(small_sim({"--trace", at("t.json"), "--timeline", at("t.gif")}));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--timeline"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(".png, .svg or .pdf"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(at("t.json")), "old");
  EXPECT_EQ(temp_files(), 0);
}

TEST_F(CliOutputs, StdoutRedirectedToAFileGetsTheOutputThenTheSummary) {
  if (!fs::exists(amla_cli_binary())) GTEST_SKIP() << "no amla-cli beside the test";
  const pid_t pid = spawn(small_sim({"--csv", "/dev/stdout"}), at("err"), nullptr, at("out.txt"));
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << slurp(at("err"));
  const std::string out = slurp(at("out.txt"));
  EXPECT_EQ(out.rfind("core,unit,pipe", 0), 0u) << out.substr(0, 200);  // not overwritten
  EXPECT_NE(out.find("makespan"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(lstat(at("out.txt").c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(temp_files(), 0);
}

TEST_F(CliOutputs, SweepCancelsOnSigterm) {
  if (!fs::exists(amla_cli_binary())) GTEST_SKIP() << "no amla-cli beside the test";
  const std::string csv = at("s.csv");
  put(csv, "old");
  // Nine cells of about a third of a second each, one at a time.
  const pid_t pid = spawn({"sweep", "--batch", "64", "--kv-len", "8192", "--jobs", "1", "--param",
                           "preload=0,1,2", "--param", "q-tokens=1,2,4", "--csv", csv},
                          at("err"));
  // The CSV's temporary file exists once the outputs are declared, just before the sweep.
  for (int i = 0; i < 3000 && temp_files() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  const std::string err = slurp(at("err"));
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 2) << err;
  EXPECT_NE(err.find("interrupted"), std::string::npos) << err;
  EXPECT_EQ(slurp(csv), "old");
  EXPECT_EQ(temp_files(), 0);
}

}  // namespace
}  // namespace amla::cli
