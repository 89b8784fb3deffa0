#include "core/sim/chrome_trace_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/common/input_error.h"
#include "core/ops/pipes.h"
#include "core/ops/trace.h"

namespace amla {
namespace {

using nlohmann::json;
using PidTid = std::pair<int, int>;

constexpr double kClockGhz = 1.8;
constexpr double kOffsetUs = 0.001;

// Appends one op; callers add ops in lane order, then start order, as the simulator does.
void add_op(Trace& t, int core, Unit unit, OpKind kind, int task, std::int64_t start,
            std::int64_t end, double bytes, double flops) {
  const int lane = lane_index(core, unit, op_kind_pipe(kind));
  ASSERT_TRUE(t.ops.lane.empty() || t.ops.lane.back() <= lane);
  t.ops.append({lane, kind, task, start, end, OpShape{bytes, flops, 0, 0}});
}

void finish_lanes(Trace& t) {
  const int lanes = t.cores * kUnitCount * kPipeCount;
  t.ops.lane_begin.assign(lanes + 1, 0);
  for (int lane : t.ops.lane) ++t.ops.lane_begin[lane + 1];
  for (int l = 0; l < lanes; ++l) t.ops.lane_begin[l + 1] += t.ops.lane_begin[l];
}

// Two cores; Core 0's FIXP write of S releases Core 1's AIV0 load of it (flag 3).
// Op indices: 0 LoadK, 1 LoadV, 2 MmadQK, 3 FixpS, 4 LoadS, 5 VecSoftmax, 6 StoreP.
Trace sample_trace() {
  Trace t;
  t.cores = 2;
  t.clock_ghz = kClockGhz;
  add_op(t, 0, Unit::kAic, OpKind::kLoadK, 0, 0, 100, 4096, 0);
  add_op(t, 0, Unit::kAic, OpKind::kLoadV, 0, 100, 177, 4096, 0);
  add_op(t, 0, Unit::kAic, OpKind::kMmadQK, 0, 177, 327, 0, 1e6);
  add_op(t, 0, Unit::kAic, OpKind::kFixpS, 0, 327, 400, 2048, 0);
  add_op(t, 1, Unit::kAiv0, OpKind::kLoadS, 0, 450, 500, 1024, 0);
  add_op(t, 1, Unit::kAiv0, OpKind::kVecSoftmax, 0, 500, 700, 0, 0);
  add_op(t, 1, Unit::kAiv1, OpKind::kStoreP, 1, 5000, 5100, 512, 0);
  finish_lanes(t);
  t.flags.push_back(FlagEdge{3, 4, 400, 440, 3});
  BufferTrack l1;
  l1.core = 0;
  l1.buffer = BufferKind::kL1;
  l1.name = "L1";
  l1.capacity = 512 * 1024;
  l1.time = {0, 100, 400};
  l1.used = {4096, 8192, 0};
  t.buffers.push_back(l1);
  BufferTrack ub;
  ub.core = 1;
  ub.unit = Unit::kAiv0;
  ub.buffer = BufferKind::kUB;
  ub.name = "UB (AIV0)";
  ub.capacity = 192 * 1024;
  ub.time = {450, 700};
  ub.used = {1024, 0};
  t.buffers.push_back(ub);
  return t;
}

std::string to_text(const Trace& t, const ChromeTraceOptions& o = {}) {
  std::ostringstream out;
  write_chrome_trace(t, out, o);
  return out.str();
}

json write_and_parse(const Trace& t, const ChromeTraceOptions& o = {}) {
  return json::parse(to_text(t, o));
}

std::vector<json> events_with_ph(const json& doc, const std::string& ph) {
  std::vector<json> out;
  for (const json& e : doc["traceEvents"]) {
    if (e["ph"] == ph) out.push_back(e);
  }
  return out;
}

// Metadata value (args.name or args.sort_index) per (pid, tid) for one metadata name.
std::map<PidTid, json> metadata(const json& doc, const std::string& name, const char* key) {
  std::map<PidTid, json> out;
  for (const json& e : events_with_ph(doc, "M")) {
    if (e["name"] == name) out[{e["pid"].get<int>(), e["tid"].get<int>()}] = e["args"][key];
  }
  return out;
}

double us_of(std::int64_t cycles) { return static_cast<double>(cycles) / (kClockGhz * 1000.0); }

TEST(ChromeTrace, DocumentShapeAndCompleteEvents) {
  const json doc = write_and_parse(sample_trace());
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["displayTimeUnit"], "ns");
  ASSERT_TRUE(doc["traceEvents"].is_array());
  const auto ops = events_with_ph(doc, "X");
  ASSERT_EQ(ops.size(), 7u);
  for (const json& e : ops) {
    EXPECT_GT(e["ts"].get<double>(), 0.0) << e.dump();
    EXPECT_GE(e["dur"].get<double>(), 0.0) << e.dump();
    ASSERT_TRUE(e["args"].is_object()) << e.dump();
    EXPECT_TRUE(e["args"].contains("start_cycle"));
    EXPECT_TRUE(e["args"].contains("end_cycle"));
    EXPECT_TRUE(e["args"].contains("task"));
    EXPECT_TRUE(e["args"].contains("bytes") || e["args"].contains("flops"));
  }
}

TEST(ChromeTrace, NoEventSitsAtTsZero) {
  // The first op starts at cycle 0: the offset must keep it off ts 0.
  const json doc = write_and_parse(sample_trace());
  for (const json& e : doc["traceEvents"]) {
    if (e.contains("ts")) {
      EXPECT_GT(e["ts"].get<double>(), 0.0) << e.dump();
    }
  }
  EXPECT_NE(to_text(sample_trace()).find("\"ts\":0.001000,"), std::string::npos);
  ChromeTraceOptions zero;
  zero.ts_offset_us = 0.0;
  EXPECT_THROW(to_text(sample_trace(), zero), std::invalid_argument);
}

TEST(ChromeTrace, TimesAreCyclesOverClockInMicroseconds) {
  const Trace t = sample_trace();
  const json doc = write_and_parse(t);
  const auto ops = events_with_ph(doc, "X");
  ASSERT_EQ(ops.size(), t.ops.size());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const json& e = ops[i];
    EXPECT_EQ(e["name"], op_kind_name(t.ops.kind[i]));
    EXPECT_EQ(e["args"]["start_cycle"], t.ops.start[i]);
    EXPECT_EQ(e["args"]["end_cycle"], t.ops.end[i]);
    EXPECT_NEAR(e["ts"].get<double>(), us_of(t.ops.start[i]) + kOffsetUs, 1e-6) << e.dump();
    EXPECT_NEAR(e["dur"].get<double>(), us_of(t.ops.end[i] - t.ops.start[i]), 1e-6) << e.dump();
  }
  EXPECT_EQ(ops[0]["args"]["bytes"], 4096);
  EXPECT_EQ(ops[2]["args"]["flops"], 1e6);
  // Back-to-back ops on one lane must not overlap after rounding (viewers would nest them).
  const auto ps = [](const json& v) { return std::llround(v.get<double>() * 1e6); };
  EXPECT_EQ(ps(ops[0]["ts"]) + ps(ops[0]["dur"]), ps(ops[1]["ts"]));
}

