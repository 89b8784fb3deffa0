#include "core/hw/hardware_presets.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/common/input_error.h"

namespace amla {
namespace {

namespace fs = std::filesystem;

// Every HardwareModel field, written out by hand so a field missing from the JSON table fails.
void expect_same_hardware(const HardwareModel& a, const HardwareModel& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.dies, b.dies);
  EXPECT_EQ(a.aic_per_die, b.aic_per_die);
  EXPECT_EQ(a.aiv_per_aic, b.aiv_per_aic);
  EXPECT_EQ(a.clock_ghz, b.clock_ghz);
  EXPECT_EQ(a.cube_flops_per_cycle, b.cube_flops_per_cycle);
  EXPECT_EQ(a.mmad_startup_cycles, b.mmad_startup_cycles);
  EXPECT_EQ(a.vector_bytes_per_repeat, b.vector_bytes_per_repeat);
  EXPECT_EQ(a.vector_cycles_tensor_tensor, b.vector_cycles_tensor_tensor);
  EXPECT_EQ(a.vector_cycles_tensor_scalar, b.vector_cycles_tensor_scalar);
  EXPECT_EQ(a.vector_cycles_divide, b.vector_cycles_divide);
  EXPECT_EQ(a.vector_reduce_cycles_per_element, b.vector_reduce_cycles_per_element);
  EXPECT_EQ(a.vector_startup_cycles, b.vector_startup_cycles);
  EXPECT_EQ(a.mte2_gm_to_l1_bytes_per_cycle, b.mte2_gm_to_l1_bytes_per_cycle);
  EXPECT_EQ(a.mte2_gm_to_ub_bytes_per_cycle, b.mte2_gm_to_ub_bytes_per_cycle);
  EXPECT_EQ(a.mte1_l1_to_l0a_bytes_per_cycle, b.mte1_l1_to_l0a_bytes_per_cycle);
  EXPECT_EQ(a.mte1_l1_to_l0b_bytes_per_cycle, b.mte1_l1_to_l0b_bytes_per_cycle);
  EXPECT_EQ(a.fixp_bytes_per_cycle, b.fixp_bytes_per_cycle);
  EXPECT_EQ(a.mte3_bytes_per_cycle, b.mte3_bytes_per_cycle);
  EXPECT_EQ(a.dma_half_efficiency_bytes, b.dma_half_efficiency_bytes);
  EXPECT_EQ(a.hbm_bandwidth_gb_per_s, b.hbm_bandwidth_gb_per_s);
  EXPECT_EQ(a.l2_bandwidth_gb_per_s, b.l2_bandwidth_gb_per_s);
  EXPECT_EQ(a.hbm_capacity_gb, b.hbm_capacity_gb);
  EXPECT_EQ(a.l2_capacity_mb, b.l2_capacity_mb);
  EXPECT_EQ(a.l2_hit_latency_cycles, b.l2_hit_latency_cycles);
  EXPECT_EQ(a.hbm_extra_latency_cycles, b.hbm_extra_latency_cycles);
  EXPECT_EQ(a.atomic_rmw_factor, b.atomic_rmw_factor);
  EXPECT_EQ(a.l1_bytes, b.l1_bytes);
  EXPECT_EQ(a.l0a_bytes, b.l0a_bytes);
  EXPECT_EQ(a.l0b_bytes, b.l0b_bytes);
  EXPECT_EQ(a.l0c_bytes, b.l0c_bytes);
  EXPECT_EQ(a.ub_bytes, b.ub_bytes);
  EXPECT_EQ(a.intra_core_flag_latency_cycles, b.intra_core_flag_latency_cycles);
  EXPECT_EQ(a.cross_core_flag_latency_cycles, b.cross_core_flag_latency_cycles);
  EXPECT_EQ(a.cross_core_flag_max_pending, b.cross_core_flag_max_pending);
  EXPECT_EQ(a.block_dispatch_cycles, b.block_dispatch_cycles);
  EXPECT_EQ(a.kernel_launch_us, b.kernel_launch_us);
}

// A model with every field moved off its default (and off round numbers).
HardwareModel unusual_hardware() {
  HardwareModel h;
  h.name = "lab \"board\" \xC3\xA9";
  h.description = "every field changed";
  h.dies = 3;
  h.aic_per_die = 17;
  h.aiv_per_aic = 2;  // the only ratio the kernel is written for
  h.clock_ghz = 1.234567890123;
  h.cube_flops_per_cycle = 4096;
  h.mmad_startup_cycles = 7.5;
  h.vector_bytes_per_repeat = 128;
  h.vector_cycles_tensor_tensor = 2.5;
  h.vector_cycles_tensor_scalar = 1.25;
  h.vector_cycles_divide = 5;
  h.vector_reduce_cycles_per_element = 0.1 + 0.2;  // not exactly representable
  h.vector_startup_cycles = 14;
  h.mte2_gm_to_l1_bytes_per_cycle = 77.7;
  h.mte2_gm_to_ub_bytes_per_cycle = 58.8;
  h.mte1_l1_to_l0a_bytes_per_cycle = 512;
  h.mte1_l1_to_l0b_bytes_per_cycle = 64;
  h.fixp_bytes_per_cycle = 40.5;
  h.mte3_bytes_per_cycle = 100;
  h.dma_half_efficiency_bytes = 1000;
  h.hbm_bandwidth_gb_per_s = 1234.5;
  h.l2_bandwidth_gb_per_s = 6000;
  h.hbm_capacity_gb = 48;
  h.l2_capacity_mb = 100;
  h.l2_hit_latency_cycles = 60;
  h.hbm_extra_latency_cycles = 200;
  h.atomic_rmw_factor = 3;
  h.l1_bytes = 256 * 1024;
  h.l0a_bytes = 32 * 1024;
  h.l0b_bytes = 48 * 1024;
  h.l0c_bytes = 96 * 1024;
  h.ub_bytes = 160 * 1024;
  h.intra_core_flag_latency_cycles = 20;
  h.cross_core_flag_latency_cycles = 800;
  h.cross_core_flag_max_pending = 16;
  h.block_dispatch_cycles = 2000;
  h.kernel_launch_us = 12.5;
  return h;
}

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("amla_hw_test_" + name)).string();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(HardwarePresets, NamesAreTheSixShippedPresets) {
  const std::vector<std::string> expected = {"910B1", "910B2",    "910B3",
                                             "910B4", "910C-die", "910C-package"};
  EXPECT_EQ(preset_names(), expected);
}

