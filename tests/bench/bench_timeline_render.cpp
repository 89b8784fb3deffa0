// Timeline rendering cost: a 1920x1080 frame (core 0 expanded, the other cores as density rows,
// legend and ruler) for a ~1M-op run and a ~1K-op run, at full zoom-out, mid zoom (1/50 of the
// run) and deep zoom (2000 cycles). Level of detail should make the big run cost about what the
// small one does: target 1M ops at full zoom-out within 2x of 1K ops, and under 16 ms.
// The index is built once per run (as the widget does) and timed separately.
#include <benchmark/benchmark.h>

// Core headers first: trace.h has a member named `slots`, which Qt's keyword macro would eat.
#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"
#include "core/view/timeline_index.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <chrono>
#include <map>
#include <memory>

#include "ui/timeline/timeline_export.h"

namespace amla {
namespace {

struct Fixture {
  SimulationRun run;
  std::unique_ptr<TimelineIndex> index;
  double index_ms = 0;
};

Fixture& fixture(bool large) {
  static std::map<bool, std::unique_ptr<Fixture>> cache;
  auto& slot = cache[large];
  if (!slot) {
    slot = std::make_unique<Fixture>();
    // Same machine (48 cores, so the same rows) for both: the difference is the op count only.
    // B=114, S_k=12288 gives 1,008,216 ops; B=1, S_k=1024 gives 864.
    KernelConfig config;
    config.problem.batch = large ? 114 : 1;
    config.problem.kv_len = large ? 12288 : 1024;
    slot->run = run_simulation(find_preset("910C-package"), config);
    const auto t0 = std::chrono::steady_clock::now();
    slot->index = std::make_unique<TimelineIndex>(slot->run.trace);
    slot->index_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
  return *slot;
}

enum Zoom { kFull = 0, kMid = 1, kDeep = 2 };

// The render time of one frame, in milliseconds, averaged over the iterations.
void render(benchmark::State& state, bool large) {
  Fixture& f = fixture(large);
  const double end = static_cast<double>(f.index->end_cycle());
  ui::TimelineRenderOptions options;
  options.width = 1920;
  options.height = 1080;
  const auto zoom = static_cast<Zoom>(state.range(0));
  const double span = zoom == kFull ? end : zoom == kMid ? end / 50 : 2000.0;
  options.t0_cycles = zoom == kFull ? 0 : 0.5 * (end - span);
  options.t1_cycles = options.t0_cycles + span;
  QImage image(options.width, options.height, QImage::Format_ARGB32_Premultiplied);
  for (auto _ : state) {
    image.fill(Qt::white);
    QPainter painter(&image);
    ui::paint_timeline(painter, image.rect(), f.run, *f.index, options);
    painter.end();
    benchmark::DoNotOptimize(image.constBits());
  }
  state.counters["ops"] = static_cast<double>(f.index->op_count());
  state.counters["index_build_ms"] = f.index_ms;
  state.SetLabel(zoom == kFull  ? "full zoom-out"
                 : zoom == kMid ? "mid zoom (1/50)"
                                : "deep (2000 cycles)");
}

void BM_Render1MOps(benchmark::State& state) { render(state, true); }
void BM_Render1KOps(benchmark::State& state) { render(state, false); }
BENCHMARK(BM_Render1MOps)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_Render1KOps)->DenseRange(0, 2)->Unit(benchmark::kMillisecond)->MinTime(1.0);

// Both runs at full zoom-out in one benchmark, so the ratio is a reported counter.
void BM_FullZoomOutRatio(benchmark::State& state) {
  Fixture& big = fixture(true);
  Fixture& small = fixture(false);
  ui::TimelineRenderOptions options;
  QImage image(options.width, options.height, QImage::Format_ARGB32_Premultiplied);
  const auto frame_ms = [&](Fixture& f) {
    const auto t0 = std::chrono::steady_clock::now();
    image.fill(Qt::white);
    QPainter painter(&image);
    ui::paint_timeline(painter, image.rect(), f.run, *f.index, options);
    painter.end();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  };
  double big_ms = 0, small_ms = 0;
  for (auto _ : state) {
    big_ms += frame_ms(big);
    small_ms += frame_ms(small);
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["ops_large"] = static_cast<double>(big.index->op_count());
  state.counters["ops_small"] = static_cast<double>(small.index->op_count());
  state.counters["large_ms"] = big_ms / n;
  state.counters["small_ms"] = small_ms / n;
  state.counters["ratio"] = big_ms / small_ms;
}
BENCHMARK(BM_FullZoomOutRatio)->Unit(benchmark::kMillisecond)->Iterations(30);

}  // namespace
}  // namespace amla

int main(int argc, char** argv) {
  // Rendering needs a GUI application for fonts; the offscreen platform needs no display.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
