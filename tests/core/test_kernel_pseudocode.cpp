// The pseudo-code next to the timeline is checked against the simulator, both ways: every op
// kind a variant's run emits is claimed by a line of that variant's listing (on the unit it ran
// on), every kind a line claims occurs in a run of that variant, every flag route a line names is
// one the kernel defines, and every cross-core hand-off of the run is named by some line.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_pseudocode.h"
#include "core/kernel/op_catalogue.h"
#include "core/run/simulation_run.h"

namespace amla {
namespace {

// One job split into two KV parts of four blocks each: every stage, the rescale of later blocks
// and the flash-decoding combine all happen.
const SimulationRun& run_of(KernelVariant variant) {
  static const auto make = [](KernelVariant v) {
    KernelConfig config;
    config.problem.batch = 1;
    config.problem.kv_len = 4096;
    config.tiling.kv_split = KvSplitPolicy::kFixed;
    config.tiling.kv_splits = 2;
    config.variant = v;
    return run_simulation(find_preset("910B2"), config);
  };
  static const SimulationRun amla = make(KernelVariant::kAmla);
  static const SimulationRun baseline = make(KernelVariant::kBaseline);
  return variant == KernelVariant::kAmla ? amla : baseline;
}

std::string side_key(OpKind kind, Unit unit) {
  return std::string(op_kind_name(kind)) + (unit == Unit::kAic ? "@AIC" : "@AIV");
}

// "AIV0 MTE2->VECTOR" -> "AIV MTE2->VECTOR", as the listings write it.
std::string shared_route(const std::string& route) {
  if (route.rfind("AIV", 0) == 0 && route.size() > 4 && route[3] >= '0' && route[3] <= '9')
    return "AIV" + route.substr(4);
  return route;
}

class KernelPseudocodeTest : public ::testing::TestWithParam<KernelVariant> {};

TEST_P(KernelPseudocodeTest, EveryEmittedOpKindIsClaimedByALineOnItsUnit) {
  const KernelPseudocode& code = kernel_pseudocode(GetParam());
  EXPECT_EQ(code.variant, GetParam());
  const OpTrace& ops = run_of(GetParam()).trace.ops;
  ASSERT_GT(ops.size(), 0u);
  std::set<std::string> checked;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const Unit unit = lane_unit(ops.lane[i]);
    if (!checked.insert(side_key(ops.kind[i], unit)).second) continue;
    EXPECT_FALSE(pseudo_lines_for_op(code, ops.kind[i], unit).empty())
        << side_key(ops.kind[i], unit) << " is emitted but no line of " << code.title
        << " claims it";
  }
  EXPECT_GE(checked.size(), 15u);
}

TEST_P(KernelPseudocodeTest, EveryClaimedOpKindOccursInARunOfTheVariant) {
  const KernelPseudocode& code = kernel_pseudocode(GetParam());
  const OpTrace& ops = run_of(GetParam()).trace.ops;
  std::set<std::string> emitted;
  for (std::size_t i = 0; i < ops.size(); ++i)
    emitted.insert(side_key(ops.kind[i], lane_unit(ops.lane[i])));
  int claiming = 0;
  for (const PseudoLine& line : code.lines) {
    if (!line.ops.empty()) ++claiming;
    for (OpKind kind : line.ops) {
      // A line on either side must see its kind on some unit it names.
      bool seen = false;
      if (line.side != PseudoSide::kAiv) seen |= emitted.count(side_key(kind, Unit::kAic)) > 0;
      if (line.side != PseudoSide::kAic) seen |= emitted.count(side_key(kind, Unit::kAiv0)) > 0;
      EXPECT_TRUE(seen) << "\"" << line.text << "\" claims " << op_kind_name(kind)
                        << ", which the run never emits there";
    }
    EXPECT_EQ(pseudo_line_kinds(line) == 0, line.ops.empty());
  }
  EXPECT_GE(claiming, 15);
}

TEST_P(KernelPseudocodeTest, FlagRoutesAreTheKernelsAndEveryHandOffIsNamed) {
  const KernelPseudocode& code = kernel_pseudocode(GetParam());
  const Trace& trace = run_of(GetParam()).trace;
  std::set<std::string> defined, named;
  for (const FlagName& f : trace.flag_names) defined.insert(shared_route(f.route));
  for (const PseudoLine& line : code.lines) {
    for (const std::string& route : line.flags) {
      EXPECT_EQ(defined.count(route), 1u) << "\"" << line.text << "\" names " << route;
      EXPECT_NE(find_flag_route_entry(route), nullptr) << route;
      named.insert(route);
    }
  }
  ASSERT_FALSE(trace.flags.empty());
  for (const FlagEdge& e : trace.flags) {
    const std::string route = shared_route(flag_route(trace, e.flag_id));
    EXPECT_EQ(named.count(route), 1u) << route << " hands off in the run but no line names it";
  }
}

TEST_P(KernelPseudocodeTest, EveryOpLightsTheLinesOfItsOwnStage) {
  const KernelPseudocode& code = kernel_pseudocode(GetParam());
  const Trace& trace = run_of(GetParam()).trace;
  std::set<int> move_stages, setup_stages;
  int sized_mm1 = 0, sized_mm2 = 0;
  for (std::size_t i = 0; i < trace.ops.size(); ++i) {
    const auto op = static_cast<std::int64_t>(i);
    const PseudoStage stage = op_stage(trace, op);
    ASSERT_NE(stage, PseudoStage::kNone) << op_kind_name(trace.ops.kind[i]) << " op " << op;
    const std::vector<int> lines = pseudo_lines_for_trace_op(code, trace, op);
    ASSERT_FALSE(lines.empty()) << op_kind_name(trace.ops.kind[i]) << " op " << op;
    for (int l : lines) {
      EXPECT_EQ(code.lines[static_cast<std::size_t>(l)].stage, stage)
          << op_kind_name(trace.ops.kind[i]) << " op " << op << " lights \""
          << code.lines[static_cast<std::size_t>(l)].text << "\"";
    }
    if (trace.ops.kind[i] == OpKind::kMoveL0A) {
      move_stages.insert(static_cast<int>(stage));
      // Independently, by size: a 128-row slice of Q is 96 columns deep (MM1), of P~ 128 (MM2).
      if (trace.ops.bytes(i) == 128.0 * 96 * 2) {
        EXPECT_EQ(stage, PseudoStage::kMm1) << op;
        ++sized_mm1;
      }
      if (trace.ops.bytes(i) == 128.0 * 128 * 2) {
        EXPECT_EQ(stage, PseudoStage::kMm2) << op;
        ++sized_mm2;
      }
    }
    if (trace.ops.kind[i] == OpKind::kScalarSetup) setup_stages.insert(static_cast<int>(stage));
  }
  // The shared kinds are told apart: L0 moves of both matmuls, set-ups of all four stages.
  EXPECT_EQ(move_stages, (std::set<int>{static_cast<int>(PseudoStage::kMm1),
                                        static_cast<int>(PseudoStage::kMm2)}));
  EXPECT_EQ(setup_stages.size(), 4u);
  EXPECT_GT(sized_mm1, 0);
  EXPECT_GT(sized_mm2, 0);
}

TEST_P(KernelPseudocodeTest, LinesPrintWithTheirIndentation) {
  const KernelPseudocode& code = kernel_pseudocode(GetParam());
  ASSERT_FALSE(code.lines.empty());
  EXPECT_EQ(code.lines.front().indent, 0);
  for (std::size_t i = 1; i < code.lines.size(); ++i) {
    // Nesting opens one level at a time.
    EXPECT_LE(code.lines[i].indent, code.lines[i - 1].indent + 1) << code.lines[i].text;
    EXPECT_EQ(pseudo_line_string(code.lines[i]).find(code.lines[i].text),
              static_cast<std::size_t>(2 * code.lines[i].indent));
  }
}

INSTANTIATE_TEST_SUITE_P(Variants, KernelPseudocodeTest,
                         ::testing::Values(KernelVariant::kAmla, KernelVariant::kBaseline),
                         [](const auto& info) { return std::string(variant_name(info.param)); });

TEST(KernelPseudocode, TheVariantsDifferWhereTheKernelsDo) {
  const auto claims = [](KernelVariant v, OpKind k) {
    return !pseudo_lines_for_op(kernel_pseudocode(v), k, Unit::kAiv0).empty() ||
           !pseudo_lines_for_op(kernel_pseudocode(v), k, Unit::kAic).empty();
  };
  EXPECT_TRUE(claims(KernelVariant::kAmla, OpKind::kAtomicAddN));
  EXPECT_FALSE(claims(KernelVariant::kBaseline, OpKind::kAtomicAddN));
  EXPECT_TRUE(claims(KernelVariant::kBaseline, OpKind::kVecRescale));
  EXPECT_FALSE(claims(KernelVariant::kAmla, OpKind::kVecRescale));
  // The set-up of the AIC belongs to the matmuls, not to the Vector stages.
  const KernelPseudocode& amla = kernel_pseudocode(KernelVariant::kAmla);
  for (int line : pseudo_lines_for_op(amla, OpKind::kScalarSetup, Unit::kAic))
    EXPECT_NE(amla.lines[static_cast<std::size_t>(line)].text.find("MM"), std::string::npos);
}

}  // namespace
}  // namespace amla
