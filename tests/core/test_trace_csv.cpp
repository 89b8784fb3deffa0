#include "core/sim/trace_csv.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/common/input_error.h"

namespace amla {
namespace {

// Three ops on two cores, in lane order: AIC MTE2, AIC CUBE (core 0), AIV1 MTE3 (core 1).
Trace small_trace() {
  Trace t;
  t.cores = 2;
  t.clock_ghz = 1.8;
  const auto add = [&t](int core, Unit unit, OpKind kind, int task, std::int64_t start,
                        std::int64_t end, double bytes, double flops) {
    t.ops.append({lane_index(core, unit, op_kind_pipe(kind)), kind, task, start, end,
                  OpShape{bytes, flops, 0, 0}});
  };
  add(0, Unit::kAic, OpKind::kLoadK, 0, 0, 100, 4096, 0);
  add(0, Unit::kAic, OpKind::kMmadQK, 0, 100, 250, 0, 1048576);
  add(1, Unit::kAiv1, OpKind::kStoreOut, 7, 900, 1260, 512, 0);
  return t;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string csv_text(const Trace& t) {
  std::ostringstream out;
  write_ops_csv(t, out);
  return out.str();
}

TEST(TraceCsv, HeaderAndOneLinePerOp) {
  const auto lines = lines_of(csv_text(small_trace()));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0],
            "core,unit,pipe,kind,task,start_cycle,end_cycle,duration_cycles,start_us,duration_us,"
            "bytes,flops");
  for (const std::string& line : lines) {
    EXPECT_EQ(std::count(line.begin(), line.end(), ','), 11) << line;
  }
}

TEST(TraceCsv, LineValues) {
  const auto lines = lines_of(csv_text(small_trace()));
  // 100 cycles at 1.8 GHz = 0.0555... us; 150 cycles = 0.08333... us.
  EXPECT_EQ(lines[2], "0,AIC,CUBE,MmadQK,0,100,250,150,0.055556,0.083333,0,1048576");
  // 900 cycles = 0.5 us; 360 cycles = 0.2 us.
  EXPECT_EQ(lines[3], "1,AIV1,MTE3,StoreOut,7,900,1260,360,0.500000,0.200000,512,0");
  EXPECT_EQ(lines[1], "0,AIC,MTE2,LoadK,0,0,100,100,0.000000,0.055556,4096,0");
}

TEST(TraceCsv, RejectsInconsistentTraces) {
  Trace t = small_trace();
  t.ops.shape.pop_back();
  EXPECT_THROW(csv_text(t), std::invalid_argument);
  Trace lane = small_trace();
  lane.ops.lane.set(0, lane_index(2, Unit::kAic, Pipe::kMte2));  // core 2 of 2
  EXPECT_THROW(csv_text(lane), std::invalid_argument);
}

TEST(TraceCsv, FileVariantNamesTheFlag) {
  const auto dir = std::filesystem::temp_directory_path() / "amla_trace_csv_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "ops.csv").string();
  write_ops_csv_file(small_trace(), path);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), csv_text(small_trace()));
  std::filesystem::remove_all(dir);
  try {
    write_ops_csv_file(small_trace(), (dir / "missing" / "ops.csv").string());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--csv");
  }
}

}  // namespace
}  // namespace amla
