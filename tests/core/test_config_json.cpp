#include "core/kernel/config_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"

namespace amla {
namespace {

namespace fs = std::filesystem;

// Every KernelConfig field by hand, so a field the JSON forgets fails the round trip.
void expect_same_kernel(const KernelConfig& a, const KernelConfig& b) {
  const Problem& p = a.problem;
  const Problem& q = b.problem;
  EXPECT_EQ(p.batch, q.batch);
  EXPECT_EQ(p.q_tokens, q.q_tokens);
  EXPECT_EQ(p.heads, q.heads);
  EXPECT_EQ(p.kv_lens, q.kv_lens);
  EXPECT_EQ(p.kv_len, q.kv_len);
  EXPECT_EQ(p.latent_dim, q.latent_dim);
  EXPECT_EQ(p.rope_dim, q.rope_dim);
  EXPECT_EQ(p.page_size, q.page_size);
  const Tiling& t = a.tiling;
  const Tiling& u = b.tiling;
  EXPECT_EQ(t.blocking.rows_per_task, u.blocking.rows_per_task);
  EXPECT_EQ(t.blocking.kv_block, u.blocking.kv_block);
  EXPECT_EQ(t.l1_k_split, u.l1_k_split);
  EXPECT_EQ(t.mm1_n_tile, u.mm1_n_tile);
  EXPECT_EQ(t.mm1_k_slice, u.mm1_k_slice);
  EXPECT_EQ(t.mm2_k_split, u.mm2_k_split);
  EXPECT_EQ(t.mm2_n_tile, u.mm2_n_tile);
  EXPECT_EQ(t.mm2_k_slice, u.mm2_k_slice);
  EXPECT_EQ(t.m_tile, u.m_tile);
  EXPECT_EQ(t.qp_buffers, u.qp_buffers);
  EXPECT_EQ(t.kv_buffers, u.kv_buffers);
  EXPECT_EQ(t.l0ab_buffers, u.l0ab_buffers);
  EXPECT_EQ(t.l0c_buffers, u.l0c_buffers);
  EXPECT_EQ(t.ub_chunk_bytes, u.ub_chunk_bytes);
  EXPECT_EQ(t.ub_input_buffers, u.ub_input_buffers);
  EXPECT_EQ(t.gm_slots, u.gm_slots);
  EXPECT_EQ(t.preload, u.preload);
  EXPECT_EQ(t.kv_split, u.kv_split);
  EXPECT_EQ(t.kv_splits, u.kv_splits);
  EXPECT_EQ(a.variant, b.variant);
}

// Hardware equality through its full JSON (test_hardware_presets checks that field by field).
void expect_same_hardware(const HardwareModel& a, const HardwareModel& b) {
  EXPECT_EQ(hardware_to_json(a), hardware_to_json(b));
}

RunConfig unusual_config() {
  RunConfig c;
  c.hardware = find_preset("910B3");
  c.hardware.clock_ghz = 1.7;
  Problem& p = c.kernel.problem;
  p.batch = 3;
  p.q_tokens = 4;
  p.heads = 16;
  p.kv_lens = {100, 7000, 65536};
  p.kv_len = 4096;
  p.latent_dim = 256;
  p.rope_dim = 32;
  p.page_size = 64;
  Tiling& t = c.kernel.tiling;
  t.blocking = {128, 256};
  t.l1_k_split = 192;
  t.mm1_n_tile = 64;
  t.mm1_k_slice = 64;
  t.mm2_k_split = 128;
  t.mm2_n_tile = 64;
  t.mm2_k_slice = 96;
  t.m_tile = 64;
  t.qp_buffers = 2;
  t.kv_buffers = 5;
  t.l0ab_buffers = 1;
  t.l0c_buffers = 3;
  t.ub_chunk_bytes = 16384;
  t.ub_input_buffers = 3;
  t.gm_slots = 4;
  t.preload = 1;
  t.kv_split = KvSplitPolicy::kFixed;
  t.kv_splits = 6;
  c.kernel.variant = KernelVariant::kBaseline;
  return c;
}

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("amla_cfg_test_" + name)).string();
}

