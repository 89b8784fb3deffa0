// The timeline's model: time <-> pixel mapping (table-driven), the visible op range against a brute
// force, level-of-detail folding that keeps every op at every zoom (small and 1.5M-op runs), busy
// density against exact coverage, and range statistics against a hand-computed case.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"
#include "core/view/range_stats.h"
#include "core/view/time_mapping.h"
#include "core/view/timeline_index.h"

namespace amla {
namespace {

struct SyntheticOp {
  Unit unit;
  Pipe pipe;
  OpKind kind;
  std::int64_t start, end;
  double bytes = 0;
  double flops = 0;
};

// A one-core trace from a list of ops (any order): sorted per lane like the simulator's.
Trace make_trace(std::vector<SyntheticOp> list) {
  Trace t;
  t.cores = 1;
  t.clock_ghz = 1.0;
  const auto lane_of = [](const SyntheticOp& o) { return lane_index(0, o.unit, o.pipe); };
  std::stable_sort(list.begin(), list.end(), [&](const SyntheticOp& a, const SyntheticOp& b) {
    return lane_of(a) != lane_of(b) ? lane_of(a) < lane_of(b) : a.start < b.start;
  });
  const int lanes = kUnitCount * kPipeCount;
  t.ops.lane_begin.assign(static_cast<std::size_t>(lanes) + 1, 0);
  for (const SyntheticOp& o : list) {
    t.ops.append({lane_of(o), o.kind, -1, o.start, o.end, OpShape{o.bytes, o.flops, 0, 0}});
    ++t.ops.lane_begin[static_cast<std::size_t>(lane_of(o)) + 1];
  }
  for (int l = 0; l < lanes; ++l) {
    t.ops.lane_begin[static_cast<std::size_t>(l) + 1] +=
        t.ops.lane_begin[static_cast<std::size_t>(l)];
  }
  return t;
}

const SimulationRun& small_run() {
  static const SimulationRun run = [] {
    KernelConfig config;
    config.problem.batch = 1;
    config.problem.kv_len = 2048;
    return run_simulation(find_preset("910B2"), config);
  }();
  return run;
}

const SimulationRun& full_run() {
  static const SimulationRun run = run_simulation(find_preset("910C-package"), KernelConfig{});
  return run;
}

std::int64_t brute_force_visible(const Trace& trace, int lane, double t0, double t1) {
  std::int64_t n = 0;
  const std::size_t b =
      static_cast<std::size_t>(trace.ops.lane_begin[static_cast<std::size_t>(lane)]);
  const std::size_t e =
      static_cast<std::size_t>(trace.ops.lane_begin[static_cast<std::size_t>(lane) + 1]);
  for (std::size_t i = b; i < e; ++i) {
    if (static_cast<double>(trace.ops.start[i]) < t1 && static_cast<double>(trace.ops.end[i]) > t0)
      ++n;
  }
  return n;
}

// Checks every lane's draw items in one view: contiguous op ranges covering exactly the visible
// ops, real ops at least fold_px wide unless alone, and blocks with consistent busy cycles.
void expect_items_cover_view(const TimelineIndex& index, const TimeMapping& m) {
  const OpTrace& ops = index.trace().ops;
  std::vector<DrawItem> items;
  for (int lane : index.lanes()) {
    items.clear();
    index.draw_items(lane, m, &items);
    const OpRange r = index.visible_ops(lane, m.t0(), m.t1());
    std::int64_t next = r.first, sum = 0;
    double previous_x0 = -1e300;
    for (const DrawItem& it : items) {
      ASSERT_EQ(it.first_op, next) << "lane " << lane << " view " << m.t0() << ".." << m.t1();
      ASSERT_GE(it.count, 1);
      ASSERT_GE(it.x0, previous_x0);
      previous_x0 = it.x0;
      if (it.folded()) {
        // A block never spans ops whose pixels are all wide: its first op started a window.
        ASSERT_LT(m.pixels(double(ops.end[it.first_op] - ops.start[it.first_op])), kFoldPixels);
      }
      next += it.count;
      sum += it.count;
    }
    ASSERT_EQ(next, r.last);
    ASSERT_EQ(sum, r.size());
  }
}

// ---------------------------------------------------------------------------------------------
// Time <-> pixel mapping

struct MappingCase {
  double t0, cycles_per_pixel, width, t, x;
};

TEST(TimeMappingTest, MapsCyclesToPixelsAndBack) {
  const MappingCase cases[] = {
      {0, 1, 100, 0, 0},      {0, 1, 100, 50, 50},     {0, 10, 100, 1000, 100},
      {500, 2, 100, 600, 50}, {500, 2, 100, 400, -50}, {1e9, 1e4, 1920, 1.0192e9, 1920},
      {0, 0.02, 1000, 1, 50}, {-100, 0.5, 10, -99, 2}, {123.5, 0.25, 64, 124.75, 5},
  };
  for (const MappingCase& c : cases) {
    const TimeMapping m(c.t0, c.cycles_per_pixel, c.width);
    EXPECT_NEAR(m.x(c.t), c.x, 1e-9 * std::max(1.0, std::abs(c.x))) << "t=" << c.t;
    EXPECT_NEAR(m.t(c.x), c.t, 1e-9 * std::max(1.0, std::abs(c.t))) << "x=" << c.x;
  }
}

TEST(TimeMappingTest, ForRangeSpansTheWidth) {
  const TimeMapping m = TimeMapping::for_range(1000, 3000, 400);
  EXPECT_DOUBLE_EQ(m.cycles_per_pixel(), 5.0);
  EXPECT_DOUBLE_EQ(m.x(1000), 0.0);
  EXPECT_DOUBLE_EQ(m.x(3000), 400.0);
  EXPECT_DOUBLE_EQ(m.t1(), 3000.0);
}

TEST(TimeMappingTest, ZoomKeepsTheAnchorTime) {
  const TimeMapping m = TimeMapping::for_range(0, 10000, 1000);
  for (double anchor : {0.0, 250.0, 999.0}) {
    for (double factor : {2.0, 0.5, 37.0}) {
      const TimeMapping z = m.zoomed(factor, anchor);
      EXPECT_NEAR(z.t(anchor), m.t(anchor), 1e-6);
      EXPECT_NEAR(z.cycles_per_pixel(), m.cycles_per_pixel() / factor, 1e-12);
    }
  }
  const TimeMapping p = m.panned(100);  // content moves right: earlier times come into view
  EXPECT_DOUBLE_EQ(p.t0(), -1000.0);
}

TEST(TimeMappingTest, ClampsScaleAndPosition) {
  const TimeLimits limits{0, 10000, 0.02};
  // Zooming out past the whole run shows exactly the run.
  const TimeMapping out = TimeMapping::for_range(-5000, 50000, 1000).clamped(limits);
  EXPECT_DOUBLE_EQ(out.t0(), 0.0);
  EXPECT_DOUBLE_EQ(out.t1(), 10000.0);
  // Deeper than the limit stops at the limit.
  const TimeMapping deep = TimeMapping(5000, 1e-6, 1000).clamped(limits);
  EXPECT_DOUBLE_EQ(deep.cycles_per_pixel(), 0.02);
  EXPECT_DOUBLE_EQ(deep.t0(), 5000.0);
  // Panned past either end comes back inside.
  EXPECT_DOUBLE_EQ(TimeMapping(-300, 1, 1000).clamped(limits).t0(), 0.0);
  EXPECT_DOUBLE_EQ(TimeMapping(9800, 1, 1000).clamped(limits).t0(), 9000.0);
}

// ---------------------------------------------------------------------------------------------
// Index

TEST(TimelineIndexTest, ListsTheLanesTheMachineHas) {
  const TimelineIndex index(small_run().trace);
  EXPECT_EQ(index.lanes().size(), static_cast<std::size_t>(small_run().trace.cores) * 13);
  EXPECT_EQ(index.lanes().front(), lane_index(0, Unit::kAic, Pipe::kScalar));
  for (int lane : index.lanes()) EXPECT_TRUE(unit_has_pipe(lane_unit(lane), lane_pipe(lane)));
  EXPECT_EQ(index.unit_lanes(0, Unit::kAiv1).size(), 4u);
  EXPECT_EQ(index.unit_lanes(0, Unit::kAic).size(), 5u);
}

TEST(TimelineIndexTest, VisibleRangeMatchesBruteForce) {
  const Trace& trace = small_run().trace;
  const TimelineIndex index(trace);
  ASSERT_GT(index.op_count(), 1000);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-100, static_cast<double>(index.end_cycle()) + 100);
  for (int k = 0; k < 200; ++k) {
    double t0 = u(rng), t1 = u(rng);
    if (t0 > t1) std::swap(t0, t1);
    for (int lane : index.lanes()) {
      ASSERT_EQ(index.visible_ops(lane, t0, t1).size(), brute_force_visible(trace, lane, t0, t1))
          << "lane " << lane << " [" << t0 << ", " << t1 << ")";
    }
  }
}

TEST(TimelineIndexTest, FoldingKeepsEveryOpAtEveryZoomSmallRun) {
  const TimelineIndex index(small_run().trace);
  const double end = static_cast<double>(index.end_cycle());
  for (double zoom = 1; zoom <= 1 << 16; zoom *= 2) {
    for (double frac : {0.0, 0.13, 0.5, 0.97}) {
      const double span = end / zoom;
      const double t0 = frac * (end - span);
      expect_items_cover_view(index, TimeMapping::for_range(t0, t0 + span, 1920));
    }
  }
}

TEST(TimelineIndexTest, FoldingFoldsNarrowRunsAndKeepsWideOps) {
  // Ten 1-cycle ops back to back, then one 100-cycle op.
  std::vector<SyntheticOp> list;
  for (int i = 0; i < 10; ++i) {
    list.push_back({Unit::kAic, Pipe::kCube, i % 2 ? OpKind::kMmadPV : OpKind::kMmadQK, i, i + 1});
  }
  list.push_back({Unit::kAic, Pipe::kCube, OpKind::kMmadQK, 10, 110});
  const Trace trace = make_trace(list);
  const TimelineIndex index(trace);
  const int cube = lane_index(0, Unit::kAic, Pipe::kCube);
  std::vector<DrawItem> items;
  // 1 cycle per pixel: the 1-cycle ops fold in windows of 3, the long op stays itself.
  index.draw_items(cube, TimeMapping(0, 1, 200), &items);
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0].count, 3);
  EXPECT_TRUE(items[0].mixed);
  EXPECT_EQ(items[0].busy_cycles, 3);
  EXPECT_EQ(items[3].count, 1);  // op 9 is alone in its window: the long op follows
  EXPECT_EQ(items[4].count, 1);
  EXPECT_EQ(items[4].first_op, 10);
  EXPECT_DOUBLE_EQ(items[4].x1 - items[4].x0, 100.0);
  // At 0.1 cycle per pixel every op is 10 px: no folding.
  items.clear();
  index.draw_items(cube, TimeMapping(0, 0.1, 2000), &items);
  EXPECT_EQ(items.size(), 11u);
  for (const DrawItem& it : items) EXPECT_FALSE(it.folded());
}

