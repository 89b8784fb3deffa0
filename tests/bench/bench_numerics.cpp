// Numerics benchmarks. Figures that matter are ratios measured side by side in one run:
//  - AMLA's INT32 exponent add vs a float multiply over a 64 MB FP32 array;
//  - the golden + both emulations at rows 128, S_k 16384 against Eigen's plain FP32 GEMM rate.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstring>
#include <vector>

#include "core/numerics/float_bits.h"
#include "core/numerics/numerics_run.h"

namespace amla {
namespace {

constexpr std::size_t kArrayFloats = (64u << 20) / sizeof(float);  // 64 MB

void exponent_add_pass(std::vector<std::uint32_t>& bits, std::int32_t addend) {
  const std::uint32_t a = static_cast<std::uint32_t>(addend);
  for (auto& b : bits) b += a;
}

void multiply_pass(std::vector<float>& values, float factor) {
  for (auto& v : values) v *= factor;
}

template <typename F>
double seconds_of(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Alternates the two passes over the same 64 MB so both see the same machine state; the add
// pairs +N / -N (and the multiply 2^-3 / 2^3) keep the values from drifting out of range.
void BM_ExponentAddVsMultiply(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0)) / sizeof(float);
  std::vector<float> values(n, 1.25f);
  std::vector<std::uint32_t> bits(n, bits_of(1.25f));
  double add_s = 0, mul_s = 0;
  int flip = 1;
  for (auto _ : state) {
    add_s += seconds_of([&] { exponent_add_pass(bits, exponent_addend(-3 * flip)); });
    mul_s += seconds_of([&] { multiply_pass(values, flip > 0 ? 0.125f : 8.0f); });
    flip = -flip;
    benchmark::DoNotOptimize(bits.data());
    benchmark::DoNotOptimize(values.data());
    benchmark::ClobberMemory();
  }
  state.counters["add_GBps"] = static_cast<double>(n) * 8 * state.iterations() / add_s / 1e9;
  state.counters["mul_GBps"] = static_cast<double>(n) * 8 * state.iterations() / mul_s / 1e9;
  state.counters["add_time_over_mul_time"] = add_s / mul_s;
}
BENCHMARK(BM_ExponentAddVsMultiply)
    ->Arg(static_cast<int64_t>(kArrayFloats * sizeof(float)))  // 64 MB: memory bound
    ->Arg(64 << 10)                                            // 64 KB: in L2, compute bound
    ->Unit(benchmark::kMillisecond);

// The golden + baseline + AMLA on one thread against Eigen's FP32 GEMM on one thread, using the
// emulation's own GEMM shapes (S = Q K^T and O = P V over the whole sequence).
void BM_EmulationVsGemm(benchmark::State& state) {
  const int rows = 128;
  const int kv_len = static_cast<int>(state.range(0));
  InputSpec spec;
  spec.rows = rows;
  spec.kv_len = kv_len;
  const AttentionInputs in = generate_inputs(spec);
  NumericsConfig config;
  config.threads = 1;
  MatrixF s(rows, kv_len), o(rows, kValueDim);
  double emulation_s = 0, gemm_s = 0;
  for (auto _ : state) {
    gemm_s += seconds_of([&] {
      s.noalias() = in.q * in.kv.transpose();
      o.noalias() = s * in.kv.leftCols(kValueDim);
    });
    benchmark::DoNotOptimize(o.data());
    emulation_s += seconds_of([&] {
      const NumericsRun run = run_numerics(in, config);
      benchmark::DoNotOptimize(run.amla.output.data());
    });
  }
  const double iters = static_cast<double>(state.iterations());
  const double pass_flops = attention_flops(rows, kv_len);
  const double gemm_gflops = pass_flops * iters / gemm_s / 1e9;
  const double emulation_gflops = 3.0 * pass_flops * iters / emulation_s / 1e9;
  state.counters["run_seconds"] = emulation_s / iters;
  state.counters["gemm_GFLOPs"] = gemm_gflops;
  state.counters["emulation_GFLOPs"] = emulation_gflops;
  state.counters["emulation_over_gemm"] = emulation_gflops / gemm_gflops;
}
BENCHMARK(BM_EmulationVsGemm)->Arg(16384)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace amla

BENCHMARK_MAIN();