TEST(RunConfigJson, EmptyObjectGivesTheDefaults) {
  const RunConfig c = run_config_from_json(nlohmann::json::object());
  expect_same_kernel(c.kernel, KernelConfig{});
  expect_same_hardware(c.hardware, HardwareModel{});
}

TEST(RunConfigJson, RoundTripKeepsEveryField) {
  const RunConfig c = unusual_config();
  const nlohmann::json j = run_config_to_json(c);
  EXPECT_FALSE(j.contains("preset"));  // the hardware is written in full
  const RunConfig back = run_config_from_json(nlohmann::json::parse(j.dump(2)));
  expect_same_kernel(back.kernel, c.kernel);
  expect_same_hardware(back.hardware, c.hardware);
  // The defaults round-trip too (empty kv_lens, amla, auto split).
  const RunConfig d;
  const RunConfig d_back = run_config_from_json(run_config_to_json(d));
  expect_same_kernel(d_back.kernel, d.kernel);
  expect_same_hardware(d_back.hardware, d.hardware);
}

TEST(RunConfigJson, PresetThenOverrides) {
  const RunConfig pkg = run_config_from_json({{"preset", "910C-package"}});
  EXPECT_EQ(pkg.hardware.total_aic(), 48);
  EXPECT_EQ(pkg.hardware.name, "910C-package");

  // Key order in the file does not matter: the preset is applied first.
  const RunConfig c = run_config_from_json(nlohmann::json::parse(
      R"({"hardware": {"clock_ghz": 1.2, "parameters": {"l2_capacity_mb": 64}},
          "preset": "910B4"})"));
  EXPECT_EQ(c.hardware.total_aic(), 20);
  EXPECT_DOUBLE_EQ(c.hardware.clock_ghz, 1.2);
  EXPECT_DOUBLE_EQ(c.hardware.l2_capacity_mb, 64);
  EXPECT_DOUBLE_EQ(c.hardware.hbm_capacity_gb, 32);
  EXPECT_EQ(c.hardware.name, "910B4 + overrides");

  const RunConfig named = run_config_from_json(
      {{"preset", "910B4"}, {"hardware", {{"name", "slow B4"}, {"clock_ghz", 1.0}}}});
  EXPECT_EQ(named.hardware.name, "slow B4");

  const RunConfig hw_only = run_config_from_json({{"hardware", {{"dies", 2}}}});
  EXPECT_EQ(hw_only.hardware.dies, 2);
  EXPECT_EQ(hw_only.hardware.aic_per_die, HardwareModel{}.aic_per_die);
}

TEST(RunConfigJson, PartialSectionsKeepDefaults) {
  const RunConfig c = run_config_from_json(nlohmann::json::parse(
      R"({"problem": {"kv_len": 4096}, "tiling": {"preload": 0, "kv_split": "none"},
          "variant": "baseline"})"));
  EXPECT_EQ(c.kernel.problem.kv_len, 4096);
  EXPECT_EQ(c.kernel.problem.batch, Problem{}.batch);
  EXPECT_EQ(c.kernel.tiling.preload, 0);
  EXPECT_EQ(c.kernel.tiling.kv_split, KvSplitPolicy::kNone);
  EXPECT_EQ(c.kernel.tiling.qp_buffers, Tiling{}.qp_buffers);
  EXPECT_EQ(c.kernel.variant, KernelVariant::kBaseline);
}

TEST(RunConfigJson, KvLensSetTheBatchWhenItIsMissing) {
  const RunConfig c = run_config_from_json({{"problem", {{"kv_lens", {10, 20, 30, 40}}}}});
  EXPECT_EQ(c.kernel.problem.batch, 4);
  EXPECT_EQ(c.kernel.problem.total_kv_tokens(), 100);
  const RunConfig ok = run_config_from_json({{"problem", {{"batch", 2}, {"kv_lens", {5, 6}}}}});
  EXPECT_EQ(ok.kernel.problem.kv_len_of(1), 6);
}

struct BadConfig {
  const char* json;
  const char* field;  // exact InputError field: the full key path
  const char* value;  // part of the value
  const char* limit;  // part of the limit
};