TEST(ChromeTrace, ProcessesAreNamedPerCore) {
  const json doc = write_and_parse(sample_trace());
  const auto names = metadata(doc, "process_name", "name");
  const auto sort = metadata(doc, "process_sort_index", "sort_index");
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names.at({1, 0}), "Core 0");
  EXPECT_EQ(names.at({2, 0}), "Core 1");
  EXPECT_LT(sort.at({1, 0}).get<int>(), sort.at({2, 0}).get<int>());
}

TEST(ChromeTrace, EveryUsedThreadHasANameAndASortIndex) {
  const json doc = write_and_parse(sample_trace());
  const auto names = metadata(doc, "thread_name", "name");
  const auto sort = metadata(doc, "thread_sort_index", "sort_index");
  // Every lane the hardware has (5 + 4 + 4 per core) has both, busy or not.
  EXPECT_EQ(names.size(), 26u);
  for (const auto& [key, value] : names) EXPECT_TRUE(sort.count(key)) << value;
  for (const json& e : doc["traceEvents"]) {
    if (e["ph"] != "X" && e["ph"] != "s" && e["ph"] != "f") continue;
    const PidTid key{e["pid"].get<int>(), e["tid"].get<int>()};
    EXPECT_TRUE(names.count(key)) << e.dump();
    EXPECT_TRUE(sort.count(key)) << e.dump();
  }
  // tid = unit * 16 + pipe + 1, named "UNIT / PIPE".
  EXPECT_EQ(names.at({1, 0 * 16 + static_cast<int>(Pipe::kCube) + 1}), "AIC / CUBE");
  EXPECT_EQ(names.at({2, 1 * 16 + static_cast<int>(Pipe::kVector) + 1}), "AIV0 / VECTOR");
  EXPECT_EQ(names.at({2, 2 * 16 + static_cast<int>(Pipe::kMte3) + 1}), "AIV1 / MTE3");
}

