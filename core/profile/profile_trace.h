#pragma once
// A profile read from one of Ascend's profilers, held as the simulator's own Trace (so the
// timeline, the metrics and the comparisons treat it as a run like any other) plus what the
// simulator's trace has no place for: instruction names, pipes outside the seven modelled ones
// (SCALARLDST, FLOWCTRL, CACHEMISS, ...), the flag marks as written, counters, and the per-block
// pipe ratios of msprof op's CSVs.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ops/pipes.h"
#include "core/ops/trace.h"

namespace amla {

enum class ProfileFormat : std::uint8_t {
  kSimulatorTrace,   // msprof op simulator, all cores: pid "core0.cubecore0", tid = pipe name
  kCoreTrace,        // msprof op simulator, one core: integer pid per pipe, tid "MTE2_1"
  kMsprofJson,       // msprof system timeline: a top-level array, kernel tasks per stream
  kPipeUtilization,  // msprof op PipeUtilization.csv: time and ratio per pipe per block
  kOpBasicInfo,      // msprof op OpBasicInfo.csv: the task duration, block dim, frequency
};
constexpr ProfileFormat kProfileFormats[] = {
    ProfileFormat::kSimulatorTrace, ProfileFormat::kCoreTrace, ProfileFormat::kMsprofJson,
    ProfileFormat::kPipeUtilization, ProfileFormat::kOpBasicInfo};
// "simulator-trace", "core-trace", "msprof-json", "pipe-utilization", "op-basic-info".
const char* profile_format_name(ProfileFormat f);

// Ops of a lane the simulator's Trace has no index for, kept under their own name.
struct ExtraLane {
  int core = 0;
  Unit unit = Unit::kAic;
  std::string name;  // the pipe or lane as the file names it: "FLOWCTRL", "MTE2_2", "Stream 3"
  std::vector<std::int64_t> start, end;  // cycles, sorted by start
  std::vector<std::int32_t> op_name;     // into ProfileTrace::names
};

// A SET_FLAG / WAIT_FLAG span or one end of a flow arrow, as the file wrote it.
struct FlagMark {
  enum class Kind : std::uint8_t { kSet, kWait };
  Kind kind = Kind::kSet;
  int core = 0;
  Unit unit = Unit::kAic;
  std::string lane;                 // pipe name of the lane it sits on
  std::string id;                   // pairs a set with its wait
  std::int64_t begin = 0, end = 0;  // cycles (a flow end: begin == end)
};

// One counter series: (time in microseconds, value), as written.
struct CounterSeries {
  std::string process;  // pid as text
  std::string name;     // "name/arg"
  std::vector<double> ts_us;
  std::vector<double> value;
};

// One row of PipeUtilization.csv: a block's sub-block (AIC or one AIV) and its pipes.
struct BlockPipeUsage {
  int block = 0;
  Unit unit = Unit::kAic;
  double time_us = 0;  // the sub-block's total
  // Per modelled pipe (nullopt when the CSV has no column for it).
  std::array<std::optional<double>, kPipeCount> pipe_time_us{}, pipe_ratio{};
  // Pipes the simulator does not model, by the CSV's own name ("ICACHE_MISS").
  std::vector<std::pair<std::string, double>> other_ratio;
};

struct ProfileTrace {
  ProfileFormat format = ProfileFormat::kSimulatorTrace;
  std::string source;  // the file, as given
  double clock_mhz = 1800;
  Trace trace;                        // ops on the simulator's lanes (clock_ghz = clock_mhz/1000)
  std::vector<std::int32_t> op_name;  // one per trace.ops entry, into names
  std::vector<std::string> names;     // instruction names, each once
  std::vector<ExtraLane> extra_lanes;
  std::vector<FlagMark> flag_marks;
  std::vector<CounterSeries> counters;
  std::int64_t skipped_pseudo_events = 0;  // cache_time / ccu_time
  // CSV profiles (no ops): per-block usage and the task's figures.
  std::vector<BlockPipeUsage> blocks;
  std::optional<double> task_duration_us;
  std::optional<int> block_dim;
  std::string op_name_text, op_type;  // OpBasicInfo's Op Name / Op Type

  std::int64_t op_count() const;  // on the simulator's lanes and the extra lanes
};

}  // namespace amla