struct SpecRow {
  const char* name;
  int dies;
  int aic;  // total
  double clock_ghz;
  double hbm_gb_per_die;
  double l2_mb_per_die;
};

TEST(HardwarePresets, MatchTheSpecTable) {
  const SpecRow rows[] = {
      {"910B1", 1, 24, 1.85, 64, 192},   {"910B2", 1, 24, 1.8, 64, 192},
      {"910B3", 1, 20, 1.8, 64, 192},    {"910B4", 1, 20, 1.5, 32, 96},
      {"910C-die", 1, 24, 1.8, 64, 192}, {"910C-package", 2, 48, 1.8, 64, 192},
  };
  for (const SpecRow& r : rows) {
    SCOPED_TRACE(r.name);
    const HardwareModel hw = find_preset(r.name);
    EXPECT_EQ(hw.name, r.name);
    EXPECT_FALSE(hw.description.empty());
    EXPECT_EQ(hw.dies, r.dies);
    EXPECT_EQ(hw.total_aic(), r.aic);
    EXPECT_EQ(hw.aiv_per_aic, 2);
    EXPECT_DOUBLE_EQ(hw.clock_ghz, r.clock_ghz);
    EXPECT_DOUBLE_EQ(hw.hbm_capacity_gb, r.hbm_gb_per_die);
    EXPECT_DOUBLE_EQ(hw.l2_capacity_mb, r.l2_mb_per_die);
    EXPECT_DOUBLE_EQ(hw.hbm_bandwidth_gb_per_s, 1600);  // per die, 910B and 910C alike
    EXPECT_DOUBLE_EQ(hw.cube_flops_per_cycle, 8192);
  }
}