TEST(RunConfigJson, ValidationNamesTheFullKeyPath) {
  const BadConfig cases[] = {
      {R"({"tiling": {"qp_bufers": 4}})", "tiling.qp_bufers", "unknown key",
       "did you mean qp_buffers?"},
      {R"({"tiling": {"buffers": 4}})", "tiling.buffers", "unknown key", "expected one of"},
      {R"({"problem": {"hedas": 128}})", "problem.hedas", "unknown key", "did you mean heads?"},
      {R"({"presets": "910B2"})", "presets", "unknown key", "preset"},
      {R"({"preset": "910D"})", "preset", "910D", "910C-package"},
      {R"({"preset": 910})", "preset", "910", "string"},
      {R"({"variant": "fast"})", "variant", "fast", "amla, baseline"},
      {R"({"variant": 1})", "variant", "1", "one of amla, baseline"},
      {R"({"tiling": {"kv_split": "sometimes"}})", "tiling.kv_split", "sometimes",
       "none, auto, fixed"},
      {R"({"problem": {"batch": "128"}})", "problem.batch", "\"128\"", "integer"},
      {R"({"problem": {"batch": 1.5}})", "problem.batch", "1.5", "integer"},
      {R"({"problem": {"batch": 0}})", "problem.batch", "0", "[1, 65536]"},
      {R"({"problem": {"heads": -4}})", "problem.heads", "-4", "[1, "},
      {R"({"problem": {"kv_len": 18446744073709551615}})", "problem.kv_len", "18446744073709551615",
       "integer in [1, "},
      {R"({"problem": {"kv_lens": "long"}})", "problem.kv_lens", "long", "array"},
      {R"({"problem": {"kv_lens": [5, 0]}})", "problem.kv_lens[1]", "0", "[1, "},
      {R"({"problem": {"batch": 3, "kv_lens": [5, 6]}})", "problem.kv_lens", "2 entries",
       "batch 3"},
      {R"({"tiling": {"preload": 3}})", "tiling.preload", "3", "[0, 2]"},
      {R"({"tiling": {"rows_per_task": 0}})", "tiling.rows_per_task", "0", "[1, 4096]"},
      {R"({"tiling": {"kv_block": 100000}})", "tiling.kv_block", "100000",
       "multiple of 16 in [16, 65536]"},
      {R"({"tiling": []})", "tiling", "[]", "object"},
      {R"({"problem": null})", "problem", "null", "object"},
      {R"({"hardware": {"clock_ghz": -1}})", "hardware.clock_ghz", "-1", "[0.1, 10]"},
      {R"({"hardware": {"aic_per_die": 0}})", "hardware.aic_per_die", "0", "[1, 1024]"},
      {R"({"hardware": {"cores": 24}})", "hardware.cores", "unknown key", "clock_ghz"},
      {R"({"hardware": 5})", "hardware", "5", "object"},
      {R"([1])", "config", "[1]", "object"},
  };
  for (const BadConfig& c : cases) {
    SCOPED_TRACE(c.json);
    try {
      run_config_from_json(nlohmann::json::parse(c.json));
      ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), c.field);
      EXPECT_NE(e.value().find(c.value), std::string::npos) << e.value();
      EXPECT_NE(e.limit().find(c.limit), std::string::npos) << e.limit();
    }
  }
}

TEST(RunConfigFile, SaveLoadAndErrors) {
  const std::string path = temp_path("run.json");
  const RunConfig c = unusual_config();
  save_run_config_file("--save-config", path, c);
  const RunConfig back = load_run_config_file(path);
  expect_same_kernel(back.kernel, c.kernel);
  expect_same_hardware(back.hardware, c.hardware);

  const auto error_of = [&](const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    try {
      load_run_config_file(path);
    } catch (const InputError& e) {
      return e;
    }
    return InputError("(none)", "", "");
  };
  const InputError malformed = error_of("{\"tiling\": {\"preload\": }}");
  EXPECT_EQ(malformed.field(), "--config");
  EXPECT_EQ(malformed.value(), path);
  EXPECT_NE(malformed.limit().find("malformed JSON at byte"), std::string::npos);

  const InputError deep = error_of(std::string(200, '[') + std::string(200, ']'));
  EXPECT_EQ(deep.field(), "--config");
  EXPECT_NE(deep.limit().find("nested deeper than 64"), std::string::npos);

  const InputError typo = error_of(R"({"tiling": {"qp_bufers": 4}})");
  EXPECT_EQ(typo.field(), "--config tiling.qp_bufers");

  const InputError empty = error_of("");
  EXPECT_EQ(empty.field(), "--config");
  EXPECT_NE(empty.limit().find("malformed JSON"), std::string::npos);

  fs::remove(path);
  try {
    load_run_config_file(path);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--config");
    EXPECT_NE(e.limit().find("cannot open"), std::string::npos);
  }
}

