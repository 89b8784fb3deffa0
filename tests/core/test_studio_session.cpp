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
      {R"({"amla_studio_session": 3})", "session"},
      {R"({"amla_studio_session": 0})", "session"},
      {R"({"amla_studio_session": 1, "lesson": {"id": "x"}})", "session.lesson"},
      {R"({"amla_studio_session": 2, "lesson": {"id": "x", "step": 0}})", "lesson.step"},
      {R"({"amla_studio_session": 2, "lesson": {"step": 2}})", "lesson.id"},
      {R"({"amla_studio_session": 2, "sweep": {"jobs": 0}})", "sweep.jobs"},
      {R"({"amla_studio_session": 2, "sweep": {"parameters": []}})", "sweep.parameters"},
      {R"({"amla_studio_session": 2, "numerics": {"row": 128}})", "numerics.row"},
      {R"({"amla_studio_session": 2, "numerics": {"inputs": {"dist": "gauss"}}})",
       "numerics.inputs.dist"},
      {R"({"amla_studio_session": 2, "numerics": {"switches": {"clamp_value": 5}}})",
       "numerics.switches.clamp_value"},
      {R"({"amla_studio_session": 2, "numerics": {"bits": {"shift": 301}}})",
       "numerics.bits.shift"},
      {R"({"amla_studio_session": 2, "pinned_a": {"tiling": {"preload": 9}}})", "preload"},
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

TEST(StudioSession, KeepsNumericsSweepPinnedRunAndLessonPosition) {
  StudioSession s = sample();
  NumericsPageState n;
  n.inputs.distribution = InputDistribution::kPasaUniform;
  n.inputs.rows = 64;
  n.inputs.kv_len = 2048;
  n.inputs.seed = 77;
  n.inputs.mean = 12.5;
  n.switches.compensation = false;
  n.switches.clamp_value = -20;
  n.pasa.beta = 0.5;
  n.variants = {NumericsVariant::kAmla, NumericsVariant::kPasa};
  n.row = 63;
  n.bit_value = 0x80000000u;  // -0: a pattern a decimal round trip would lose
  n.bit_shift = -3;
  n.bit_compensation = 1234;
  s.numerics = n;
  s.sweep = SweepPageState{{{"rows-per-task", "64,128"}, {"preload", "0,1,2"}}, "tflops", 2};
  RunConfig a;
  a.hardware = find_preset("910B1");
  a.kernel.problem.kv_len = 1024;
  s.pinned_a = a;
  s.lesson = LessonPosition{"bit-identity", 3};

  const StudioSession back = session_from_json(nlohmann::json::parse(session_to_json(s).dump()));
  ASSERT_TRUE(back.numerics);
  EXPECT_EQ(back.numerics->inputs.distribution, InputDistribution::kPasaUniform);
  EXPECT_EQ(back.numerics->inputs.rows, 64);
  EXPECT_EQ(back.numerics->inputs.kv_len, 2048);
  EXPECT_EQ(back.numerics->inputs.seed, 77u);
  EXPECT_EQ(back.numerics->inputs.mean, 12.5);
  EXPECT_FALSE(back.numerics->switches.compensation);
  EXPECT_TRUE(back.numerics->switches.exponent_add);
  EXPECT_EQ(back.numerics->switches.clamp_value, -20);
  EXPECT_EQ(back.numerics->pasa.beta, 0.5);
  EXPECT_EQ(back.numerics->variants, n.variants);
  EXPECT_EQ(back.numerics->row, 63);
  EXPECT_EQ(back.numerics->bit_value, 0x80000000u);
  EXPECT_EQ(back.numerics->bit_shift, -3);
  EXPECT_EQ(back.numerics->bit_compensation, 1234);
  ASSERT_TRUE(back.sweep);
  ASSERT_EQ(back.sweep->parameters.size(), 2u);
  EXPECT_EQ(back.sweep->parameters[1].knob, "preload");
  EXPECT_EQ(back.sweep->parameters[1].values, "0,1,2");
  EXPECT_EQ(back.sweep->metric, "tflops");
  EXPECT_EQ(back.sweep->jobs, 2);
  ASSERT_TRUE(back.pinned_a);
  EXPECT_EQ(run_config_to_json(*back.pinned_a), run_config_to_json(a));
  ASSERT_TRUE(back.lesson);
  EXPECT_EQ(back.lesson->id, "bit-identity");
  EXPECT_EQ(back.lesson->step, 3);
  EXPECT_EQ(session_to_json(back), session_to_json(s));
}

TEST(StudioSession, VersionOneFilesStillLoad) {
  const nlohmann::json old = {{"amla_studio_session", 1},
                              {"config", run_config_to_json(sample().config)},
                              {"view", {{"page", "Summary"}, {"buffers_core", 2}}}};
  const StudioSession s = session_from_json(old);
  EXPECT_EQ(run_config_to_json(s.config), run_config_to_json(sample().config));
  EXPECT_EQ(s.view.page, "Summary");
  EXPECT_EQ(s.view.buffers_core, 2);
  EXPECT_FALSE(s.numerics);
  EXPECT_FALSE(s.sweep);
  EXPECT_FALSE(s.pinned_a);
  EXPECT_FALSE(s.lesson);
  // Saved again, it is the current version.
  EXPECT_EQ(session_to_json(s).at("amla_studio_session"), kSessionFormatVersion);
}

TEST(StudioSession, DefaultRunIsThePapersCalibrationShape) {
  const RunConfig c = studio_default_config();
  EXPECT_EQ(c.hardware.name, "910C-package");
  EXPECT_EQ(c.kernel.problem.batch, 128);
  EXPECT_EQ(c.kernel.problem.q_tokens, 2);
  EXPECT_EQ(c.kernel.problem.heads, 128);
  EXPECT_EQ(c.kernel.problem.kv_len, 16384);
  EXPECT_EQ(c.kernel.tiling.preload, 2);
  EXPECT_EQ(c.kernel.variant, KernelVariant::kAmla);
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
