// A 2-D sweep of 36 configurations of the calibration shape (910C package, B=128, q_tokens=2,
// 128 heads, S_k=16384), with 1 job and with 2 jobs side by side: the parallel efficiency.
#include <benchmark/benchmark.h>

#include <chrono>

#include "core/hw/hardware_presets.h"
#include "core/sweep/sweep.h"

namespace amla {
namespace {

double sweep_seconds(int jobs, int* cells) {
  RunConfig base;
  base.hardware = find_preset("910C-package");
  const std::vector<SweepParameter> params = {
      parse_sweep_parameter("preload=0,1,2,0,1,2"),  // repeats: cells are independent runs
      parse_sweep_parameter("gm-slots=1,2,3,4,5,6")};
  SweepOptions options;
  options.jobs = jobs;  // no cache: every cell is simulated
  const auto t0 = std::chrono::steady_clock::now();
  const SweepResult r = run_sweep(base, params, options);
  *cells = static_cast<int>(r.cells.size());
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void BM_SweepParallelEfficiency(benchmark::State& state) {
  double one = 0, two = 0;
  int cells = 0;
  for (auto _ : state) {
    one += sweep_seconds(1, &cells);
    two += sweep_seconds(2, &cells);
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["cells"] = cells;
  state.counters["jobs1_s"] = one / n;
  state.counters["jobs2_s"] = two / n;
  state.counters["speedup"] = one / two;
  state.counters["efficiency"] = one / two / 2.0;
}
BENCHMARK(BM_SweepParallelEfficiency)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace amla

BENCHMARK_MAIN();