TEST(VariantNames, ParseWhatTheyPrint) {
  for (const KernelVariant v : {KernelVariant::kAmla, KernelVariant::kBaseline}) {
    EXPECT_EQ(parse_variant("v", variant_name(v)), v);
  }
  for (const KvSplitPolicy p :
       {KvSplitPolicy::kNone, KvSplitPolicy::kAuto, KvSplitPolicy::kFixed}) {
    EXPECT_EQ(parse_kv_split("k", kv_split_name(p)), p);
  }
  EXPECT_STREQ(variant_name(KernelVariant::kAmla), "amla");
  EXPECT_STREQ(kv_split_name(KvSplitPolicy::kAuto), "auto");
  EXPECT_THROW(parse_variant("--variant", "AMLA"), InputError);
}

TEST(ProblemCounts, FlopsMatchTheSpec) {
  // One task of the spec: 256 rows x 512 tokens = MM1 150,994,944 + MM2 134,217,728 FLOP.
  Problem task;
  task.batch = 1;
  task.heads = 128;
  task.q_tokens = 2;
  task.kv_len = 512;
  EXPECT_EQ(task.total_kv_tokens(), 512);
  EXPECT_DOUBLE_EQ(task.total_flops(), 150994944.0 + 134217728.0);

  const Problem d;  // 128 x 128 heads x 2 tokens x 16384
  EXPECT_EQ(d.total_kv_tokens(), 128LL * 16384);
  EXPECT_DOUBLE_EQ(d.total_flops(), 2.0 * 256 * 128 * 16384 * 1088);

  Problem v;
  v.batch = 3;
  v.kv_lens = {1, 10, 100};
  EXPECT_EQ(v.total_kv_tokens(), 111);
  EXPECT_DOUBLE_EQ(v.total_flops(), 2.0 * 256 * 111 * 1088);
  v.kv_lens = {1, 2};  // disagrees with batch: refused, not read out of bounds
  EXPECT_THROW(v.total_kv_tokens(), InputError);
}

TEST(KvLengths, DeterministicBoundedAndRoughlyNormal) {
  const std::vector<int> a = draw_kv_lengths(4096, 4096, 7);
  EXPECT_EQ(a, draw_kv_lengths(4096, 4096, 7));
  EXPECT_NE(a, draw_kv_lengths(4096, 4096, 8));
  ASSERT_EQ(a.size(), 4096u);
  for (const int s : a) {
    ASSERT_GE(s, 1);
    ASSERT_LE(s, 2 * 4096);
  }
  const double mean = std::accumulate(a.begin(), a.end(), 0.0) / 4096;
  EXPECT_NEAR(mean, 4096, 0.03 * 4096);
  double var = 0;
  for (const int s : a) var += (s - mean) * (s - mean);
  const double sd = std::sqrt(var / 4096);
  // Normal(mean, mean/2) clamped at +-2 sigma has a standard deviation near 0.47 * mean.
  EXPECT_GT(sd, 0.40 * 4096);
  EXPECT_LT(sd, 0.52 * 4096);
  // Some draws hit the clamps (about 2.3% each side).
  EXPECT_GT(std::count(a.begin(), a.end(), 2 * 4096), 20);

  // A prefix of a longer draw is the shorter draw: lengths depend only on (seed, index).
  const std::vector<int> b = draw_kv_lengths(5, 1000, 3);
  const std::vector<int> c = draw_kv_lengths(9, 1000, 3);
  EXPECT_TRUE(std::equal(b.begin(), b.end(), c.begin()));

  for (const int s : draw_kv_lengths(100, 1, 1)) EXPECT_TRUE(s == 1 || s == 2);
  EXPECT_THROW(draw_kv_lengths(0, 100, 1), InputError);
  EXPECT_THROW(draw_kv_lengths(4, 0, 1), InputError);
}

}  // namespace
}  // namespace amla
