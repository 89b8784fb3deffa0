// The op catalogue has words for every code name the studio shows: every op kind of the enum,
// every flag route the kernel's layout names in a real trace (both variants, with a KV split so
// the combine's flag is there), every class of AMLA's integer add. Each has a display name, a
// one-line meaning and a longer explanation.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/hw/hardware_presets.h"
#include "core/kernel/op_catalogue.h"
#include "core/run/simulation_run.h"

namespace amla {
namespace {

void expect_complete(const CatalogueEntry& e, const std::string& what) {
  EXPECT_FALSE(e.name.empty()) << what;
  EXPECT_FALSE(e.meaning.empty()) << what;
  EXPECT_EQ(e.meaning.find('\n'), std::string::npos) << what << ": the meaning is one line";
  EXPECT_GT(e.explanation.size(), e.meaning.size()) << what << ": the explanation says more";
  EXPECT_NE(e.name, e.key) << what << ": the display name is words, not the code name";
}

TEST(OpCatalogue, EveryOpKindHasAnEntryUnderItsCodeName) {
  std::set<std::string> names;
  for (int k = 0; k < kOpKindCount; ++k) {
    const auto kind = static_cast<OpKind>(k);
    const CatalogueEntry* e = find_op_kind_entry(kind);
    ASSERT_NE(e, nullptr) << op_kind_name(kind) << " has no catalogue entry";
    EXPECT_EQ(e->key, op_kind_name(kind));
    expect_complete(*e, e->key);
    EXPECT_TRUE(names.insert(e->name).second) << "two op kinds are called " << e->name;
  }
  EXPECT_EQ(find_op_kind_entry(OpKind::kCount), nullptr);
  EXPECT_EQ(op_kind_entry(OpKind::kAtomicAddN).name, "INT32 atomic add of N");
}

TEST(OpCatalogue, EveryRescaleClassHasAnEntryUnderItsCodeName) {
  std::set<std::string> names;
  for (int c = 0; c < kRescaleClassCount; ++c) {
    const auto cls = static_cast<RescaleClass>(c);
    const CatalogueEntry* e = find_rescale_class_entry(cls);
    ASSERT_NE(e, nullptr) << rescale_class_name(cls) << " has no catalogue entry";
    EXPECT_EQ(e->key, rescale_class_name(cls));
    expect_complete(*e, e->key);
    EXPECT_TRUE(names.insert(e->name).second) << "two classes are called " << e->name;
  }
  EXPECT_EQ(rescale_class_entry(RescaleClass::kZeroGarbage).key, "zero_garbage");
}

TEST(OpCatalogue, EveryFlagRouteOfARealTraceHasAnEntry) {
  KernelConfig config;
  config.problem.batch = 1;
  config.problem.kv_len = 4096;
  config.tiling.kv_split = KvSplitPolicy::kFixed;
  config.tiling.kv_splits = 2;
  std::set<std::string> routes;
  for (KernelVariant variant : {KernelVariant::kAmla, KernelVariant::kBaseline}) {
    config.variant = variant;
    const SimulationRun run = run_simulation(find_preset("910B2"), config);
    ASSERT_FALSE(run.trace.flag_names.empty());
    for (const FlagName& f : run.trace.flag_names) routes.insert(f.route);
  }
  EXPECT_EQ(routes.count("V2->combine"), 1u);
  EXPECT_EQ(routes.count("AIV1 MTE2->VECTOR"), 1u);
  for (const std::string& route : routes) {
    const CatalogueEntry* e = find_flag_route_entry(route);
    ASSERT_NE(e, nullptr) << route << " has no catalogue entry";
    expect_complete(*e, route);
  }
  // Both Vector cores' routes read the same entry; an unknown route has none.
  EXPECT_EQ(find_flag_route_entry("AIV0 VECTOR->MTE3"), find_flag_route_entry("AIV1 VECTOR->MTE3"));
  EXPECT_EQ(find_flag_route_entry("C9->V9"), nullptr);
}

}  // namespace
}  // namespace amla

namespace amla {
namespace {

// Every kind is found by the name it prints as; a name no kind prints is not.
TEST(OpKindNames, EveryKindIsFoundByItsName) {
  for (int k = 0; k < kOpKindCount; ++k) {
    const auto kind = static_cast<OpKind>(k);
    ASSERT_EQ(find_op_kind(op_kind_name(kind)), kind) << op_kind_name(kind);
  }
  EXPECT_FALSE(find_op_kind("AtomicAdd").has_value());
  EXPECT_FALSE(find_op_kind("").has_value());
}

}  // namespace
}  // namespace amla