TEST(HardwarePresets, PeakNumbersFromTheSpec) {
  const HardwareModel pkg = find_preset("910C-package");
  EXPECT_EQ(pkg.total_aic(), 48);
  EXPECT_NEAR(pkg.cube_peak_tflops(), 707.8, 0.1);  // AMLA's 614 TFLOPS = 86.8% of this
  EXPECT_DOUBLE_EQ(pkg.hbm_total_gb_per_s(), 3200);
  EXPECT_NEAR(find_preset("910C-die").cube_peak_tflops(), 353.9, 0.1);
  const HardwareModel die = find_preset("910C-die");
  EXPECT_NEAR(die.cube_flops_per_cycle * die.clock_ghz / 1e3, 14.75, 0.01);  // TFLOPS per AIC
  EXPECT_DOUBLE_EQ(find_preset("910B4").clock_ghz, 1.5);
}

TEST(HardwarePresets, KeepTheModelDefaultsForSharedParameters) {
  // 910B2 is the reference machine the HardwareModel defaults describe.
  HardwareModel b2 = find_preset("910B2");
  b2.name.clear();
  b2.description.clear();
  expect_same_hardware(b2, HardwareModel{});
  // Buffers, movers and the flag latency are the same on every preset.
  for (const std::string& name : preset_names()) {
    SCOPED_TRACE(name);
    const HardwareModel hw = find_preset(name);
    const HardwareModel d;
    EXPECT_EQ(hw.l1_bytes, d.l1_bytes);
    EXPECT_EQ(hw.ub_bytes, d.ub_bytes);
    EXPECT_EQ(hw.mte2_gm_to_l1_bytes_per_cycle, d.mte2_gm_to_l1_bytes_per_cycle);
    EXPECT_EQ(hw.cross_core_flag_latency_cycles, 1000);
  }
}

TEST(HardwarePresets, FilesListEveryParameterWithUnitAndTaggedSource) {
  const auto& info = hardware_parameter_info();
  ASSERT_EQ(info.size(), 37u);  // one per numeric HardwareModel field
  for (const auto& [name, text] : embedded_presets()) {
    SCOPED_TRACE(name);
    const nlohmann::json j = nlohmann::json::parse(text);
    EXPECT_EQ(j.at("name"), name);
    const auto& params = j.at("parameters");
    EXPECT_EQ(params.size(), info.size());
    for (const ParameterInfo& p : info) {
      SCOPED_TRACE(p.key);
      ASSERT_TRUE(params.contains(p.key));
      EXPECT_EQ(params[p.key].at("unit"), p.unit);
      const std::string source = params[p.key].at("source");
      EXPECT_EQ(source.front(), '[');
      EXPECT_NE(source.find_first_of("OHTDE"), std::string::npos);
    }
  }
  for (const ParameterInfo& p : info) {
    EXPECT_FALSE(p.unit.empty()) << p.key;
    EXPECT_EQ(p.source.front(), '[') << p.key;
  }
}

TEST(HardwarePresets, EstimatesAreTaggedAsSuch) {
  const auto info = preset_parameter_info("910C-package");
  for (const char* key : {"l2_hit_latency_cycles", "hbm_extra_latency_cycles", "atomic_rmw_factor",
                          "cross_core_flag_latency_cycles", "dma_half_efficiency_bytes"}) {
    bool found = false;
    for (const ParameterInfo& p : info) {
      if (p.key == key) {
        found = true;
        EXPECT_NE(p.source.find("[E]"), std::string::npos) << key;
      }
    }
    EXPECT_TRUE(found) << key;
  }
}

TEST(HardwarePresets, PresetSourcesOverrideTheDefaults) {
  const auto info = preset_parameter_info("910B4");
  for (std::size_t i = 0; i < info.size(); ++i) {
    if (info[i].key == "hbm_capacity_gb") {
      EXPECT_EQ(info[i].source, "[T][H] 32 GB");
      EXPECT_NE(info[i].source, hardware_parameter_info()[i].source);
    }
  }
  const nlohmann::json shown = hardware_to_json(find_preset("910B4"), info);
  EXPECT_EQ(shown["parameters"]["hbm_capacity_gb"]["source"], "[T][H] 32 GB");
}

TEST(HardwarePresets, UnknownPresetNamesTheFlagAndTheChoices) {
  try {
    find_preset("910D");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--preset");
    EXPECT_EQ(e.value(), "910D");
    EXPECT_NE(e.limit().find("910B1"), std::string::npos);
    EXPECT_NE(e.limit().find("910C-package"), std::string::npos);
  }
}