TEST(ChromeTrace, SortIndexPutsLanesInMsprofOrder) {
  const json doc = write_and_parse(sample_trace());
  const auto names = metadata(doc, "thread_name", "name");
  const auto sort = metadata(doc, "thread_sort_index", "sort_index");
  for (int pid : {1, 2}) {
    std::map<int, std::string> by_index;
    for (const auto& [key, index] : sort) {
      if (key.first != pid) continue;
      EXPECT_TRUE(by_index.emplace(index.get<int>(), names.at(key).get<std::string>()).second)
          << "duplicate sort index " << index;
    }
    std::vector<std::string> order;
    for (const auto& [index, name] : by_index) order.push_back(name);
    const std::vector<std::string> expected = {
        "AIC / SCALAR",  "AIC / MTE2",    "AIC / MTE1",    "AIC / CUBE",  "AIC / FIXP",
        "AIV0 / SCALAR", "AIV0 / MTE2",   "AIV0 / VECTOR", "AIV0 / MTE3", "AIV1 / SCALAR",
        "AIV1 / MTE2",   "AIV1 / VECTOR", "AIV1 / MTE3"};
    EXPECT_EQ(order, expected) << "pid " << pid;
  }
}

TEST(ChromeTrace, FlagsBecomeFlowPairs) {
  const Trace t = sample_trace();
  const json doc = write_and_parse(t);
  const auto starts = events_with_ph(doc, "s");
  const auto finishes = events_with_ph(doc, "f");
  ASSERT_EQ(starts.size(), 1u);
  ASSERT_EQ(finishes.size(), 1u);
  const json& s = starts[0];
  const json& f = finishes[0];
  EXPECT_EQ(s["id"], f["id"]);
  EXPECT_EQ(s["name"], f["name"]);
  EXPECT_EQ(s["cat"], f["cat"]);
  EXPECT_EQ(f["bp"], "e");
  // From the end of Core 0's FixpS (AIC / FIXP) to the start of Core 1's LoadS (AIV0 / MTE2).
  EXPECT_EQ(s["pid"], 1);
  EXPECT_EQ(s["tid"], static_cast<int>(Pipe::kFixp) + 1);
  EXPECT_NEAR(s["ts"].get<double>(), us_of(t.ops.end[3]) + kOffsetUs, 1e-6);
  EXPECT_EQ(f["pid"], 2);
  EXPECT_EQ(f["tid"], 16 + static_cast<int>(Pipe::kMte2) + 1);
  EXPECT_NEAR(f["ts"].get<double>(), us_of(t.ops.start[4]) + kOffsetUs, 1e-6);
}

