// The profile readers on small hand-written files in the layouts tests/core/data/profiles/
// documents (from the msprof field lists): exact ops, lanes, flags and figures; and malformed
// inputs refused naming the file, the position and the field.
#include <gtest/gtest.h>

#include <cmath>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/common/input_error.h"
#include "core/profile/profile_reader.h"
#include "core/profile/profile_run.h"
#include "core/profile/profile_summary.h"

namespace amla {
namespace {

const std::string kDir = std::string(AMLA_TEST_DATA_DIR) + "/profiles/";

// At 1000 MHz a microsecond is 1000 cycles, so the fixtures' times convert exactly.
ProfileTrace read_at_1ghz(const std::string& file) {
  ProfileReadOptions o;
  o.clock_mhz = 1000;
  return read_profile_file(kDir + file, o);
}

struct OpView {
  int core;
  Unit unit;
  Pipe pipe;
  std::string name;
  std::int64_t start, end;
  bool operator==(const OpView&) const = default;
};

std::vector<OpView> ops_of(const ProfileTrace& p) {
  std::vector<OpView> v;
  const OpTrace& ops = p.trace.ops;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    v.push_back({lane_core(ops.lane[i]), lane_unit(ops.lane[i]), lane_pipe(ops.lane[i]),
                 p.names[static_cast<std::size_t>(p.op_name[i])], ops.start[i], ops.end[i]});
  }
  return v;
}

std::string op_name_at(const ProfileTrace& p, std::int64_t op) {
  return p.names[static_cast<std::size_t>(p.op_name[static_cast<std::size_t>(op)])];
}

TEST(ProfileReaders, AllCoresTraceGivesExactOpsLanesFlagsAndCounters) {
  const ProfileTrace p = read_at_1ghz("all_cores_trace.json");
  EXPECT_EQ(p.format, ProfileFormat::kSimulatorTrace);
  EXPECT_EQ(p.trace.cores, 2);
  EXPECT_EQ(p.skipped_pseudo_events, 2);  // cache_time and ccu_time
  const std::vector<OpView> expected = {
      {0, Unit::kAic, Pipe::kMte2, "MOV_OUT_TO_L1", 1000, 1500},
      {0, Unit::kAic, Pipe::kMte2, "MOV_OUT_TO_L1", 3500, 3700},
      {0, Unit::kAic, Pipe::kCube, "MMAD", 1500, 2500},  // ts and dur given as strings
      {0, Unit::kAiv0, Pipe::kScalar, "MOV_XD_IMM", 500, 501},
      {0, Unit::kAiv0, Pipe::kVector, "VADD", 2000, 2250},
      {0, Unit::kAiv0, Pipe::kMte3, "MOV_UB_TO_OUT", 2800, 3000},
      {1, Unit::kAiv1, Pipe::kVector, "VMUL", 4000, 5000},
  };
  EXPECT_EQ(ops_of(p), expected);
  for (const OpKind k : p.trace.ops.kind) EXPECT_EQ(k, OpKind::kProfiled);
  // Pipes the simulator does not model keep their own lanes.
  ASSERT_EQ(p.extra_lanes.size(), 2u);
  EXPECT_EQ(p.extra_lanes[0].name, "FLOWCTRL");
  EXPECT_EQ(p.extra_lanes[0].unit, Unit::kAiv0);
  EXPECT_EQ(p.extra_lanes[0].start, std::vector<std::int64_t>{100});
  EXPECT_EQ(p.extra_lanes[1].name, "USERMARK");
  EXPECT_EQ(p.extra_lanes[1].core, 1);
  EXPECT_EQ(p.op_count(), 9);
  // The SET_FLAG/WAIT_FLAG pair and the flow, as edges between ops.
  ASSERT_EQ(p.trace.flags.size(), 2u);
  const FlagEdge* pair = nullptr;
  const FlagEdge* flow = nullptr;
  for (const FlagEdge& f : p.trace.flags) (f.flag_id == 3 ? pair : flow) = &f;
  ASSERT_TRUE(pair && flow);
  EXPECT_EQ(op_name_at(p, pair->set_op), "MOV_UB_TO_OUT");
  EXPECT_EQ(p.trace.ops.start[static_cast<std::size_t>(pair->wait_op)], 3500);
  EXPECT_EQ(pair->set_cycle, 3000);
  EXPECT_EQ(pair->ready_cycle, 3500);
  EXPECT_EQ(flow->flag_id, 7);
  EXPECT_EQ(p.trace.ops.start[static_cast<std::size_t>(flow->set_op)], 1000);
  EXPECT_EQ(op_name_at(p, flow->wait_op), "VMUL");
  EXPECT_EQ(p.flag_marks.size(), 4u);
  ASSERT_EQ(p.counters.size(), 1u);
  EXPECT_EQ(p.counters[0].name, "MTE Throughput/throughput(MB/s)");
  EXPECT_EQ(p.counters[0].value, (std::vector<double>{100, 250.5, 0}));
}

TEST(ProfileReaders, AllCoresSummaryUsesTheSimulatorsMetrics) {
  const ProfileSummary s = summarize_profile(read_at_1ghz("all_cores_trace.json"));
  EXPECT_DOUBLE_EQ(s.duration_us, 5.0);
  EXPECT_EQ(s.cores, 2);
  EXPECT_EQ(s.ops, 9);
  // AIC MTE2: 700 busy cycles over 2 cores x 5000 cycles.
  EXPECT_DOUBLE_EQ(s.metrics.pipe(Unit::kAic, Pipe::kMte2).busy_fraction, 700.0 / 10000.0);
  EXPECT_DOUBLE_EQ(s.metrics.pipe(Unit::kAiv1, Pipe::kVector).busy_fraction, 1000.0 / 10000.0);
  const nlohmann::json j = profile_summary_json(s);
  EXPECT_DOUBLE_EQ(j["per_unit_busy"]["aiv0"]["FLOWCTRL"].get<double>(), 100.0 / 10000.0);
  EXPECT_DOUBLE_EQ(j["per_unit_busy"]["aic"]["CUBE"].get<double>(), 1000.0 / 10000.0);
  EXPECT_EQ(j["ops"], 9);
}

TEST(ProfileReaders, DefaultClockRoundsMicrosecondsToCycles) {
  const ProfileTrace p = read_profile_file(kDir + "all_cores_trace.json");
  EXPECT_DOUBLE_EQ(p.trace.clock_ghz, 1.8);
  EXPECT_EQ(p.trace.ops.start[0], 1800);  // 1.0 us
  EXPECT_EQ(p.trace.ops.end[0], 2700);    // + 0.5 us
}

TEST(ProfileReaders, PerCoreTraceTakesItsCoreFromTheFolderAndKeepsSubLanes) {
  const ProfileTrace p = read_at_1ghz("core1.veccore0/trace.json");
  EXPECT_EQ(p.format, ProfileFormat::kCoreTrace);
  EXPECT_EQ(p.trace.cores, 2);
  EXPECT_EQ(p.skipped_pseudo_events, 1);
  const std::vector<OpView> expected = {
      {1, Unit::kAiv0, Pipe::kScalar, "MOV_XD_IMM", 200, 250},
      {1, Unit::kAiv0, Pipe::kMte2, "MOV_OUT_TO_UB", 1000, 2000},
      {1, Unit::kAiv0, Pipe::kVector, "VEXP", 2500, 3000},
      {1, Unit::kAiv0, Pipe::kMte3, "MOV_UB_TO_OUT", 3000, 3250},
  };
  EXPECT_EQ(ops_of(p), expected);
  ASSERT_EQ(p.extra_lanes.size(), 2u);
  EXPECT_EQ(p.extra_lanes[0].name, "SCALARLDST");
  EXPECT_EQ(p.extra_lanes[1].name, "MTE2_2");  // a second MTE2 lane, overlapping the first
  EXPECT_EQ(p.extra_lanes[1].start, std::vector<std::int64_t>{1500});
}

TEST(ProfileReaders, PerCoreTraceWithoutAFolderIsCoreZeroOfTheUnitItsPipesImply) {
  const std::string text = R"({"schemaVersion":1,"traceEvents":[
{"name":"VADD","ph":"X","pid":30,"tid":"VECTOR_1","ts":1,"dur":1}]})";
  ProfileReadOptions o;
  o.clock_mhz = 1000;
  const ProfileTrace p = read_profile_bytes(text, "trace.json", o);
  ASSERT_EQ(p.trace.ops.size(), 1u);
  EXPECT_EQ(lane_core(p.trace.ops.lane[0]), 0);
  EXPECT_EQ(lane_unit(p.trace.ops.lane[0]), Unit::kAiv0);
}

