// Hostile input through the real amla-cli entry point, one table row per attack: unknown flags
// and commands, missing values, zero / negative / NaN / overflowing numbers, sizes that would
// overflow cycle counts or exhaust memory, tiles larger than their buffers, deep or truncated
// JSON, truncated or lying .npy headers, unreadable inputs and unwritable outputs. Every row must
// exit 2 with one line on stderr naming the field, and leave no file (nor temp file) behind.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <sstream>

#include "app/cli/commands.h"
#include "core/numerics/npy_file.h"

namespace amla::cli {
namespace {

namespace fs = std::filesystem;

struct HostileRow {
  const char* name;
  std::vector<std::string> args;  // "@" is replaced by the scratch directory
  std::string field;              // must appear in the error line
  std::string also = {};          // a second required part of the message, if any
};

std::ostream& operator<<(std::ostream& os, const HostileRow& row) { return os << row.name; }

fs::path g_scratch;
void remove_scratch() {
  std::error_code ec;
  fs::remove_all(g_scratch, ec);
}

// A scratch directory per process (ctest runs rows in parallel processes), holding the inputs.
const fs::path& scratch() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("amla_hostile_" + std::to_string(getpid()));
    fs::remove_all(d);
    g_scratch = d;
    std::atexit(remove_scratch);
    fs::create_directories(d / "in" / "subdir");
    fs::create_directories(d / "out");
    const auto write = [&](const std::string& name, const std::string& bytes) {
      std::ofstream(d / "in" / name, std::ios::binary) << bytes;
    };
    const std::string q = encode_npy_matrix(MatrixF::Constant(2, 576, 0.5f));
    write("q.npy", q);
    write("kv.npy", encode_npy_matrix(MatrixF::Constant(64, 576, 0.25f)));
    write("kv_2mb.npy", encode_npy_matrix(MatrixF::Constant(1024, 576, 0.25f)));
    write("q_truncated_header.npy", q.substr(0, 40));
    write("q_truncated_data.npy", q.substr(0, q.size() - 100));
    // Headers that lie: a shape of 2^31 x 576 over a few bytes, a length beyond the file, a
    // dtype the reader does not take, a negative dimension.
    std::string huge = q;
    huge.replace(huge.find("(2, 576)"), 8, "(2147483648, 576)");
    write("q_huge_shape.npy", huge.substr(0, 200));
    std::string long_header = q;
    long_header[8] = '\xff';
    long_header[9] = '\x7f';
    write("q_header_length.npy", long_header.substr(0, 300));
    std::string f8 = q;
    f8.replace(f8.find("<f4"), 3, "<f8");
    write("q_float64.npy", f8);
    std::string negative = q;
    negative.replace(negative.find("(2, 576)"), 8, "(-2, 576)");
    write("q_negative.npy", negative);
    // A 900 KB dtype string: the header parser once recursed per character and overflowed.
    std::string long_descr = q;
    long_descr.replace(long_descr.find("<f4"), 3, std::string(900000, 'f'));
    write("q_long_descr.npy", long_descr);
    write("nested.json", std::string(100000, '[') + std::string(100000, ']'));
    write("truncated.json", "{\"problem\": {\"batch\": 4, \"kv_len\":");
    write("typo.json", "{\"tiling\": {\"qp_bufers\": 2}}");
    write("huge_int.json", "{\"problem\": {\"kv_len\": 18446744073709551615}}");
    write("float_batch.json", "{\"problem\": {\"batch\": 1e300}}");
    write("number_overflow.json", "{\"problem\": {\"kv_len\": 7e7797}}");
    write("absurd_hw.json", "{\"clock_ghz\": 1e-30}");
    write("absurd_hw_bw.json",
          "{\"parameters\": {\"hbm_bandwidth_gb_per_s\": {\"value\": 1e308}}}");
    write("kv_lens_zero.txt", "4096, 0, 128");
    write("kv_lens_huge.txt", "99999999999999999999999");
    write("not_a_file", "");
    return d;
  }();
  return dir;
}

// Every path under the scratch directory, to see that a failed run left nothing behind.
std::set<std::string> listing() {
  std::set<std::string> paths;
  for (const auto& e : fs::recursive_directory_iterator(scratch())) paths.insert(e.path().string());
  return paths;
}

struct Outcome {
  int code;
  std::string err;
};

// Runs amla-cli in-process, failing the test instead of hanging on a run that never ends.
Outcome run_cli(std::vector<std::string> args) {
  for (auto& a : args) {
    if (const auto at = a.find('@'); at != std::string::npos) a.replace(at, 1, scratch().string());
  }
  args.insert(args.begin(), "amla-cli");
  auto result = std::async(std::launch::async, [args] {
    std::ostringstream out, err;
    const int code = cli_main(args, out, err);
    return Outcome{code, err.str()};
  });
  if (result.wait_for(std::chrono::seconds(120)) != std::future_status::ready) {
    std::fprintf(stderr, "hostile input hung for 120 s; aborting\n");
    std::_Exit(1);
  }
  return result.get();
}

