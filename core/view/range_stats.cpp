#include "core/view/range_stats.h"

#include <algorithm>
#include <cstdio>

namespace amla {

namespace {

// Pipes in the order an engineer reads a kernel: loads, moves, compute, write-back, stores.
constexpr Pipe kReportOrder[kPipeCount] = {Pipe::kMte2,   Pipe::kMte1, Pipe::kCube,  Pipe::kFixp,
                                           Pipe::kVector, Pipe::kMte3, Pipe::kScalar};

std::string human_bytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1024 && u < 4) bytes /= 1024, ++u;
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.2f %s", bytes, units[u]);
  return buf;
}

std::string human_flops(double flops) {
  const char* units[] = {"", "K", "M", "G", "T", "P"};
  int u = 0;
  while (flops >= 1000 && u < 5) flops /= 1000, ++u;
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %sFLOP" : "%.2f %sFLOP", flops, units[u]);
  return buf;
}

}  // namespace

RangeStats compute_range_stats(const TimelineIndex& index, double t0, double t1) {
  RangeStats s;
  s.t0 = t0;
  s.t1 = t1;
  if (!(t1 > t0)) return s;
  const OpTrace& ops = index.trace().ops;
  for (int lane : index.lanes()) {
    PipeRangeStats& p = s.pipes[static_cast<std::size_t>(lane_pipe(lane))];
    PipeRangeStats& per_unit = s.units[static_cast<std::size_t>(lane_unit(lane))]
                                      [static_cast<std::size_t>(lane_pipe(lane))];
    const PipeRangeStats before = p;
    ++p.lanes;
    const OpRange lane_range = index.lane_ops(lane);
    const OpRange r = index.visible_ops(lane, t0, t1);
    p.ops += r.size();
    for (std::int64_t i = r.first; i < r.last; ++i) {
      const double a = static_cast<double>(ops.start[i]), b = static_cast<double>(ops.end[i]);
      const double overlap = std::max(0.0, std::min(b, t1) - std::max(a, t0));
      const double share = b > a ? overlap / (b - a) : 1.0;
      p.busy_cycles += overlap;
      p.bytes += ops.bytes(i) * share;
      p.flops += ops.flops(i) * share;
    }
    // Gaps that can reach into the range: from the op before the first visible one to the op
    // after the last visible one (when nothing is visible, the gap around the range).
    const std::int64_t j_begin = std::max(r.first, lane_range.first + 1);
    const std::int64_t j_end = std::min(r.last + 1, lane_range.last);
    for (std::int64_t j = j_begin; j < j_end; ++j) {
      const double gap0 = static_cast<double>(ops.end[j - 1]);
      const double gap1 = static_cast<double>(ops.start[j]);
      if (!(gap1 > gap0) || !(gap0 < t1) || !(gap1 > t0)) continue;
      ++p.bubbles;
      p.bubble_cycles += std::min(gap1, t1) - std::max(gap0, t0);
    }
    // This lane's share goes to its unit too.
    ++per_unit.lanes;
    per_unit.busy_cycles += p.busy_cycles - before.busy_cycles;
    per_unit.bubbles += p.bubbles - before.bubbles;
    per_unit.bubble_cycles += p.bubble_cycles - before.bubble_cycles;
    per_unit.ops += p.ops - before.ops;
    per_unit.bytes += p.bytes - before.bytes;
    per_unit.flops += p.flops - before.flops;
  }
  const double range = t1 - t0;
  const auto finish = [range](PipeRangeStats& p) {
    const double capacity = static_cast<double>(p.lanes) * range;
    p.busy_fraction = capacity > 0 ? p.busy_cycles / capacity : 0;
    p.idle_cycles = std::max(0.0, capacity - p.busy_cycles);
  };
  for (std::size_t u = 0; u < kUnitCount; ++u) {
    for (std::size_t q = 0; q < kPipeCount; ++q) {
      PipeRangeStats& p = s.units[u][q];
      finish(p);
      if (p.lanes > 0 && p.busy_fraction > s.busiest_fraction) {
        s.busiest_fraction = p.busy_fraction;
        s.busiest_unit = static_cast<Unit>(u);
        s.busiest_pipe = static_cast<Pipe>(q);
      }
    }
  }
  for (PipeRangeStats& p : s.pipes) {
    finish(p);
    s.ops += p.ops;
    s.bubbles += p.bubbles;
    s.bytes += p.bytes;
    s.flops += p.flops;
  }
  return s;
}

std::string format_range_stats(const RangeStats& s, double clock_ghz) {
  const double ghz = clock_ghz > 0 ? clock_ghz : 1.0;
  const auto us = [&](double cycles) { return cycles / (ghz * 1000.0); };
  std::string out;
  char line[192];
  std::snprintf(line, sizeof line, "Range %.3f - %.3f us (%.0f cycles, %.3f us), %lld ops\n",
                us(s.t0), us(s.t1), s.cycles(), us(s.cycles()), static_cast<long long>(s.ops));
  out += line;
  if (s.busiest_fraction > 0) {
    std::snprintf(line, sizeof line, "Busiest: %s %s, %.1f%% busy\n", unit_name(s.busiest_unit),
                  pipe_name(s.busiest_pipe), 100.0 * s.busiest_fraction);
    out += line;
  }
  std::snprintf(line, sizeof line, "%-7s %6s %6s %6s %7s %8s %14s %12s %14s\n", "pipe", "AIC",
                "AIV0", "AIV1", "all", "bubbles", "idle cycles", "bytes", "FLOPs");
  out += line;
  const auto unit_busy = [&s](Unit unit, Pipe pipe) {
    const PipeRangeStats& u =
        s.units[static_cast<std::size_t>(unit)][static_cast<std::size_t>(pipe)];
    char cell[16];
    if (u.lanes == 0) return std::string("-");
    std::snprintf(cell, sizeof cell, "%.1f%%", 100.0 * u.busy_fraction);
    return std::string(cell);
  };
  for (Pipe pipe : kReportOrder) {
    const PipeRangeStats& p = s.pipes[static_cast<std::size_t>(pipe)];
    if (p.lanes == 0) continue;
    std::snprintf(line, sizeof line, "%-7s %6s %6s %6s %6.1f%% %8lld %14.0f %12s %14s\n",
                  pipe_name(pipe), unit_busy(Unit::kAic, pipe).c_str(),
                  unit_busy(Unit::kAiv0, pipe).c_str(), unit_busy(Unit::kAiv1, pipe).c_str(),
                  100.0 * p.busy_fraction, static_cast<long long>(p.bubbles), p.idle_cycles,
                  p.bytes > 0 ? human_bytes(p.bytes).c_str() : "-",
                  p.flops > 0 ? human_flops(p.flops).c_str() : "-");
    out += line;
  }
  std::snprintf(line, sizeof line, "Total: %s moved, %s, %lld bubbles",
                human_bytes(s.bytes).c_str(), human_flops(s.flops).c_str(),
                static_cast<long long>(s.bubbles));
  out += line;
  if (s.cycles() > 0 && s.flops > 0) {
    std::snprintf(line, sizeof line, ", %.1f TFLOPS", s.flops / (us(s.cycles()) * 1e6));
    out += line;
  }
  return out;
}

}  // namespace amla
