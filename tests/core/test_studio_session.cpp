#include "core/session/studio_session.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"

namespace amla {
namespace {

StudioSession sample() {
  StudioSession s;
  s.config.hardware = find_preset("910B3");
  s.config.kernel.problem.batch = 7;
  s.config.kernel.tiling.preload = 1;
  s.config.kernel.variant = KernelVariant::kBaseline;
  s.view.t0_cycles = 1234;
  s.view.t1_cycles = 98765;
  s.view.microseconds = false;
  s.view.buffers_core = 3;
  s.view.page = "Buffers";
  return s;
}

TEST(StudioSession, RoundTripsThroughAFile) {
  const auto dir = std::filesystem::temp_directory_path() / "amla_session_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "s.json").string();
  save_session_file(path, sample());
  const StudioSession back = load_session_file(path);
  EXPECT_EQ(run_config_to_json(back.config), run_config_to_json(sample().config));
  EXPECT_EQ(back.view.t0_cycles, 1234);
  EXPECT_EQ(back.view.t1_cycles, 98765);
  EXPECT_FALSE(back.view.microseconds);
  EXPECT_EQ(back.view.buffers_core, 3);
  EXPECT_EQ(back.view.page, "Buffers");
  std::filesystem::remove_all(dir);
}

TEST(StudioSession, BadSessionsNameTheKey) {
  const struct {
    const char* text;
    const char* field_part;
  } cases[] = {
      {R"({"config": {}})", "session"},
      {R"({"amla_studio_session": 2})", "session"},
      {R"({"amla_studio_session": 1, "extra": 1})", "session.extra"},
      {R"({"amla_studio_session": 1, "view": {"t0_cycles": "x"}})", "view.t0_cycles"},
      {R"({"amla_studio_session": 1, "view": {"t0_cycles": -5}})", "view.t0_cycles"},
      {R"({"amla_studio_session": 1, "view": {"buffers_core": 1.5}})", "view.buffers_core"},
      {R"({"amla_studio_session": 1, "view": {"zoom": 1}})", "view.zoom"},
      {R"({"amla_studio_session": 1, "config": {"tiling": {"preload": 9}}})", "preload"},
      {R"([1, 2, 3])", "session"},
  };
  for (const auto& c : cases) {
    try {
      session_from_json(nlohmann::json::parse(c.text));
      FAIL() << c.text;
    } catch (const InputError& e) {
      EXPECT_NE(e.field().find(c.field_part), std::string::npos) << c.text << " -> " << e.what();
    }
  }
}

TEST(StudioSession, TruncatedFileIsRefused) {
  const auto dir = std::filesystem::temp_directory_path() / "amla_session_bad";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "s.json").string();
  std::ofstream(path) << R"({"amla_studio_session": 1, "config": {"tiling": )";
  EXPECT_THROW(load_session_file(path), InputError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace amla