TEST(TimelineIndexTest, FoldingKeepsEveryOpOnTheFullRun) {
  const SimulationRun& run = full_run();
  const TimelineIndex index(run.trace);
  ASSERT_GT(index.op_count(), 1'000'000);
  const double end = static_cast<double>(index.end_cycle());
  std::int64_t total = 0;
  std::vector<DrawItem> items;
  for (int lane : index.lanes()) {
    items.clear();
    index.draw_items(lane, TimeMapping::for_range(0, end, 1920), &items);
    for (const DrawItem& it : items) total += it.count;
    // Zoomed all the way out, a lane costs at most about one item per fold window.
    EXPECT_LE(items.size(), 1920 / 3 + 4u) << "lane " << lane;
  }
  EXPECT_EQ(total, index.op_count());
  for (double zoom : {3.0, 50.0, 1000.0, end / 2000.0}) {
    const double span = end / zoom;
    for (double frac : {0.0, 0.31, 1.0}) {
      const double t0 = frac * (end - span);
      expect_items_cover_view(index, TimeMapping::for_range(t0, t0 + span, 1920));
    }
  }
}

TEST(TimelineIndexTest, BusyCyclesMatchBruteForce) {
  const Trace& trace = small_run().trace;
  const TimelineIndex index(trace);
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0, static_cast<double>(index.end_cycle()));
  for (int k = 0; k < 50; ++k) {
    double t0 = u(rng), t1 = u(rng);
    if (t0 > t1) std::swap(t0, t1);
    for (int lane : index.lanes()) {
      double expected = 0;
      const OpRange r = index.lane_ops(lane);
      for (std::int64_t i = r.first; i < r.last; ++i) {
        expected += std::max(
            0.0, std::min<double>(trace.ops.end[i], t1) - std::max<double>(trace.ops.start[i], t0));
      }
      ASSERT_NEAR(index.busy_cycles(lane, t0, t1), expected, 1e-6);
    }
  }
}

