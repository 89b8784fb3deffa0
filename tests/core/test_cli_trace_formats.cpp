// simulate --trace in its three formats (issue 16, item 5): the extension picks the format,
// --trace-format forces one, the gzip file inflates to the JSON file of the same run, the
// Perfetto file parses; a failed write (a full disk, a file size limit) exits 2 naming --trace
// and leaves neither the file nor a temporary behind.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/sim/perfetto_trace.pb.h"
#include "tests/core/cli_runner.h"
#include "tests/core/gunzip.h"
#include "tests/core/scratch_dir.h"

namespace amla::cli {
namespace {

namespace fs = std::filesystem;
using amla::testing::slurp;
using testing::run_cli;

class CliTraceFormats : public amla::testing::ScratchDirTest {
 protected:
  CliTraceFormats() : ScratchDirTest("amla_trace_formats_") {}
  // Every file left in the scratch directory (outputs and temporaries).
  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename());
    return names;
  }
};

std::vector<std::string> small_sim(std::vector<std::string> extra) {
  std::vector<std::string> args = {
      "simulate", "--preset", "910C-die", "--batch",         "1", "--heads", "16", "--q-tokens",
      "1",        "--kv-len", "512",      "--rows-per-task", "16"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

using amla::testing::gunzip;

bool is_perfetto_trace(const std::string& bytes) {
  perfetto::protos::Trace trace;
  return trace.ParseFromString(bytes) && trace.packet_size() > 0 &&
         trace.packet(0).has_interned_data();
}

TEST_F(CliTraceFormats, TheExtensionPicksTheFormat) {
  const auto r = run_cli(small_sim({"--trace", at("t.json")}));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto gz = run_cli(small_sim({"--trace", at("t.json.gz")}));
  ASSERT_EQ(gz.code, 0) << gz.err;
  const auto pf = run_cli(small_sim({"--trace", at("t.perfetto-trace")}));
  ASSERT_EQ(pf.code, 0) << pf.err;
  const auto pft = run_cli(small_sim({"--trace", at("t.pftrace")}));
  ASSERT_EQ(pft.code, 0) << pft.err;
  const std::string json = slurp(at("t.json"));
  ASSERT_EQ(json.rfind("{\"traceEvents\":[", 0), 0u);
  EXPECT_TRUE(gunzip(slurp(at("t.json.gz"))) == json);  // the same run, the same bytes
  EXPECT_TRUE(is_perfetto_trace(slurp(at("t.perfetto-trace"))));
  EXPECT_TRUE(slurp(at("t.pftrace")) == slurp(at("t.perfetto-trace")));  // deterministic
  EXPECT_LT(slurp(at("t.perfetto-trace")).size() * 2, json.size());
}

TEST_F(CliTraceFormats, TraceFormatOverridesTheExtension) {
  const auto r = run_cli(small_sim({"--trace", at("a.out"), "--trace-format", "perfetto"}));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(is_perfetto_trace(slurp(at("a.out"))));
  const auto gz = run_cli(small_sim({"--trace", at("b.json"), "--trace-format", "chrome-gz"}));
  ASSERT_EQ(gz.code, 0) << gz.err;
  EXPECT_EQ(slurp(at("b.json")).substr(0, 2), "\x1f\x8b");
  const auto plain = run_cli(small_sim({"--trace", at("c.json.gz"), "--trace-format", "chrome"}));
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_EQ(slurp(at("c.json.gz")).rfind("{\"traceEvents\":[", 0), 0u);
  // No extension, no flag: Chrome JSON, as --trace always wrote.
  ASSERT_EQ(run_cli(small_sim({"--trace", at("d")})).code, 0);
  EXPECT_EQ(slurp(at("d")).rfind("{\"traceEvents\":[", 0), 0u);
}

TEST_F(CliTraceFormats, BadFormatRequestsAreRefusedBeforeTheRun) {
  const auto unknown = run_cli(small_sim({"--trace", at("t"), "--trace-format", "ctf"}));
  EXPECT_EQ(unknown.code, 2);
  EXPECT_EQ(unknown.err,
            "amla-cli: --trace-format: ctf (one of auto, chrome, chrome-gz, perfetto, insight)\n");
  const auto alone = run_cli(small_sim({"--trace-format", "perfetto"}));
  EXPECT_EQ(alone.code, 2);
  EXPECT_EQ(alone.err, "amla-cli: --trace-format: perfetto (needs --trace FILE)\n");
  EXPECT_TRUE(files().empty());
  EXPECT_EQ(run_cli(small_sim({"--trace-format", "auto"})).code, 0);  // the default: harmless
}

TEST_F(CliTraceFormats, AFullDeviceIsAWriteErrorInEveryFormat) {
  for (const char* format : {"chrome-gz", "perfetto"}) {
    const auto r = run_cli(small_sim({"--trace", "/dev/full", "--trace-format", format}));
    EXPECT_EQ(r.code, 2) << format;
    EXPECT_NE(r.err.find("--trace"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
  }
}

// A regular file that cannot grow past 4 KiB (RLIMIT_FSIZE, in a child so the limit stays
// there): the write fails part-way, the command exits 2, and nothing is left behind.
TEST_F(CliTraceFormats, AFileSizeLimitLeavesNoFileAndExitsTwo) {
  for (const char* name : {"t.json.gz", "t.perfetto-trace"}) {
    const std::string target = at(name);
    const std::string err_path = (dir_.parent_path() / (dir_.filename().string() + ".err"));
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      signal(SIGXFSZ, SIG_IGN);        // a write past the limit fails with EFBIG instead of killing
      rlimit limit{4 << 10, 4 << 10};  // below both files of this run (gzip: ~7.7 KiB)
      setrlimit(RLIMIT_FSIZE, &limit);
      const auto r = run_cli(small_sim({"--trace", target}));
      FILE* f = fopen(err_path.c_str(), "w");
      if (f) {
        fputs(r.err.c_str(), f);
        fclose(f);
      }
      _exit(r.code);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    const std::string err = slurp(err_path);
    fs::remove(err_path);
    SCOPED_TRACE(name);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2) << err;
    EXPECT_NE(err.find("--trace"), std::string::npos) << err;
    EXPECT_NE(err.find("File too large"), std::string::npos) << err;
    EXPECT_TRUE(files().empty()) << "left: " << (files().empty() ? "" : files().front());
  }
}

}  // namespace
}  // namespace amla::cli
