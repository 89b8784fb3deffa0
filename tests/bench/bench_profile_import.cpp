// Profile import speed: a simulated run written in the Insight (msprof simulator) layout and
// read back by the streaming reader, side by side with writing it: MB/s and ops/s of each, the
// read/write time ratio, and the process's peak memory against the file's size.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>

#include "core/hw/hardware_presets.h"
#include "core/profile/profile_reader.h"
#include "core/run/simulation_run.h"
#include "core/sim/insight_trace_writer.h"
#include "core/sim/trace_export.h"

namespace amla {
namespace {

double seconds_of(const std::function<void()>& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void BM_ImportVsWriteInsightTrace(benchmark::State& state) {
  KernelConfig config;
  config.problem.batch = static_cast<int>(state.range(0));
  const SimulationRun run = run_simulation(find_preset("910B2"), config);
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("amla_bench_profile_" + std::to_string(getpid()) + ".json"))
                               .string();
  double write_s = 0, read_s = 0;
  std::int64_t ops = 0;
  for (auto _ : state) {
    write_s += seconds_of([&] { write_trace_file(run.trace, path, TraceFormat::kInsight); });
    read_s += seconds_of([&] {
      const ProfileTrace p = read_profile_file(path);
      ops = p.op_count();
      benchmark::DoNotOptimize(p.trace.ops.start.size());
    });
  }
  const double mb = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  std::filesystem::remove(path);
  const auto n = static_cast<double>(state.iterations());
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["file_mb"] = mb;
  state.counters["read_mb_per_s"] = mb * n / read_s;
  state.counters["read_ops_per_s"] = static_cast<double>(ops) * n / read_s;
  state.counters["write_mb_per_s"] = mb * n / write_s;
  state.counters["read_over_write"] = read_s / write_s;
  // Includes the simulated run the trace came from.
  state.counters["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_ImportVsWriteInsightTrace)->Arg(16)->Unit(benchmark::kSecond)->Iterations(2);

}  // namespace
}  // namespace amla

BENCHMARK_MAIN();