TEST(TimelineIndexTest, DensityMatchesBusyCycles) {
  const TimelineIndex index(full_run().trace);
  const double end = static_cast<double>(index.end_cycle());
  std::vector<float> density;
  for (double zoom : {1.0, 20.0, 5000.0}) {
    const double span = end / zoom;
    const double t0 = 0.4 * (end - span);
    const TimeMapping m = TimeMapping::for_range(t0, t0 + span, 480);
    index.busy_density(5, Unit::kAic, false, m, 480, &density);
    // Over the whole view the per-column densities add up to the unit's busy cycles.
    double from_density = 0, exact = 0;
    for (float d : density) {
      ASSERT_GE(d, 0.0f);
      ASSERT_LE(d, 1.0f);
      from_density += d;
    }
    const std::vector<int> lanes = index.unit_lanes(5, Unit::kAic);
    for (int lane : lanes) exact += index.busy_cycles(lane, m.t0(), m.t1());
    from_density *= m.cycles_per_pixel() * static_cast<double>(lanes.size());
    EXPECT_NEAR(from_density, exact, 0.01 * exact + 1) << "zoom " << zoom;
  }
  // A fully busy lane reads 1.
  const Trace one = make_trace({{Unit::kAiv0, Pipe::kVector, OpKind::kVecSoftmax, 0, 1000}});
  const TimelineIndex small(one);
  small.busy_density(0, Unit::kAiv0, false, TimeMapping(0, 1, 100), 100, &density);
  EXPECT_NEAR(density[10], 1.0f / 4, 1e-6);  // one of AIV0's four lanes
}

