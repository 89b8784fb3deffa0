// amla-studio --lesson ID [--step K]: a bad id or step exits 2 with a message naming the value
// and the limit, before the window system is asked for (no display in these tests).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include <string>
#include <vector>

#include "scratch_dir.h"

namespace {

struct StudioResult {
  int code = -1;
  std::string err;
};

#ifdef AMLA_STUDIO_PATH
// Runs amla-studio with no display at all: reaching the window system would fail differently.
StudioResult run_studio(const std::vector<std::string>& args, const std::string& err_file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::vector<std::string> all = {AMLA_STUDIO_PATH};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string platform = "QT_QPA_PLATFORM=xcb";
  std::string runtime = "XDG_RUNTIME_DIR=/tmp";
  char* env[] = {platform.data(), runtime.data(), nullptr};
  pid_t pid = -1;
  StudioResult r;
  if (posix_spawn(&pid, AMLA_STUDIO_PATH, &actions, nullptr, argv.data(), env) == 0) {
    int status = 0;
    if (waitpid(pid, &status, 0) == pid && WIFEXITED(status)) r.code = WEXITSTATUS(status);
  }
  posix_spawn_file_actions_destroy(&actions);
  r.err = amla::testing::slurp(err_file);
  return r;
}
#endif

class StudioLessonFlags : public amla::testing::ScratchDirTest {
 protected:
  StudioLessonFlags() : ScratchDirTest("amla_studio_flags_") {}
};

TEST_F(StudioLessonFlags, BadLessonOrStepExitsTwoNamingTheValueAndTheLimit) {
#ifndef AMLA_STUDIO_PATH
  GTEST_SKIP() << "amla-studio is not built (AMLA_BUILD_GUI=OFF)";
#else
  const std::string err = at("err.txt");
  const struct {
    std::vector<std::string> args;
    std::vector<std::string> says;
  } cases[] = {
      {{"--lesson", "no-such-lesson"}, {"--lesson", "no-such-lesson", "bit-identity"}},
      {{"--lesson", "bit-identity", "--step", "9"}, {"--step", "9", "1 to 3"}},
      {{"--lesson", "bit-identity", "--step", "0"}, {"--step", "0", "1 to 3"}},
      {{"--lesson", "bit-identity", "--step", "two"}, {"--step", "two", "1 to 3"}},
      {{"--step", "2"}, {"--step", "2", "only with --lesson"}},
  };
  for (const auto& c : cases) {
    const StudioResult r = run_studio(c.args, err);
    EXPECT_EQ(r.code, 2) << c.args.back() << ": " << r.err;
    for (const std::string& word : c.says) {
      EXPECT_NE(r.err.find(word), std::string::npos) << word << " not in: " << r.err;
    }
  }
#endif
}

}  // namespace
