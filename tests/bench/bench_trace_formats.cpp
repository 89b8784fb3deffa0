// Trace file formats side by side (issue 16, item 5): size and write time of the Chrome JSON, the
// same JSON through gzip (level 1, which --trace uses, and level 6) and Perfetto's protobuf, for
// the run setup.sh exports (S_k 4096) and the calibration shape (amla-cli simulate's default).
// The bytes go to a sink that counts and discards them, so the time is the writer's (encoding
// and compression), not the disk's.
#include <benchmark/benchmark.h>

#include <chrono>
#include <map>
#include <streambuf>

#include "core/common/gzip_ostream.h"
#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"
#include "core/sim/chrome_trace_writer.h"
#include "core/sim/perfetto_trace_writer.h"
#include "core/sim/trace_export.h"

namespace amla {
namespace {

class CountingSink : public std::streambuf {
 public:
  std::uint64_t bytes = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<std::uint64_t>(n);
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) ++bytes;
    return traits_type::not_eof(c);
  }
};

// 0: setup.sh's exported run (the default problem at S_k 4096); 1: the calibration shape.
const Trace& shape_trace(int shape) {
  static std::map<int, SimulationRun> runs;
  auto it = runs.find(shape);
  if (it == runs.end()) {
    KernelConfig config;
    if (shape == 0) config.problem.kv_len = 4096;
    it = runs.emplace(shape, run_simulation(find_preset("910C-package"), config)).first;
  }
  return it->second.trace;
}

// kGzip is what --trace FILE.json.gz writes (zlib level 1); kGzip6 the same JSON at zlib's
// default level, for the size the extra time would buy.
enum Writer { kJson, kGzip, kGzip6, kPerfetto };

void write_with(Writer w, const Trace& trace, std::ostream& out) {
  switch (w) {
    case kJson:
      write_trace(trace, out, TraceFormat::kChrome);
      break;
    case kGzip:
      write_trace(trace, out, TraceFormat::kChromeGzip);
      break;
    case kGzip6: {
      GzipOstream gz(out, 6);
      write_chrome_trace(trace, gz);
      gz.finish();
      break;
    }
    case kPerfetto:
      write_trace(trace, out, TraceFormat::kPerfetto);
      break;
  }
}

void BM_TraceWrite(benchmark::State& state) {
  const Trace& trace = shape_trace(static_cast<int>(state.range(0)));
  const auto writer = static_cast<Writer>(state.range(1));
  double seconds = 0;
  std::uint64_t bytes = 0;
  for (auto _ : state) {
    CountingSink sink;
    std::ostream out(&sink);
    const auto t0 = std::chrono::steady_clock::now();
    write_with(writer, trace, out);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    bytes = sink.bytes;
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["ops"] = static_cast<double>(trace.ops.size());
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["bytes_per_op"] =
      static_cast<double>(bytes) / static_cast<double>(trace.ops.size());
  state.counters["write_s"] = seconds / n;
}
// Args: shape (0 S_k 4096, 1 calibration), writer (0 JSON, 1 gzip as --trace writes it, 2 gzip
// level 6, 3 Perfetto).
BENCHMARK(BM_TraceWrite)
    ->ArgNames({"shape", "writer"})
    ->ArgsProduct({{0, 1}, {kJson, kGzip, kGzip6, kPerfetto}})
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

}  // namespace
}  // namespace amla

BENCHMARK_MAIN();
