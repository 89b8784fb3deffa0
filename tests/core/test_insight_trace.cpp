// The Insight writer: a simulated run written in the msprof simulator's layout follows Insight's
// import rules, and reading it back gives the same ops, lanes and flags as the simulated trace.
#include "core/sim/insight_trace_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "core/hw/hardware_presets.h"
#include "core/profile/profile_reader.h"
#include "core/profile/profile_summary.h"
#include "core/run/simulation_run.h"

namespace amla {
namespace {

SimulationRun small_run() {
  KernelConfig c;
  c.problem.batch = 4;
  c.problem.kv_len = 2048;
  return run_simulation(find_preset("910B2"), c);
}

std::string insight_text(const Trace& trace) {
  std::ostringstream out;
  write_insight_trace(trace, out);
  return out.str();
}

using FlagKey = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t, int>;
std::vector<FlagKey> flag_keys(const Trace& t) {
  std::vector<FlagKey> keys;
  for (const FlagEdge& f : t.flags) {
    keys.emplace_back(f.set_op, f.wait_op, f.set_cycle, f.ready_cycle, f.flag_id);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

TEST(InsightTrace, RoundTripGivesTheSameOpsLanesAndFlags) {
  const SimulationRun run = small_run();
  ASSERT_GT(run.trace.flags.size(), 0u);
  const std::string text = insight_text(run.trace);
  ASSERT_EQ(detect_profile_format(text), ProfileFormat::kSimulatorTrace);
  ProfileReadOptions o;
  o.clock_mhz = run.hardware.clock_ghz * 1000;
  const ProfileTrace back = read_profile_bytes(text, "sim.json", o);
  const OpTrace& a = run.trace.ops;
  const OpTrace& b = back.trace.ops;
  EXPECT_EQ(back.trace.cores, run.trace.cores);
  EXPECT_EQ(b.lane, a.lane);
  EXPECT_EQ(b.kind, a.kind);  // our own op names come back as their kinds
  EXPECT_EQ(b.start, a.start);
  EXPECT_EQ(b.end, a.end);
  EXPECT_EQ(b.lane_begin, a.lane_begin);
  EXPECT_TRUE(back.extra_lanes.empty());
  EXPECT_EQ(flag_keys(back.trace), flag_keys(run.trace));
  // Counters: one series per buffer track, every step kept.
  EXPECT_EQ(back.counters.size(), run.trace.buffers.size());
  // And the figures computed from it are the simulated run's.
  const ProfileSummary s = summarize_profile(back);
  EXPECT_EQ(s.metrics.makespan_cycles, run.metrics.makespan_cycles);
  for (int u = 0; u < kUnitCount; ++u) {
    for (int p = 0; p < kPipeCount; ++p) {
      EXPECT_DOUBLE_EQ(s.metrics.pipe(static_cast<Unit>(u), static_cast<Pipe>(p)).busy_fraction,
                       run.metrics.pipe(static_cast<Unit>(u), static_cast<Pipe>(p)).busy_fraction)
          << u << " " << p;
    }
  }
}

// MindStudio Insight's import rules for its operator-simulation mode (docs: msinsight
// Compute.md and its timeline parser), checked on the document as written.
TEST(InsightTrace, FollowsInsightsImportRules) {
  const SimulationRun run = small_run();
  const std::string text = insight_text(run.trace);
  const std::string before_array = text.substr(0, text.find('['));
  EXPECT_NE(before_array.find("\"profilingType\""), std::string::npos);
  EXPECT_NE(before_array.find("\"op\""), std::string::npos);
  const nlohmann::json doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc["schemaVersion"], 2);
  std::set<std::string> process_sorted;
  std::set<std::pair<std::string, std::string>> thread_sorted, lanes_used;
  std::map<std::string, int> thread_index;
  std::size_t x = 0, flows = 0, counters = 0;
  for (const auto& e : doc["traceEvents"]) {
    const std::string ph = e["ph"];
    const std::string pid = e["pid"].is_string() ? e["pid"].get<std::string>() : "";
    const std::string tid =
        e.contains("tid") && e["tid"].is_string() ? e["tid"].get<std::string>() : "";
    EXPECT_TRUE(ph == "M" || ph == "X" || ph == "C" || ph == "s" || ph == "t") << ph;
    ASSERT_TRUE(e["pid"].is_string()) << e.dump();
    if (ph == "M" && e["name"] == "process_sort_index") process_sorted.insert(pid);
    if (ph == "M" && e["name"] == "thread_sort_index") {
      thread_sorted.insert({pid, tid});
      thread_index[tid] = e["args"]["sort_index"].get<int>();
    }
    if (ph == "X" || ph == "s" || ph == "t") {
      ASSERT_TRUE(e["tid"].is_string()) << e.dump();
      lanes_used.insert({pid, tid});
    }
    if (ph == "X") ++x;
    if (ph == "s" || ph == "t") {
      ++flows;
      EXPECT_EQ(e["name"], "flow");
      EXPECT_TRUE(e["id"].is_string());
    }
    if (ph == "C") {
      ++counters;
      EXPECT_GT(e["ts"].get<double>(), 0.0) << "a counter at ts 0 is dropped by Insight";
    }
  }
  EXPECT_EQ(x, run.trace.ops.size());
  EXPECT_EQ(flows, 2 * run.trace.flags.size());
  EXPECT_GT(counters, 0u);
  for (const auto& lane : lanes_used) {
    EXPECT_TRUE(process_sorted.count(lane.first)) << lane.first;
    EXPECT_TRUE(thread_sorted.count(lane)) << lane.first << " " << lane.second;
  }
  // Every lane of every core and unit is declared with its sort indices, in msprof's order.
  EXPECT_EQ(process_sorted.size(), static_cast<std::size_t>(run.trace.cores) * 3);
  EXPECT_EQ(thread_sorted.size(), static_cast<std::size_t>(run.trace.cores) * (5 + 4 + 4));
  EXPECT_EQ(thread_index["SCALAR"], 1);
  EXPECT_EQ(thread_index["MTE1"], 3);
  EXPECT_EQ(thread_index["CUBE"], 4);
  EXPECT_EQ(thread_index["FIXP"], 5);
  EXPECT_EQ(thread_index["MTE2"], 6);
  EXPECT_EQ(thread_index["VECTOR"], 7);
  EXPECT_EQ(thread_index["MTE3"], 8);
}

TEST(InsightTrace, MsprofNamesAndSortIndices) {
  EXPECT_EQ(msprof_core_name(0, Unit::kAic), "core0.cubecore0");
  EXPECT_EQ(msprof_core_name(7, Unit::kAiv1), "core7.veccore1");
  EXPECT_EQ(msprof_process_sort_index(2, Unit::kAic), 7);
  EXPECT_EQ(msprof_process_sort_index(2, Unit::kAiv0), 8);
  EXPECT_EQ(msprof_process_sort_index(2, Unit::kAiv1), 9);
}

TEST(InsightTrace, InconsistentTraceIsRefusedBeforeWriting) {
  Trace t;
  t.cores = 1;
  t.ops.append({999, OpKind::kLoadK, 0, 0, 1, OpShape{}});
  std::ostringstream out;
  EXPECT_THROW(write_insight_trace(t, out), std::invalid_argument);
  EXPECT_TRUE(out.str().empty());
}

}  // namespace
}  // namespace amla