TEST(ProfileReaders, MsprofTimelineReadsTheKernelTasksOfAscendHardware) {
  const ProfileTrace p = read_at_1ghz("msprof_timeline.json");
  EXPECT_EQ(p.format, ProfileFormat::kMsprofJson);
  EXPECT_EQ(p.trace.ops.size(), 0u);
  ASSERT_EQ(p.extra_lanes.size(), 2u);  // the CANN API event is not a kernel task
  const ExtraLane& s3 = p.extra_lanes[0].name == "Stream 3" ? p.extra_lanes[0] : p.extra_lanes[1];
  const ExtraLane& s5 = p.extra_lanes[0].name == "Stream 3" ? p.extra_lanes[1] : p.extra_lanes[0];
  EXPECT_EQ(s3.start, (std::vector<std::int64_t>{0, 29500}));
  EXPECT_EQ(s3.end, (std::vector<std::int64_t>{20250, 49500}));
  EXPECT_EQ(s3.unit, Unit::kAic);
  EXPECT_EQ(s5.name, "Stream 5");
  EXPECT_EQ(s5.unit, Unit::kAiv0);  // AI_VECTOR_CORE
  EXPECT_EQ(s5.start, std::vector<std::int64_t>{24500});
  const ProfileSummary s = summarize_profile(p);
  EXPECT_DOUBLE_EQ(s.duration_us, 49.5);
  EXPECT_EQ(s.ops, 3);
}

