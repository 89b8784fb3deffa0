// The sensitivity of the calibration shape (910C package, B=128, q_tokens=2, 128 heads,
// S_k=16384: every estimated and fitted parameter at +-20%), with 1 job and with 2 jobs side by
// side: the parallel efficiency of its pool.
#include <benchmark/benchmark.h>

#include <chrono>

#include "core/hw/hardware_presets.h"
#include "core/run/sensitivity.h"

namespace amla {
namespace {

double sensitivity_seconds(int jobs, int* runs) {
  SensitivityOptions options;
  options.jobs = jobs;
  const auto t0 = std::chrono::steady_clock::now();
  const SensitivityResult r = run_sensitivity(find_preset("910C-package"), KernelConfig{}, options);
  *runs = r.runs;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void BM_SensitivityParallelEfficiency(benchmark::State& state) {
  double one = 0, two = 0;
  int runs = 0;
  for (auto _ : state) {
    one += sensitivity_seconds(1, &runs);
    two += sensitivity_seconds(2, &runs);
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["runs"] = runs;
  state.counters["jobs1_s"] = one / n;
  state.counters["jobs2_s"] = two / n;
  state.counters["speedup"] = one / two;
  state.counters["efficiency"] = one / two / 2.0;
}
BENCHMARK(BM_SensitivityParallelEfficiency)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace amla

BENCHMARK_MAIN();