// A small simulation that runs in well under a second, for rows that fail at the output.
std::vector<std::string> small_sim(std::vector<std::string> extra) {
  std::vector<std::string> args = {
      "simulate", "--preset", "910C-die", "--batch",         "1", "--heads", "16", "--q-tokens",
      "1",        "--kv-len", "512",      "--rows-per-task", "16"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::vector<std::string> small_numerics(std::vector<std::string> extra) {
  std::vector<std::string> args = {"numerics", "--rows", "2", "--kv-len", "64"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

const char kBudget[] = "memory budget";
const char kRaise[] = "--memory-budget-mb";

const std::vector<HostileRow>& hostile_rows() {
  static const std::vector<HostileRow> rows = {
      // Unknown commands and flags, missing values.
      {"UnknownCommand", {"frobnicate"}, "command"},
      {"UnknownFlagBits", {"bits", "--value", "1", "--bogus"}, "--bogus"},
      {"UnknownFlagSimulate", {"simulate", "--kv-lenn", "4"}, "--kv-lenn"},
      {"UnknownFlagPresets", {"presets", "--frob"}, "--frob"},
      {"StrayValue", {"report", "oops"}, "argument"},
      {"MissingValueLast", {"bits", "--value"}, "--value"},
      {"MissingValueShift", {"bits", "--value", "1", "--shift"}, "--shift"},
      {"MissingValueSet", {"simulate", "--set"}, "--set"},
      {"MissingValueShow", {"presets", "--show"}, "--show"},
      {"MissingValueParam", {"sweep", "--param"}, "--param"},
      {"MissingNpyPartner", {"numerics", "--q", "@/in/q.npy"}, "--kv"},
      // Zero, negative, NaN, overflowing numbers.
      {"ZeroRows", {"numerics", "--rows", "0"}, "--rows"},
      {"NegativeRows", {"numerics", "--rows", "-5"}, "--rows"},
      {"NanKvLen", {"numerics", "--kv-len", "nan"}, "--kv-len"},
      {"ZeroKvBlock", {"numerics", "--kv-block", "0"}, "--kv-block"},
      {"ZeroScale", {"numerics", "--scale", "0"}, "--scale"},
      {"NegativeScale", {"numerics", "--scale", "-1"}, "--scale"},
      {"NanGuard", {"numerics", "--guard-threshold", "nan"}, "--guard-threshold"},
      {"OverflowSeed", {"numerics", "--seed", "99999999999999999999"}, "--seed"},
      {"NegativeThreads", {"numerics", "--threads", "-1"}, "--threads"},
      {"NanShift", {"bits", "--value", "1", "--shift", "nan"}, "--shift"},
      {"OverflowComp", {"bits", "--value", "1", "--comp", "99999999999999999999"}, "--comp"},
      {"OverflowFloatValue", {"bits", "--value", "1e39"}, "--value"},
      {"LongBitPattern", {"bits", "--value", "0x123456789"}, "--value"},
      {"ZeroBatch", {"simulate", "--batch", "0"}, "--batch"},
      {"NegativeBatch", {"simulate", "--batch", "-4"}, "--batch"},
      {"NanHeads", {"simulate", "--heads", "nan"}, "--heads"},
      {"OverflowHeads", {"simulate", "--heads", "99999999999999999999"}, "--heads"},
      {"NegativePreload", {"simulate", "--preload", "-1"}, "--preload"},
      {"ZeroDpi", small_sim({"--timeline", "t.png", "--dpi", "0"}), "--dpi"},
      {"BackwardsRange", small_sim({"--range", "10:5"}), "--range"},
      {"NanRange", small_sim({"--range", "nan:5"}), "--range"},
      {"NegativeBuffersCore", small_sim({"--buffers-core", "-1"}), "--buffers-core"},
      {"ZeroKvDist", {"simulate", "--kv-dist", "normal:0"}, "--kv-dist"},
      {"NanSet", {"simulate", "--set", "clock_ghz=nan"}, "--set clock_ghz"},
      {"UnknownSetKey", {"simulate", "--set", "clock_ghs=1"}, "--set clock_ghs"},
      {"ZeroReportRows", {"report", "--rows", "0"}, "--rows"},
      {"NegativeReportKvLen", {"report", "--kv-len", "-1"}, "--kv-len"},
      {"NanReportRows", {"report", "--rows", "nan"}, "--rows"},
      {"ZeroBudget", {"numerics", "--memory-budget-mb", "0"}, "--memory-budget-mb"},
      {"OverflowBudget",
       {"simulate", "--memory-budget-mb", "99999999999999"},
       "--memory-budget-mb"},
      {"UnknownSweepKnob", {"sweep", "--param", "bogus=1,2"}, "--bogus"},
      {"EmptySweepValue", {"sweep", "--param", "preload=0,,1"}, "--param preload"},
      {"NoSweepValues", {"sweep", "--param", "preload="}, "--param preload"},
      {"NegativeSweepJobs", {"sweep", "--param", "preload=0,1", "--jobs", "-1"}, "--jobs"},
      {"UnknownPreset", {"presets", "--show", "910Z"}, "--show"},
      {"OutWithoutShow", {"presets", "--out", "@/out/hw.json"}, "--out"},
      // Runs whose counts would overflow 64-bit cycles or exhaust memory: refused up front.
      {"HugeSimulation", {"simulate", "--kv-len", "16777216", "--batch", "65536"}, kBudget, kRaise},
      {"TinyClock", {"simulate", "--set", "clock_ghz=1e-30"}, "--set clock_ghz"},
      {"TinyBandwidth", small_sim({"--set", "hbm_bandwidth_gb_per_s=1e-300"}),
       "--set hbm_bandwidth_gb_per_s"},
      {"TinyCubeRate", small_sim({"--set", "cube_flops_per_cycle=1e-300"}),
       "--set cube_flops_per_cycle"},
      {"AbsurdHardwareFile", {"simulate", "--hw", "@/in/absurd_hw.json"}, "--hw clock_ghz"},
      {"AbsurdBandwidthFile",
       {"simulate", "--hw", "@/in/absurd_hw_bw.json"},
       "--hw parameters.hbm_bandwidth_gb_per_s"},
      {"HugeNumerics", {"numerics", "--rows", "1048576", "--kv-len", "67108864"}, kBudget, kRaise},
      {"HugeReport",
       {"report", "--rows", "4096", "--kv-len", "1048576", "--out", "@/out/r", "--memory-budget-mb",
        "1024"},
       kBudget,
       kRaise},
      {"NumericsOverBudget",
       small_numerics({"--memory-budget-mb", "1", "--rows", "512", "--kv-len", "4096"}), kBudget,
       kRaise},
      {"SimulationOverBudget",
       // Over 1 MiB even without its trace (~360k ops at 16 B each).
       {"simulate", "--batch", "64", "--kv-len", "8192", "--memory-budget-mb", "1"},
       kBudget,
       kRaise},
      {"NpyOverBudget",
       {"numerics", "--q", "@/in/q.npy", "--kv", "@/in/kv_2mb.npy", "--memory-budget-mb", "1"},
       kBudget,
       kRaise},
      // Tiles larger than their buffers.
      {"MTileOverL1", {"simulate", "--m-tile", "1024"}, "--m-tile"},
      {"KvBuffersOverL1", {"simulate", "--kv-buffers", "64"}, "--kv-buffers"},
      {"KvBlockOverUb", {"simulate", "--kv-block", "65536"}, "--kv-block"},
      {"UbChunkOverUb", {"simulate", "--ub-chunk", "1048576"}, "--ub-chunk"},
      {"MmTileOverL0", {"simulate", "--mm1-n-tile", "4096"}, "--mm1-n-tile"},
      // Deep, truncated or wrong JSON.
      {"DeeplyNestedConfig", {"simulate", "--config", "@/in/nested.json"}, "--config"},
      {"DeeplyNestedHw", {"simulate", "--hw", "@/in/nested.json"}, "--hw"},
      {"TruncatedConfig", {"simulate", "--config", "@/in/truncated.json"}, "--config"},
      {"TypoInConfig", {"simulate", "--config", "@/in/typo.json"}, "--config tiling.qp_bufers"},
      {"HugeIntInConfig",
       {"simulate", "--config", "@/in/huge_int.json"},
       "--config problem.kv_len"},
      {"NumberOverflowInConfig", {"simulate", "--config", "@/in/number_overflow.json"}, "--config"},
      {"NumberOverflowInHw", {"simulate", "--hw", "@/in/number_overflow.json"}, "--hw"},
      {"FloatBatchInConfig",
       {"simulate", "--config", "@/in/float_batch.json"},
       "--config problem.batch"},
      // Truncated or lying .npy headers.
      {"NpyTruncatedHeader",
       {"numerics", "--q", "@/in/q_truncated_header.npy", "--kv", "@/in/kv.npy"},
       "--q"},
      {"NpyTruncatedData",
       {"numerics", "--q", "@/in/q_truncated_data.npy", "--kv", "@/in/kv.npy"},
       "--q"},
      {"NpyHugeShape", {"numerics", "--q", "@/in/q_huge_shape.npy", "--kv", "@/in/kv.npy"}, "--q"},
      {"NpyHeaderLongerThanFile",
       {"numerics", "--q", "@/in/q_header_length.npy", "--kv", "@/in/kv.npy"},
       "--q"},
      {"NpyLongDescr", {"numerics", "--q", "@/in/q_long_descr.npy", "--kv", "@/in/kv.npy"}, "--q"},
      {"NpyFloat64", {"numerics", "--q", "@/in/q_float64.npy", "--kv", "@/in/kv.npy"}, "--q"},
      {"NpyNegativeShape",
       {"numerics", "--q", "@/in/q_negative.npy", "--kv", "@/in/kv.npy"},
       "--q"},
      {"JsonAsNpy", {"numerics", "--q", "@/in/q.npy", "--kv", "@/in/nested.json"}, "--kv"},
      // Unreadable inputs.
      {"MissingNpy", {"numerics", "--q", "@/in/none.npy", "--kv", "@/in/kv.npy"}, "--q"},
      {"DirectoryAsNpy", {"numerics", "--q", "@/in/subdir", "--kv", "@/in/kv.npy"}, "--q"},
      {"EmptyNpy", {"numerics", "--q", "@/in/q.npy", "--kv", "@/in/not_a_file"}, "--kv"},
      {"MissingConfig", {"simulate", "--config", "@/in/none.json"}, "--config"},
      {"DirectoryAsHw", {"simulate", "--hw", "@/in/subdir"}, "--hw"},
      {"MissingKvLens", {"simulate", "--kv-lens", "@/in/none.txt"}, "--kv-lens"},
      {"ZeroInKvLens",
       {"simulate", "--batch", "3", "--kv-lens", "@/in/kv_lens_zero.txt"},
       "--kv-lens"},
      {"OverflowInKvLens", {"simulate", "--kv-lens", "@/in/kv_lens_huge.txt"}, "--kv-lens"},
      // Unwritable outputs: nothing may be left behind, not even a temp file.
      {"NumericsOutNoDir", small_numerics({"--out-amla", "@/out/missing/a.npy"}), "--out-amla"},
      {"NumericsOutIsDir", small_numerics({"--out-golden", "@/out"}), "--out-golden"},
      {"NumericsOutUnderFile", small_numerics({"--out-baseline", "@/in/q.npy/b.npy"}),
       "--out-baseline"},
      {"TraceNoDir", small_sim({"--trace", "@/out/missing/t.json"}), "--trace"},
      {"TraceIsDir", small_sim({"--trace", "@/out"}), "--trace"},
      {"CsvNoDir", small_sim({"--csv", "@/out/missing/ops.csv"}), "--csv"},
      {"PresetOutNoDir", {"presets", "--show", "910B1", "--out", "@/out/missing/hw.json"}, "--out"},
      {"PresetOutIsDir", {"presets", "--show", "910B1", "--out", "@/out"}, "--out"},
      {"ReportOutIsFile",
       {"report", "--rows", "2", "--kv-len", "64", "--out", "@/in/q.npy"},
       "--out"},
      {"SweepCsvNoDir",
       {"sweep", "--preset", "910C-die", "--batch", "1", "--heads", "16", "--q-tokens", "1",
        "--kv-len", "512", "--rows-per-task", "16", "--param", "preload=0,1", "--csv",
        "@/out/missing/s.csv"},
       "--csv"},
  };
  return rows;
}

class CliHostile : public testing::TestWithParam<HostileRow> {};

TEST_P(CliHostile, ExitsTwoWithOneLineNamingTheFieldAndLeavesNoFile) {
  const HostileRow& row = GetParam();
  const std::set<std::string> before = listing();
  const Outcome r = run_cli(row.args);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("amla-cli: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(row.field), std::string::npos)
      << "expected '" << row.field << "' in " << r.err;
  if (!row.also.empty()) {
    EXPECT_NE(r.err.find(row.also), std::string::npos)
        << "expected '" << row.also << "' in " << r.err;
  }
  EXPECT_EQ(listing(), before) << "a failed run left files behind";
}

INSTANTIATE_TEST_SUITE_P(Table, CliHostile, testing::ValuesIn(hostile_rows()),
                         [](const testing::TestParamInfo<HostileRow>& info) {
                           return std::string(info.param.name);
                         });

TEST(CliHostileTable, CoversEveryCommand) {
  std::set<std::string> commands;
  for (const auto& row : hostile_rows()) commands.insert(row.args.front());
  for (const char* c : {"bits", "numerics", "simulate", "sweep", "presets", "report"}) {
    EXPECT_TRUE(commands.count(c)) << c;
  }
  EXPECT_GE(hostile_rows().size(), 40u);
}

}  // namespace
}  // namespace amla::cli