TEST(ProfileReaders, PipeUtilizationAveragesRatiosPerUnitOverBlocks) {
  const ProfileTrace p = read_at_1ghz("PipeUtilization.csv");
  EXPECT_EQ(p.format, ProfileFormat::kPipeUtilization);
  ASSERT_EQ(p.blocks.size(), 4u);
  EXPECT_EQ(p.blocks[3].block, 1);
  EXPECT_EQ(p.blocks[1].unit, Unit::kAiv0);
  EXPECT_DOUBLE_EQ(*p.blocks[0].pipe_time_us[static_cast<std::size_t>(Pipe::kCube)], 8);
  EXPECT_FALSE(p.blocks[0].pipe_ratio[static_cast<std::size_t>(Pipe::kVector)].has_value());
  const ProfileSummary s = summarize_profile(p);
  EXPECT_EQ(s.cores, 2);
  // OpBasicInfo.csv sits beside it: the task's duration and clock come from there.
  EXPECT_DOUBLE_EQ(s.duration_us, 12.5);
  EXPECT_DOUBLE_EQ(p.clock_mhz, 1650);
  EXPECT_DOUBLE_EQ(s.metrics.pipe(Unit::kAic, Pipe::kCube).busy_fraction, 0.7);
  EXPECT_DOUBLE_EQ(s.metrics.pipe(Unit::kAic, Pipe::kMte2).busy_fraction, 0.5);
  EXPECT_DOUBLE_EQ(s.metrics.pipe(Unit::kAiv0, Pipe::kVector).busy_fraction, 0.5);
  EXPECT_DOUBLE_EQ(s.metrics.pipe(Unit::kAiv1, Pipe::kVector).busy_fraction, 0.3);
  const nlohmann::json j = profile_summary_json(s);
  EXPECT_DOUBLE_EQ(j["per_unit_busy"]["aiv1"]["ICACHE_MISS"].get<double>(), 0.04);
  // Pipes without a ratio column are absent (unknown), not zero.
  EXPECT_FALSE(j["per_unit_busy"]["aic"].contains("SCALAR"));
  EXPECT_FALSE(j["per_unit_busy"]["aiv0"].contains("MTE2"));
}