TEST(TimelineIndexTest, OpAtFindsTheOpUnderTheCursor) {
  const Trace trace = make_trace({{Unit::kAic, Pipe::kMte2, OpKind::kLoadK, 100, 200},
                                  {Unit::kAic, Pipe::kMte2, OpKind::kLoadV, 300, 310}});
  const TimelineIndex index(trace);
  const int lane = lane_index(0, Unit::kAic, Pipe::kMte2);
  EXPECT_EQ(index.op_at(lane, 150, 0), 0);
  EXPECT_EQ(index.op_at(lane, 305, 0), 1);
  EXPECT_EQ(index.op_at(lane, 250, 10), -1);
  EXPECT_EQ(index.op_at(lane, 295, 10), 1);
  EXPECT_EQ(index.op_at(lane, 205, 10), 0);
  EXPECT_EQ(index.op_at(lane_index(0, Unit::kAic, Pipe::kCube), 150, 1000), -1);
}

// ---------------------------------------------------------------------------------------------
// Range statistics

// CUBE: A [0,100) 1000 FLOP, B [150,250) 2000 FLOP, C [300,400) 1000 FLOP.
// AIC MTE2: D [50,150) 4096 B, E [200,220) 1024 B. AIV0 VECTOR: F [120,180).
Trace hand_trace() {
  return make_trace({
      {Unit::kAic, Pipe::kCube, OpKind::kMmadQK, 0, 100, 0, 1000},
      {Unit::kAic, Pipe::kCube, OpKind::kMmadPV, 150, 250, 0, 2000},
      {Unit::kAic, Pipe::kCube, OpKind::kMmadQK, 300, 400, 0, 1000},
      {Unit::kAic, Pipe::kMte2, OpKind::kLoadK, 50, 150, 4096, 0},
      {Unit::kAic, Pipe::kMte2, OpKind::kLoadV, 200, 220, 1024, 0},
      {Unit::kAiv0, Pipe::kVector, OpKind::kVecSoftmax, 120, 180},
  });
}