TEST(ChromeTrace, BufferOccupancyIsACounterPerTrack) {
  const json doc = write_and_parse(sample_trace());
  std::map<std::pair<int, std::string>, std::vector<std::int64_t>> series;
  for (const json& e : events_with_ph(doc, "C")) {
    ASSERT_TRUE(e["args"].is_object());
    EXPECT_GT(e["ts"].get<double>(), 0.0);
    series[{e["pid"].get<int>(), e["name"].get<std::string>()}].push_back(
        e["args"]["bytes"].get<std::int64_t>());
  }
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series.at({1, "L1"}), (std::vector<std::int64_t>{4096, 8192, 0}));
  EXPECT_EQ(series.at({2, "UB (AIV0)"}), (std::vector<std::int64_t>{1024, 0}));
}

TEST(ChromeTrace, OptionsTurnOffCountersAndFlows) {
  ChromeTraceOptions o;
  o.include_counters = false;
  o.include_flows = false;
  const json doc = write_and_parse(sample_trace(), o);
  EXPECT_TRUE(events_with_ph(doc, "C").empty());
  EXPECT_TRUE(events_with_ph(doc, "s").empty());
  EXPECT_TRUE(events_with_ph(doc, "f").empty());
  EXPECT_EQ(events_with_ph(doc, "X").size(), 7u);
}

TEST(ChromeTrace, TimeRangeKeepsOnlyOverlappingOps) {
  ChromeTraceOptions o;
  o.start_cycle = 90;  // LoadK [0, 100) overlaps; LoadS [450, 500) starts at the end: out
  o.end_cycle = 450;
  const json doc = write_and_parse(sample_trace(), o);
  std::vector<std::string> kept;
  for (const json& e : events_with_ph(doc, "X")) kept.push_back(e["name"]);
  EXPECT_EQ(kept, (std::vector<std::string>{"LoadK", "LoadV", "MmadQK", "FixpS"}));
  // The flag's waiter is outside, so its arrow would bind to nothing: dropped.
  EXPECT_TRUE(events_with_ph(doc, "s").empty());
  EXPECT_TRUE(events_with_ph(doc, "f").empty());
  // L1 opens with the value in effect at cycle 90, pinned there; UB starts at 450: out.
  std::vector<json> counters = events_with_ph(doc, "C");
  ASSERT_EQ(counters.size(), 3u);
  EXPECT_NEAR(counters[0]["ts"].get<double>(), us_of(90) + kOffsetUs, 1e-6);
  EXPECT_EQ(counters[0]["args"]["bytes"], 4096);
  EXPECT_EQ(counters[2]["args"]["bytes"], 0);
  // Lanes keep their names even when empty in the range.
  EXPECT_EQ(metadata(doc, "thread_name", "name").size(), 26u);

  o.start_cycle = 4000;
  o.end_cycle = 6000;
  const auto late = events_with_ph(write_and_parse(sample_trace(), o), "X");
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0]["name"], "StoreP");
}

TEST(ChromeTrace, InconsistentTracesAreRejected) {
  Trace bad_lane = sample_trace();
  bad_lane.ops.lane.set(2, lane_index(0, Unit::kAic, Pipe::kVector));  // AIC has no VECTOR
  EXPECT_THROW(to_text(bad_lane), std::invalid_argument);
  Trace bad_flag = sample_trace();
  bad_flag.flags[0].wait_op = 99;
  EXPECT_THROW(to_text(bad_flag), std::invalid_argument);
  Trace bad_sizes = sample_trace();
  bad_sizes.ops.shape.pop_back();
  EXPECT_THROW(to_text(bad_sizes), std::invalid_argument);
}

TEST(ChromeTrace, FileIsWrittenAtomicallyAndNamesTheFlag) {
  const auto dir = std::filesystem::temp_directory_path() / "amla_chrome_trace_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "t.json").string();
  write_chrome_trace_file(sample_trace(), path);
  std::ifstream in(path);
  const json doc = json::parse(in);
  EXPECT_EQ(events_with_ph(doc, "X").size(), 7u);
  std::filesystem::remove_all(dir);
  try {
    write_chrome_trace_file(sample_trace(), (dir / "missing" / "t.json").string());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--trace");
  }
}