// Found by fuzz_profile_pipe_utilization: a column name that is not UTF-8 made the JSON summary
// throw. Outside names are kept as printable ASCII.
TEST(ProfileReaders, ColumnNamesThatAreNotUtf8AreEscaped) {
  const std::string text = "block_id,sub_block_id,aic_time(us),aic_\xcb\xcb_ratio\n0,cube0,1,0.5\n";
  const ProfileSummary s = summarize_profile(read_profile_bytes(text, "p.csv"));
  ASSERT_EQ(s.other_pipes.size(), 1u);
  EXPECT_EQ(s.other_pipes[0].pipe, "\\xcb\\xcb");
  EXPECT_NO_THROW(profile_summary_json(s).dump());
}

TEST(ProfileReaders, PipeUtilizationAloneTakesTheLongestBlockAsTheDuration) {
  const std::string dir = ::testing::TempDir() + "amla_profile_alone/";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(kDir + "PipeUtilization.csv", dir + "PipeUtilization.csv",
                             std::filesystem::copy_options::overwrite_existing);
  const ProfileTrace p = read_profile_file(dir + "PipeUtilization.csv");
  EXPECT_FALSE(p.task_duration_us.has_value());
  EXPECT_DOUBLE_EQ(p.clock_mhz, 1800);
  EXPECT_DOUBLE_EQ(summarize_profile(p).duration_us, 12);  // block 1's AIC time
  std::filesystem::remove_all(dir);
}

TEST(ProfileReaders, OpBasicInfoGivesDurationBlockDimAndClock) {
  const ProfileTrace p = read_profile_file(kDir + "OpBasicInfo.csv");
  EXPECT_EQ(p.format, ProfileFormat::kOpBasicInfo);
  EXPECT_DOUBLE_EQ(*p.task_duration_us, 12.5);
  EXPECT_EQ(*p.block_dim, 2);
  EXPECT_DOUBLE_EQ(p.clock_mhz, 1650);  // Current Freq
  EXPECT_EQ(p.op_name_text, "mla_decode_0");
  const ProfileSummary s = summarize_profile(p);
  EXPECT_DOUBLE_EQ(s.duration_us, 12.5);
  EXPECT_EQ(s.cores, 2);
  EXPECT_TRUE(profile_summary_json(s)["per_unit_busy"]["aic"].empty());
}

TEST(ProfileReaders, DetectionByContentAndTheFormatOverride) {
  EXPECT_EQ(detect_profile_format(" \n[{\"ph\":\"M\"}]"), ProfileFormat::kMsprofJson);
  EXPECT_EQ(detect_profile_format("{\"profilingType\":\"op\",\"traceEvents\":[]}"),
            ProfileFormat::kSimulatorTrace);
  EXPECT_EQ(detect_profile_format("{\"schemaVersion\": 1, \"traceEvents\":[]}"),
            ProfileFormat::kCoreTrace);
  EXPECT_EQ(detect_profile_format("{\"traceEvents\":[{\"pid\":\"core0.veccore0\"}]}"),
            ProfileFormat::kSimulatorTrace);
  EXPECT_EQ(detect_profile_format("block_id,sub_block_id,aic_time(us)\n"),
            ProfileFormat::kPipeUtilization);
  EXPECT_EQ(detect_profile_format("Op Name,Op Type,Task Duration(us),Block Dim\n"),
            ProfileFormat::kOpBasicInfo);
  EXPECT_EQ(detect_profile_format("hello"), std::nullopt);
  EXPECT_EQ(detect_profile_format(""), std::nullopt);
  // An all-cores trace read as a per-core one: the pids are not pipes, so every lane is extra.
  ProfileReadOptions o;
  o.format = ProfileFormat::kCoreTrace;
  const ProfileTrace p = read_profile_file(kDir + "all_cores_trace.json", o);
  EXPECT_EQ(p.format, ProfileFormat::kCoreTrace);
  EXPECT_THROW(parse_profile_format("--format", "perfetto"), InputError);
  EXPECT_EQ(parse_profile_format("--format", "msprof-json"), ProfileFormat::kMsprofJson);
}