TEST(RangeStatsTest, HandComputedCase) {
  const Trace trace = hand_trace();
  const TimelineIndex index(trace);
  const RangeStats s = compute_range_stats(index, 75, 325);  // 250 cycles

  const PipeRangeStats& cube = s.pipes[static_cast<std::size_t>(Pipe::kCube)];
  EXPECT_EQ(cube.lanes, 1);
  EXPECT_DOUBLE_EQ(cube.busy_cycles, 25 + 100 + 25);
  EXPECT_DOUBLE_EQ(cube.busy_fraction, 150.0 / 250.0);
  EXPECT_EQ(cube.bubbles, 2);  // [100,150) and [250,300)
  EXPECT_DOUBLE_EQ(cube.bubble_cycles, 100);
  EXPECT_DOUBLE_EQ(cube.idle_cycles, 100);
  EXPECT_EQ(cube.ops, 3);
  EXPECT_DOUBLE_EQ(cube.flops, 250 + 2000 + 250);

  const PipeRangeStats& mte2 = s.pipes[static_cast<std::size_t>(Pipe::kMte2)];
  EXPECT_EQ(mte2.lanes, 3);  // AIC, AIV0, AIV1
  EXPECT_DOUBLE_EQ(mte2.busy_cycles, 75 + 20);
  EXPECT_DOUBLE_EQ(mte2.busy_fraction, 95.0 / 750.0);
  EXPECT_EQ(mte2.bubbles, 1);
  EXPECT_DOUBLE_EQ(mte2.bubble_cycles, 50);
  EXPECT_DOUBLE_EQ(mte2.idle_cycles, 750 - 95);
  EXPECT_DOUBLE_EQ(mte2.bytes, 3072 + 1024);

  const PipeRangeStats& vec = s.pipes[static_cast<std::size_t>(Pipe::kVector)];
  EXPECT_EQ(vec.lanes, 2);
  EXPECT_DOUBLE_EQ(vec.busy_fraction, 60.0 / 500.0);
  EXPECT_EQ(vec.bubbles, 0);

  EXPECT_EQ(s.pipes[static_cast<std::size_t>(Pipe::kScalar)].lanes, 3);
  EXPECT_EQ(s.ops, 6);
  EXPECT_EQ(s.bubbles, 3);
  EXPECT_DOUBLE_EQ(s.bytes, 4096);
  EXPECT_DOUBLE_EQ(s.flops, 2500);

  const std::string text = format_range_stats(s, 1.0);
  EXPECT_NE(text.find("CUBE"), std::string::npos);
  EXPECT_NE(text.find("60.0%"), std::string::npos);
  EXPECT_NE(text.find("250 cycles"), std::string::npos);
}

TEST(RangeStatsTest, PerUnitBusyAndTheBusiestUnit) {
  const Trace trace = hand_trace();
  const TimelineIndex index(trace);
  const RangeStats s = compute_range_stats(index, 75, 325);  // 250 cycles
  const auto unit = [&s](Unit u, Pipe p) {
    return s.units[static_cast<std::size_t>(u)][static_cast<std::size_t>(p)];
  };
  // The AIC's MTE2 alone: 95 of 250 cycles; each AIV's MTE2 idle. Pooled it was 95 / 750.
  EXPECT_EQ(unit(Unit::kAic, Pipe::kMte2).lanes, 1);
  EXPECT_DOUBLE_EQ(unit(Unit::kAic, Pipe::kMte2).busy_fraction, 95.0 / 250.0);
  EXPECT_DOUBLE_EQ(unit(Unit::kAic, Pipe::kMte2).bytes, 3072 + 1024);
  EXPECT_DOUBLE_EQ(unit(Unit::kAiv0, Pipe::kMte2).busy_fraction, 0);
  EXPECT_DOUBLE_EQ(unit(Unit::kAiv0, Pipe::kVector).busy_fraction, 60.0 / 250.0);
  EXPECT_DOUBLE_EQ(unit(Unit::kAiv1, Pipe::kVector).busy_fraction, 0);
  EXPECT_EQ(unit(Unit::kAiv0, Pipe::kCube).lanes, 0);  // AIVs have no Cube
  // Busiest: the AIC's CUBE, 150 of 250 cycles.
  EXPECT_EQ(s.busiest_unit, Unit::kAic);
  EXPECT_EQ(s.busiest_pipe, Pipe::kCube);
  EXPECT_DOUBLE_EQ(s.busiest_fraction, 0.6);
  // Per unit adds up to the pooled figures.
  for (int p = 0; p < kPipeCount; ++p) {
    double busy = 0;
    std::int64_t ops = 0, bubbles = 0;
    for (const Unit u : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
      busy += unit(u, static_cast<Pipe>(p)).busy_cycles;
      ops += unit(u, static_cast<Pipe>(p)).ops;
      bubbles += unit(u, static_cast<Pipe>(p)).bubbles;
    }
    EXPECT_DOUBLE_EQ(busy, s.pipes[static_cast<std::size_t>(p)].busy_cycles) << p;
    EXPECT_EQ(ops, s.pipes[static_cast<std::size_t>(p)].ops) << p;
    EXPECT_EQ(bubbles, s.pipes[static_cast<std::size_t>(p)].bubbles) << p;
  }
  const std::string text = format_range_stats(s, 1.0);
  EXPECT_NE(text.find("Busiest: AIC CUBE, 60.0% busy"), std::string::npos) << text;
  EXPECT_NE(text.find("AIV0"), std::string::npos) << text;
  EXPECT_NE(text.find("38.0%"), std::string::npos) << text;  // the AIC's MTE2
}

