// The parameter schema is the one definition of every kernel parameter: this walks it and checks
// that each front end accepts and refuses exactly the values the schema allows, at the edges of
// every range and off every step: a configuration file (JSON), amla-cli flags, and sweep values.
// The studio's fields are checked against the same table in tests/ui/test_config_panel.cpp.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/common/input_error.h"
#include "core/kernel/config_json.h"
#include "core/kernel/kernel_params.h"
#include "core/sweep/knobs.h"
#include "tests/core/cli_runner.h"

namespace amla {
namespace {

struct Probe {
  std::string text;  // the value as a user types it
  bool allowed;      // what the schema says
};

std::vector<Probe> probes_of(const ParamDef& p) {
  std::vector<Probe> probes;
  if (p.type == ParamType::kChoice) {
    for (const auto name : p.choices) probes.push_back({std::string(name), true});
    probes.push_back({"no-such-choice", false});
    return probes;
  }
  probes.push_back({std::to_string(p.min), true});
  probes.push_back({std::to_string(p.max), true});
  probes.push_back({std::to_string(p.min - 1), false});
  probes.push_back({std::to_string(p.max + 1), false});
  if (p.multiple_of > 1) probes.push_back({std::to_string(p.min + 1), false});
  return probes;
}

bool json_accepts(const ParamDef& p, const Probe& probe) {
  nlohmann::json value = p.type == ParamType::kChoice ? nlohmann::json(probe.text)
                                                      : nlohmann::json(std::stoll(probe.text));
  nlohmann::json j = nlohmann::json::object();
  if (p.json_section().empty()) {
    j[std::string(p.json_key())] = value;
  } else {
    j[std::string(p.json_section())][std::string(p.json_key())] = value;
  }
  try {
    const RunConfig c = run_config_from_json(j);
    // What is read is what was written.
    EXPECT_EQ(format_param_value(p, p.get(c.kernel)), probe.text) << p.id;
    return true;
  } catch (const InputError& e) {
    EXPECT_NE(e.field().find(std::string(p.json_key())), std::string::npos) << e.what();
    return false;
  }
}

bool cli_accepts(const ParamDef& p, const Probe& probe) {
  const auto r =
      cli::testing::run_cli({"simulate", "--" + std::string(p.flag), probe.text, "--dump-config"});
  if (r.code == 0) {
    const auto j = nlohmann::json::parse(r.out);
    const nlohmann::json& section = p.json_section().empty() ? j : j[std::string(p.json_section())];
    const nlohmann::json& v = section[std::string(p.json_key())];
    EXPECT_EQ(v.is_string() ? v.get<std::string>() : std::to_string(v.get<long long>()), probe.text)
        << p.id;
    return true;
  }
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("--" + std::string(p.flag)), std::string::npos) << r.err;
  return false;
}

bool sweep_accepts(const ParamDef& p, const Probe& probe) {
  RunConfig c;
  try {
    apply_knob(c, std::string(p.flag), probe.text);
    return true;
  } catch (const InputError&) {
    return false;
  }
}

TEST(ParamSchema, EveryFrontEndAcceptsAndRefusesWhatTheSchemaSays) {
  ASSERT_FALSE(kernel_params().empty());
  for (const ParamDef& p : kernel_params()) {
    for (const Probe& probe : probes_of(p)) {
      SCOPED_TRACE(std::string(p.id) + " = " + probe.text);
      EXPECT_EQ(json_accepts(p, probe), probe.allowed);
      EXPECT_EQ(cli_accepts(p, probe), probe.allowed);
      EXPECT_EQ(sweep_accepts(p, probe), probe.allowed);
    }
  }
}

TEST(ParamSchema, IdsFlagsAndLabelsAreUniqueAndEveryRefInHelpResolves) {
  std::set<std::string_view> ids, flags, labels;
  for (const ParamDef& p : kernel_params()) {
    EXPECT_TRUE(ids.insert(p.id).second) << p.id;
    EXPECT_TRUE(flags.insert(p.flag).second) << p.flag;
    EXPECT_TRUE(labels.insert(p.label).second) << p.label;
    EXPECT_FALSE(p.help.empty()) << p.id;
    EXPECT_LE(p.min, p.max) << p.id;
    const std::string rendered = render_param_refs(std::string(p.help), ParamNaming::kFlag);
    EXPECT_EQ(rendered.find('{'), std::string::npos) << p.id << ": " << rendered;
  }
}

TEST(ParamSchema, CrossFieldErrorsNameTheParameterInEachFrontEndsWords) {
  // 2048-token KV blocks need 16 resident P~ tiles: more than 4 QP buffers.
  const auto r = cli::testing::run_cli({"simulate", "--kv-block", "2048", "--batch", "1"});
  ASSERT_EQ(r.code, 2) << r.err;
  EXPECT_EQ(r.err.rfind("amla-cli: --qp-buffers: 4 (", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("--kv-block / --mm2-k-split"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("tiling."), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('{'), std::string::npos) << r.err;
}

TEST(ParamSchema, RowsPerTaskBeyondOneRequestIsRefusedNotClipped) {
  for (const char* rows : {"512", "999"}) {
    const auto r = cli::testing::run_cli({"simulate", "--rows-per-task", rows, "--batch", "1"});
    EXPECT_EQ(r.code, 2) << rows;
    EXPECT_NE(r.err.find("--rows-per-task: " + std::string(rows)), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--heads x --q-tokens = 256"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace amla