struct BadCase {
  const char* what;
  std::string text;
  std::optional<ProfileFormat> format;
  std::vector<std::string> says;  // the message names these (file, position, field)
};

TEST(ProfileReaders, MalformedInputIsRefusedWithFilePositionAndField) {
  const std::string head = R"({"profilingType":"op","traceEvents":[)";
  const std::string ok_x =
      R"({"name":"A","ph":"X","pid":"core0.cubecore0","tid":"CUBE","ts":1,"dur":1})";
  const std::vector<BadCase> cases = {
      {"truncated JSON",
       head + ok_x + ",\n{\"name\":\"B\",\"ph\":\"X\"",
       std::nullopt,
       {"bad.json", "line 2", "byte"}},
      {"no X events", head + "]}", std::nullopt, {"bad.json", "traceEvents", "no X"}},
      {"negative duration",
       head + R"({"name":"A","ph":"X","pid":"core0.cubecore0","tid":"CUBE","ts":1,"dur":-2}]})",
       std::nullopt,
       {"bad.json", "line 1", "byte 37", "traceEvents[0].dur", "-2"}},
      {"NaN duration",
       head + R"({"name":"A","ph":"X","pid":"core0.cubecore0","tid":"CUBE","ts":1,"dur":"nan"}]})",
       std::nullopt,
       {"bad.json", "traceEvents[0].dur", "finite"}},
      {"timestamp text",
       head +
           R"({"name":"A","ph":"X","pid":"core0.cubecore0","tid":"CUBE","ts":"1.2.3","dur":1}]})",
       std::nullopt,
       {"bad.json", "traceEvents[0].ts", "1.2.3"}},
      {"missing ts",
       head + R"({"name":"A","ph":"X","pid":"core0.cubecore0","tid":"CUBE","dur":1}]})",
       std::nullopt,
       {"bad.json", "traceEvents[0].ts", "missing"}},
      {"overlapping ops on one lane",
       head + ok_x + ",\n" +
           R"({"name":"B","ph":"X","pid":"core0.cubecore0","tid":"CUBE","ts":1.5,"dur":1}]})",
       std::nullopt,
       {"bad.json", "byte 112", "ts", "overlaps"}},
      {"unknown core name",
       head + R"({"name":"A","ph":"X","pid":"core0.tensor","tid":"CUBE","ts":1,"dur":1}]})",
       std::nullopt,
       {"bad.json", "traceEvents[0].pid", "core0.tensor"}},
      {"missing pid",
       head + R"({"name":"A","ph":"X","tid":"CUBE","ts":1,"dur":1}]})",
       std::nullopt,
       {"bad.json", "traceEvents[0].pid", "missing"}},
      {"an event that is not an object",
       head + "1]}",
       std::nullopt,
       {"bad.json", "traceEvents[0]", "object"}},
      {"name not a string",
       head + R"({"name":5,"ph":"X","pid":"core0.cubecore0","tid":"CUBE","ts":1,"dur":1}]})",
       std::nullopt,
       {"bad.json", "traceEvents[0].name", "string"}},
      {"E with no B",
       head + ok_x +
           R"(,{"name":"SET_FLAG","ph":"E","pid":"core0.cubecore0","tid":"CUBE","ts":3}]})",
       std::nullopt,
       {"bad.json", "traceEvents[1].ph", "no B"}},
      {"flow without id",
       head + ok_x + R"(,{"name":"flow","ph":"s","pid":"core0.cubecore0","tid":"CUBE","ts":1}]})",
       std::nullopt,
       {"bad.json", "traceEvents[1].id", "missing"}},
      {"trailing garbage", head + ok_x + "]} x", std::nullopt, {"bad.json", "byte"}},
      {"deep nesting",
       head + "{\"args\":" + std::string(100, '['),
       std::nullopt,
       {"bad.json", "nesting", "64"}},
      {"no traceEvents",
       R"({"profilingType":"op","other":[]})",
       std::nullopt,
       {"bad.json", "traceEvents", "missing"}},
      {"timeline that is not an array",
       "{\"traceEvents\":[" + ok_x + "]}",
       ProfileFormat::kMsprofJson,
       {"bad.json", "top-level array"}},
      {"timeline without kernel tasks",
       "[" + ok_x + "]",
       std::nullopt,
       {"bad.json", "Ascend Hardware"}},
      {"CSV missing a column",
       "block_id,aic_time(us)\n0,1\n",
       ProfileFormat::kPipeUtilization,
       {"bad.json", "line 1", "sub_block_id"}},
      {"another chip's header",
       "block_id,sub_block_id,time(us),vec_ratio\n0,vector0,1,0.5\n",
       std::nullopt,
       {"bad.json", "line 1", "aic_time(us)"}},
      {"ratio above one",
       "block_id,sub_block_id,aic_time(us),aic_cube_ratio\n0,cube0,1,0.5\n1,cube0,1,1.5\n",
       std::nullopt,
       {"bad.json", "line 3", "aic_cube_ratio", "1.5"}},
      {"unknown sub-block",
       "block_id,sub_block_id,aic_time(us)\n0,tensor0,1\n",
       std::nullopt,
       {"bad.json", "line 2", "sub_block_id", "tensor0"}},
      {"ragged row",
       "block_id,sub_block_id,aic_time(us)\n0,cube0,1,2,3\n",
       std::nullopt,
       {"bad.json", "line 2", "5 fields"}},
      {"unclosed quote",
       "block_id,sub_block_id,aic_time(us)\n0,\"cube0,1\n",
       std::nullopt,
       {"bad.json", "line 2", "quoted"}},
      {"basic info without duration",
       "Op Name,Op Type,Block Dim\nx,mix,4\n",
       ProfileFormat::kOpBasicInfo,
       {"bad.json", "line 1", "Task Duration(us)"}},
      {"basic info with a negative duration",
       "Op Name,Op Type,Task Duration(us),Block Dim\nx,mix,-1,4\n",
       std::nullopt,
       {"bad.json", "line 2", "Task Duration(us)", "-1"}},
      {"not a profile", "hello world", std::nullopt, {"bad.json", "--format"}},
  };
  for (const BadCase& c : cases) {
    ProfileReadOptions o;
    o.format = c.format;
    try {
      read_profile_bytes(c.text, "bad.json", o);
      ADD_FAILURE() << c.what << ": accepted";
    } catch (const InputError& e) {
      for (const std::string& s : c.says) {
        EXPECT_NE(std::string(e.what()).find(s), std::string::npos)
            << c.what << ": \"" << e.what() << "\" does not say " << s;
      }
    }
  }
}