TEST(Pipes, NamesMatchMsprof) {
  EXPECT_STREQ(unit_name(Unit::kAic), "AIC");
  EXPECT_STREQ(unit_name(Unit::kAiv0), "AIV0");
  EXPECT_STREQ(unit_name(Unit::kAiv1), "AIV1");
  const char* expected[kPipeCount] = {"SCALAR", "MTE2", "MTE1", "CUBE", "FIXP", "VECTOR", "MTE3"};
  for (int p = 0; p < kPipeCount; ++p) EXPECT_STREQ(pipe_name(static_cast<Pipe>(p)), expected[p]);
}

TEST(Pipes, UnitsHaveTheirPipes) {
  const auto pipes_of = [](Unit u) {
    std::vector<std::string> out;
    for (int p = 0; p < kPipeCount; ++p) {
      if (unit_has_pipe(u, static_cast<Pipe>(p))) out.push_back(pipe_name(static_cast<Pipe>(p)));
    }
    return out;
  };
  EXPECT_EQ(pipes_of(Unit::kAic),
            (std::vector<std::string>{"SCALAR", "MTE2", "MTE1", "CUBE", "FIXP"}));
  for (Unit aiv : {Unit::kAiv0, Unit::kAiv1}) {
    EXPECT_EQ(pipes_of(aiv), (std::vector<std::string>{"SCALAR", "MTE2", "VECTOR", "MTE3"}));
  }
}

TEST(Pipes, EveryOpKindRunsOnAPipeSomeUnitHas) {
  std::set<std::string> names;
  for (int k = 0; k < kOpKindCount; ++k) {
    const OpKind kind = static_cast<OpKind>(k);
    const Pipe pipe = op_kind_pipe(kind);
    EXPECT_TRUE(unit_has_pipe(Unit::kAic, pipe) || unit_has_pipe(Unit::kAiv0, pipe)) << k;
    EXPECT_STRNE(op_kind_name(kind), "?") << k;
    EXPECT_TRUE(names.insert(op_kind_name(kind)).second) << "duplicate name " << k;
    const bool transfer =
        pipe == Pipe::kMte2 || pipe == Pipe::kMte1 || pipe == Pipe::kFixp || pipe == Pipe::kMte3;
    EXPECT_EQ(op_kind_is_transfer(kind), transfer) << op_kind_name(kind);
  }
  EXPECT_EQ(op_kind_pipe(OpKind::kLoadK), Pipe::kMte2);
  EXPECT_EQ(op_kind_pipe(OpKind::kMoveL0B), Pipe::kMte1);
  EXPECT_EQ(op_kind_pipe(OpKind::kMmadPV), Pipe::kCube);
  EXPECT_EQ(op_kind_pipe(OpKind::kFixpO), Pipe::kFixp);
  EXPECT_EQ(op_kind_pipe(OpKind::kCombine), Pipe::kVector);
  EXPECT_EQ(op_kind_pipe(OpKind::kAtomicAddN), Pipe::kMte3);
  EXPECT_EQ(op_kind_pipe(OpKind::kLoadS), Pipe::kMte2);
  EXPECT_EQ(op_kind_pipe(OpKind::kScalarSetup), Pipe::kScalar);
}

TEST(Pipes, BufferKindNames) {
  EXPECT_STREQ(buffer_kind_name(BufferKind::kL1), "L1");
  EXPECT_STREQ(buffer_kind_name(BufferKind::kL0A), "L0A");
  EXPECT_STREQ(buffer_kind_name(BufferKind::kL0B), "L0B");
  EXPECT_STREQ(buffer_kind_name(BufferKind::kL0C), "L0C");
  EXPECT_STREQ(buffer_kind_name(BufferKind::kUB), "UB");
  EXPECT_STREQ(buffer_kind_name(BufferKind::kGmWorkspace), "GM workspace");
}

}  // namespace
}  // namespace amla