TEST(HardwareJson, RoundTripKeepsEveryField) {
  const HardwareModel h = unusual_hardware();
  const nlohmann::json j = hardware_to_json(h);
  expect_same_hardware(hardware_from_json(j, "hw"), h);
  // Through text as well: doubles must survive printing.
  expect_same_hardware(hardware_from_json(nlohmann::json::parse(j.dump(2)), "hw"), h);
  for (const std::string& name : preset_names()) {
    SCOPED_TRACE(name);
    const HardwareModel p = find_preset(name);
    expect_same_hardware(hardware_from_json(hardware_to_json(p), "hw"), p);
  }
}

TEST(HardwareJson, PlainNumbersAndMissingKeys) {
  const HardwareModel h =
      hardware_from_json(nlohmann::json::parse(R"({"clock_ghz": 1.5, "parameters": {"dies": 2,
                               "ub_bytes": {"value": 131072}}})"),
                         "hw");
  EXPECT_DOUBLE_EQ(h.clock_ghz, 1.5);
  EXPECT_EQ(h.dies, 2);
  EXPECT_EQ(h.ub_bytes, 131072);
  EXPECT_EQ(h.aic_per_die, HardwareModel{}.aic_per_die);  // missing: default kept
  EXPECT_EQ(h.l1_bytes, HardwareModel{}.l1_bytes);

  HardwareModel base = find_preset("910B4");
  apply_hardware_json(nlohmann::json{{"clock_ghz", 1.2}}, "hw", base);
  EXPECT_DOUBLE_EQ(base.clock_ghz, 1.2);
  EXPECT_EQ(base.total_aic(), 20);  // the rest of the preset stays
  EXPECT_EQ(base.name, "910B4");
}

struct BadHardware {
  const char* json;
  const char* field;  // exact InputError field
  const char* value;  // part of the value
  const char* limit;  // part of the limit
};

TEST(HardwareJson, ValidationNamesKeyValueAndRange) {
  const BadHardware cases[] = {
      {R"({"clock_gz": 1.8})", "hw.clock_gz", "unknown key", "did you mean clock_ghz?"},
      {R"({"parameters": {"l1_byte": 1}})", "hw.parameters.l1_byte", "unknown key", "l1_bytes?"},
      {R"({"parameters": {"cores": 1}})", "hw.parameters.cores", "unknown key", "aic_per_die"},
      {R"({"clock_ghz": -1.5})", "hw.clock_ghz", "-1.5", "[0.1, 10] GHz"},
      {R"({"clock_ghz": 0})", "hw.clock_ghz", "0", "[0.1, 10]"},
      {R"({"aic_per_die": 0})", "hw.aic_per_die", "0", "integer in [1, 1024]"},
      {R"({"parameters": {"dies": {"value": 9}}})", "hw.parameters.dies", "9", "[1, 8]"},
      {R"({"dies": 1.5})", "hw.dies", "1.5", "integer"},
      {R"({"dies": true})", "hw.dies", "true", "integer"},
      {R"({"clock_ghz": "fast"})", "hw.clock_ghz", "fast", "number"},
      {R"({"clock_ghz": null})", "hw.clock_ghz", "null", "number"},
      {R"({"ub_bytes": 0})", "hw.ub_bytes", "0", "[1, "},
      {R"({"hbm_bandwidth_gb_per_s": -1600})", "hw.hbm_bandwidth_gb_per_s", "-1600", "GB/s"},
      {R"({"atomic_rmw_factor": 0.5})", "hw.atomic_rmw_factor", "0.5", "[1, 100]"},
      {R"({"l2_hit_latency_cycles": -1})", "hw.l2_hit_latency_cycles", "-1", "[0, "},
      {R"({"clock_ghz": {"value": 1800, "unit": "MHz"}})", "hw.clock_ghz.unit", "MHz", "GHz"},
      {R"({"clock_ghz": {"valeu": 1.8}})", "hw.clock_ghz.valeu", "unknown key", "mean value?"},
      {R"({"clock_ghz": {"unit": "GHz"}})", "hw.clock_ghz.value", "missing", "[0.1, 10]"},
      {R"({"clock_ghz": {"value": 1.8, "source": 3}})", "hw.clock_ghz.source", "3", "string"},
      {R"({"clock_ghz": 1.8, "parameters": {"clock_ghz": 1.5}})", "hw.parameters.clock_ghz",
       "given twice", "top level"},
      {R"({"name": 7})", "hw.name", "7", "string"},
      {R"({"parameters": [1, 2]})", "hw.parameters", "[1,2]", "object"},
      {R"([1, 2])", "hw", "[1,2]", "object"},
  };
  for (const BadHardware& c : cases) {
    SCOPED_TRACE(c.json);
    try {
      hardware_from_json(nlohmann::json::parse(c.json), "hw");
      ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), c.field);
      EXPECT_NE(e.value().find(c.value), std::string::npos) << e.value();
      EXPECT_NE(e.limit().find(c.limit), std::string::npos) << e.limit();
      EXPECT_NE(std::string(e.what()).find(c.field), std::string::npos);
    }
  }
}