TEST(RangeStatsTest, WholeRunPerUnitMatchesRunMetrics) {
  const SimulationRun& run = small_run();
  const TimelineIndex index(run.trace);
  const RangeStats s =
      compute_range_stats(index, 0, static_cast<double>(run.metrics.makespan_cycles));
  for (const Unit u : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
    for (int p = 0; p < kPipeCount; ++p) {
      if (!unit_has_pipe(u, static_cast<Pipe>(p))) continue;
      EXPECT_NEAR(s.units[static_cast<std::size_t>(u)][static_cast<std::size_t>(p)].busy_fraction,
                  run.metrics.pipe(u, static_cast<Pipe>(p)).busy_fraction, 1e-9);
    }
  }
  EXPECT_EQ(s.busiest_unit, run.metrics.bound_unit);
  EXPECT_EQ(s.busiest_pipe, run.metrics.bound_pipe);
  EXPECT_NEAR(s.busiest_fraction, run.metrics.bound_busy, 1e-9);
}

TEST(RangeStatsTest, RangeInsideAGapIsOneBubble) {
  const Trace trace = hand_trace();
  const TimelineIndex index(trace);
  const RangeStats s = compute_range_stats(index, 101, 149);
  const PipeRangeStats& cube = s.pipes[static_cast<std::size_t>(Pipe::kCube)];
  EXPECT_EQ(cube.ops, 0);
  EXPECT_EQ(cube.bubbles, 1);
  EXPECT_DOUBLE_EQ(cube.bubble_cycles, 48);
  EXPECT_DOUBLE_EQ(cube.busy_fraction, 0);
  EXPECT_EQ(compute_range_stats(index, 300, 300).ops, 0);  // empty range
}

TEST(RangeStatsTest, WholeRunAgreesWithRunMetrics) {
  const SimulationRun& run = small_run();
  const TimelineIndex index(run.trace);
  const RangeStats s =
      compute_range_stats(index, 0, static_cast<double>(run.metrics.makespan_cycles));
  // The range statistics pool a pipe over every unit that has it; the run's metrics keep units
  // apart: pooled, they must agree (busy weighted by each unit's lanes, one per core).
  for (int p = 0; p < kPipeCount; ++p) {
    const auto i = static_cast<std::size_t>(p);
    double busy = 0;
    std::int64_t bubbles = 0, ops = 0;
    int units = 0;
    for (const Unit u : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
      if (!unit_has_pipe(u, static_cast<Pipe>(p))) continue;
      const PipeStats& ps = run.metrics.pipe(u, static_cast<Pipe>(p));
      busy += ps.busy_fraction;
      bubbles += ps.bubbles;
      ops += ps.ops;
      ++units;
    }
    EXPECT_NEAR(s.pipes[i].busy_fraction, units ? busy / units : 0.0, 1e-9) << p;
    EXPECT_EQ(s.pipes[i].bubbles, bubbles) << p;
    EXPECT_EQ(s.pipes[i].ops, ops) << p;
  }
}

}  // namespace
}  // namespace amla