TEST(ProfileReaders, AProfileIsARunLikeAnyOther) {
  ProfileTrace p = read_at_1ghz("all_cores_trace.json");
  const std::size_t ops = p.trace.ops.size();
  const SimulationRun run = profile_as_run(std::move(p));
  EXPECT_EQ(run.hardware.name, "profile all_cores_trace.json");
  EXPECT_DOUBLE_EQ(run.hardware.clock_ghz, 1.0);
  EXPECT_EQ(run.trace.ops.size(), ops);
  EXPECT_EQ(run.plan.cores, 2);
  EXPECT_EQ(run.metrics.makespan_cycles, 5000);
  EXPECT_DOUBLE_EQ(run.metrics.makespan_us, 5.0);
  // Unknown for a profile: not a number, never the default shape's nor zero.
  EXPECT_TRUE(std::isnan(run.metrics.total_flops));
  EXPECT_TRUE(std::isnan(run.metrics.flops_utilization));
  EXPECT_TRUE(run.is_profile());
  EXPECT_DOUBLE_EQ(run.metrics.pipe(Unit::kAic, Pipe::kCube).busy_fraction, 0.1);
}

TEST(ProfileReaders, MissingFileAndDirectoryAreInputErrors) {
  EXPECT_THROW(read_profile_file(kDir + "no_such_file.json"), InputError);
  EXPECT_THROW(read_profile_file(kDir), InputError);
}

}  // namespace
}  // namespace amla
