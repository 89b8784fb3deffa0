// amla-cli simulate --timeline/--buffers with the figure flags (issue 12): the printed size and
// DPI set the pixels, and every refusal exits 2 naming the flag, the value and the limit.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "app/cli/image_export.h"
#include "tests/core/cli_runner.h"
#include "tests/core/scratch_dir.h"

namespace amla::cli {
namespace {

using testing::run_cli;

std::vector<std::string> small_sim(std::vector<std::string> extra) {
  std::vector<std::string> args = {"simulate", "--preset", "910B2", "--batch",
                                   "1",        "--kv-len", "2048"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::string slurp_head(const std::string& path, std::size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes(n, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(n));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

std::uint32_t be32(const std::string& bytes, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
}

class CliFigure : public amla::testing::ScratchDirTest {
 protected:
  CliFigure() : ScratchDirTest("amla_cli_figure_") {}
};

TEST_F(CliFigure, PngPixelsAreMillimetresTimesDpi) {
  if (!image_export_available()) GTEST_SKIP() << "built without the GUI";
  struct Case {
    std::vector<std::string> flags;
    std::uint32_t width, height;
  };
  const std::vector<Case> cases = {
      {{"--figure", "120x80mm", "--dpi", "254"}, 1200, 800},
      {{"--figure", "slide", "--dpi", "100"}, 1333, 750},  // 338.7 x 190.5 mm
      {{"--figure", "254x152.4", "--dpi", "150"}, 1500, 900},
  };
  for (const Case& c : cases) {
    std::vector<std::string> extra = {"--timeline", at("t.png"), "--buffers", at("b.png"),
                                      "--cores",    "0-1",       "--units",   "aic,aiv0"};
    extra.insert(extra.end(), c.flags.begin(), c.flags.end());
    const auto r = run_cli(small_sim(extra));
    ASSERT_EQ(r.code, 0) << r.err;
    for (const std::string& file : {at("t.png"), at("b.png")}) {
      const std::string head = slurp_head(file, 24);
      ASSERT_EQ(head.substr(1, 3), "PNG") << file;
      EXPECT_EQ(be32(head, 16), c.width) << c.flags[1];
      EXPECT_EQ(be32(head, 20), c.height) << c.flags[1];
    }
  }
  // A column is 88.9 mm wide; the timeline takes the height its 18 lanes need (more than the
  // preset's 60 mm), the buffers figure what its strips need (at least 60 mm).
  const auto r =
      run_cli(small_sim({"--timeline", at("t.png"), "--buffers", at("b.png"), "--figure", "column",
                         "--dpi", "300", "--cores", "0-1", "--units", "aic,aiv0"}));
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string timeline = slurp_head(at("t.png"), 24), buffers = slurp_head(at("b.png"), 24);
  EXPECT_EQ(be32(timeline, 16), 1050u);
  EXPECT_GT(be32(timeline, 20), 709u);
  EXPECT_EQ(be32(buffers, 16), 1050u);
  EXPECT_GE(be32(buffers, 20), 709u);
}

TEST_F(CliFigure, RefusalsNameTheFlagAndExit2) {
  if (!image_export_available()) GTEST_SKIP() << "built without the GUI";
  struct Case {
    std::vector<std::string> extra;
    std::string flag;   // named in the message
    std::string limit;  // a piece of the limit the message quotes
  };
  const std::string png = at("t.png");
  const std::vector<Case> cases = {
      // Figure flags without an image to shape.
      {{"--figure", "column"}, "--figure", "needs --timeline/--buffers"},
      {{"--cores", "0-1"}, "--cores", "needs --timeline/--buffers"},
      {{"--no-legend"}, "--no-legend", "needs --timeline/--buffers"},
      {{"--range", "1:2"}, "--range", "needs --timeline/--buffers"},
      {{"--buffers", png, "--units", "aic"}, "--units", "needs --timeline"},
      {{"--buffers-core", "1"}, "--buffers-core", "needs --buffers"},
      // Bad values.
      {{"--timeline", png, "--figure", "poster"}, "--figure", "column, double, slide"},
      {{"--timeline", png, "--figure", "5x80"}, "--figure width", "[20, 1000]"},
      {{"--timeline", png, "--dpi", "5000"}, "--dpi", "1200"},
      {{"--timeline", png, "--font-pt", "2"}, "--font-pt", "[4, 36]"},
      {{"--timeline", png, "--units", "aic,gpu"}, "--units", "aic, aiv0, aiv1"},
      {{"--timeline", png, "--pipes", "warp"}, "--pipes", "mte2"},
      {{"--timeline", png, "--cores", "3-1"}, "--cores", "goes up"},
      {{"--timeline", png, "--legend", "left"}, "--legend", "top, bottom, right, none"},
      {{"--timeline", png, "--legend", "right", "--no-legend"}, "--no-legend", "--legend right"},
      {{"--legend", "top"}, "--legend", "needs --timeline/--buffers"},
      // Against the run: a core it lacks, a range past its end.
      {{"--timeline", png, "--cores", "0,4000"}, "--cores", "the run has cores 0-"},
      {{"--timeline", png, "--range", "1:100000"}, "--range", "the run lasts 0:"},
      {{"--buffers", png, "--buffers-core", "4000"}, "--buffers-core", "the run has cores 0-"},
      {{"--buffers", png, "--show-buffers", "l1,hbm"}, "--show-buffers", "core 0 has L1, L0A"},
      {{"--show-buffers", "l1"}, "--show-buffers", "needs --buffers"},
  };
  for (const Case& c : cases) {
    const auto r = run_cli(small_sim(c.extra));
    EXPECT_EQ(r.code, 2) << c.flag << ": " << r.err;
    EXPECT_NE(r.err.find(c.flag), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.limit), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(png)) << c.flag;
  }
}

// --legend places the timeline's legend; --no-legend is --legend none. Each position writes a
// different image, and --no-legend the same bytes as --legend none.
TEST_F(CliFigure, LegendTakesAPosition) {
  if (!image_export_available()) GTEST_SKIP() << "built without the GUI";
  std::vector<std::string> images;
  for (const char* position : {"top", "bottom", "right", "none"}) {
    const std::string svg = at(std::string("legend-") + position + ".svg");
    const auto r = run_cli(
        small_sim({"--timeline", svg, "--figure", "column", "--cores", "0", "--legend", position}));
    ASSERT_EQ(r.code, 0) << position << ": " << r.err;
    images.push_back(slurp_head(svg, 1 << 22));
  }
  for (std::size_t i = 0; i < images.size(); ++i) {
    for (std::size_t j = i + 1; j < images.size(); ++j) EXPECT_NE(images[i], images[j]) << i << j;
  }
  const auto r = run_cli(small_sim(
      {"--timeline", at("no-legend.svg"), "--figure", "column", "--cores", "0", "--no-legend"}));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(slurp_head(at("no-legend.svg"), 1 << 22), images[3]);
}

TEST_F(CliFigure, HelpListsTheFigureFlags) {
  const auto r = run_cli({"help", "simulate"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* flag : {"--figure", "--dpi", "--font-pt", "--cores", "--units", "--pipes",
                           "--range", "--legend", "--no-legend", "--no-title"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
  EXPECT_EQ(r.out.find("--width"), std::string::npos);
}

}  // namespace
}  // namespace amla::cli