TEST(HardwareFile, SaveAndLoadRoundTrip) {
  const std::string path = temp_path("roundtrip.json");
  HardwareModel h = find_preset("910C-package");
  h.name = "my 910C";
  h.clock_ghz = 1.65;
  save_hardware_file("--out", path, h);
  expect_same_hardware(load_hardware_file(path), h);
  fs::remove(path);
}

struct BadFile {
  const char* what;
  std::string text;  // empty: do not create the file
  const char* field;
  const char* limit;
};

std::string nested(int depth) {
  return "{\"dies\": " + std::string(static_cast<std::size_t>(depth - 1), '[') + "1" +
         std::string(static_cast<std::size_t>(depth - 1), ']') + "}";
}

TEST(HardwareFile, RefusesBadFiles) {
  const BadFile cases[] = {
      {"missing file", "", "--hw", "cannot open"},
      {"malformed", "{\"dies\": 2,, }", "--hw", "malformed JSON at byte 12"},
      {"truncated", "{\"dies\": 2", "--hw", "malformed JSON at byte"},
      {"empty", " ", "--hw", "malformed JSON"},
      {"too deep", nested(65), "--hw", "nested deeper than 64"},
      {"brackets in strings do not count",
       "{\"name\": \"" + std::string(100, '[') + "\", \"x\": 1}", "--hw x",
       "expected one of name, description, parameters, dies"},
      {"deep but allowed", nested(64), "--hw dies", "integer"},
      {"bad value", R"({"parameters": {"clock_ghz": -1}})", "--hw parameters.clock_ghz",
       "[0.1, 10]"},
  };
  for (const BadFile& c : cases) {
    SCOPED_TRACE(c.what);
    const std::string path = temp_path("bad.json");
    fs::remove(path);
    if (!c.text.empty()) write_text(path, c.text);
    try {
      load_hardware_file(path);
      ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), c.field);
      EXPECT_NE(e.limit().find(c.limit), std::string::npos) << e.limit();
      if (std::string(c.field) == "--hw") {
        EXPECT_EQ(e.value(), path);
      }
    }
    fs::remove(path);
  }
  const std::string dir = temp_path("dir");
  fs::create_directories(dir);
  EXPECT_THROW(load_hardware_file(dir), InputError);
  fs::remove(dir);
}

TEST(HardwareFile, JsonKeyPath) {
  EXPECT_EQ(json_key_path("", "a"), "a");
  EXPECT_EQ(json_key_path("hardware", "dies"), "hardware.dies");
  EXPECT_EQ(json_key_path("--hw", "dies"), "--hw dies");
  EXPECT_EQ(json_key_path(json_key_path("--config", "tiling"), "kv_block"),
            "--config tiling.kv_block");
}

}  // namespace
}  // namespace amla

namespace amla {
namespace {

// The kernel is written for one AIC and two AIVs: another ratio is refused with the range, never
// accepted and ignored (it used to be accepted in [1, 8] while the kernel kept using 2).
TEST(HardwarePresets, AivPerAicOtherThanTwoIsRefused) {
  for (const int aivs : {1, 4}) {
    try {
      hardware_from_json(nlohmann::json{{"aiv_per_aic", aivs}}, "hardware");
      ADD_FAILURE() << aivs << " accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "hardware.aiv_per_aic");
      EXPECT_NE(e.limit().find("[2, 2]"), std::string::npos) << e.limit();
    }
  }
  EXPECT_EQ(hardware_from_json(nlohmann::json{{"aiv_per_aic", 2}}, "hardware").aiv_per_aic, 2);
}

}  // namespace
}  // namespace amla
