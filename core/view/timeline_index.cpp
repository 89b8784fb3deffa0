#include "core/view/timeline_index.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace amla {

namespace {

static_assert(kOpKindCount <= 32, "kinds_present() is a 32-bit mask");

constexpr Unit kUnits[kUnitCount] = {Unit::kAic, Unit::kAiv0, Unit::kAiv1};

// Smallest power of two >= x (x > 0), as a double so spans of any size work.
double power_of_two_at_least(double x) {
  double p = 1;
  while (p < x) p *= 2;
  return p;
}

}  // namespace

// Ops between two looks at the cancel flag while the index is built.
constexpr std::size_t kCancelStride = 1 << 16;

TimelineIndex::TimelineIndex(const Trace& trace, const JobControl& job) : trace_(&trace) {
  const OpTrace& ops = trace.ops;
  for (int core = 0; core < trace.cores; ++core) {
    for (Unit unit : kUnits) {
      for (int p = 0; p < kPipeCount; ++p) {
        const Pipe pipe = static_cast<Pipe>(p);
        if (unit_has_pipe(unit, pipe)) lanes_.push_back(lane_index(core, unit, pipe));
      }
    }
  }

  // Filled as the loops go, not zero-filled up front: touching the pages of a long run's arrays
  // alone takes longer than a cancel may, so that work has to happen between the checks.
  const std::size_t n = ops.size();
  busy_prefix_.reserve(n + 1);
  busy_prefix_.push_back(0);
  for (std::size_t i = 0; i < n; ++i) {
    if (i % kCancelStride == 0) job.check_cancelled();
    busy_prefix_.push_back(busy_prefix_[i] + (ops.end[i] - ops.start[i]));
    end_cycle_ = std::max(end_cycle_, ops.end[i]);
    kinds_present_ |= 1u << static_cast<unsigned>(ops.kind[i]);
  }
  // Per-lane running maxima and same-kind runs; every op belongs to exactly one lane range.
  max_end_.reserve(n);
  run_end_.reserve(n);
  const int lane_slots = static_cast<int>(ops.lane_begin.size()) - 1;
  for (int lane = 0; lane < lane_slots; ++lane) {
    job.check_cancelled();
    const OpRange r = lane_ops(lane);
    const auto last = static_cast<std::size_t>(r.last);
    if (max_end_.size() < last) max_end_.resize(last, 0);
    if (run_end_.size() < last) run_end_.resize(last, 0);
    std::int64_t running = std::numeric_limits<std::int64_t>::min();
    for (std::int64_t i = r.first; i < r.last; ++i) {
      running = std::max(running, ops.end[i]);
      max_end_[i] = running;
    }
    for (std::int64_t i = r.last - 1; i >= r.first; --i) {
      const bool same_as_next = i + 1 < r.last && ops.kind[i + 1] == ops.kind[i];
      run_end_[i] = same_as_next ? run_end_[i + 1] : i + 1;
    }
  }
  max_end_.resize(n, 0);
  run_end_.resize(n, 0);

  unit_bins_.resize(static_cast<std::size_t>(trace.cores) * kUnitCount);
  for (int core = 0; core < trace.cores; ++core) {
    for (Unit unit : kUnits) {
      job.check_cancelled();
      build_unit_bins(core, unit);
    }
  }
}

std::vector<int> TimelineIndex::unit_lanes(int core, Unit unit) const {
  std::vector<int> out;
  for (int p = 0; p < kPipeCount; ++p) {
    const Pipe pipe = static_cast<Pipe>(p);
    if (unit_has_pipe(unit, pipe)) out.push_back(lane_index(core, unit, pipe));
  }
  return out;
}

OpRange TimelineIndex::lane_ops(int lane) const {
  const auto& begin = trace_->ops.lane_begin;
  if (lane < 0 || static_cast<std::size_t>(lane) + 1 >= begin.size()) return {};
  return {begin[static_cast<std::size_t>(lane)], begin[static_cast<std::size_t>(lane) + 1]};
}

// Ops are sorted by start, and the running max of end is non-decreasing, so both bounds of a
// window are binary searches even if a lane ever held overlapping ops.
std::int64_t TimelineIndex::first_ending_after(const OpRange& r, double t) const {
  const auto b = max_end_.begin();
  return std::upper_bound(b + r.first, b + r.last, t,
                          [](double v, std::int64_t e) { return v < static_cast<double>(e); }) -
         b;
}

// Galloping from `from`: a fold window holds a handful of ops, so this is O(log window).
std::int64_t TimelineIndex::first_starting_at_or_after(std::int64_t from, std::int64_t to,
                                                       double t) const {
  const auto& start = trace_->ops.start;
  std::int64_t lo = from, hi = from, step = 1;
  while (hi < to && static_cast<double>(start[hi]) < t) {
    lo = hi + 1;
    hi = std::min(to, hi + step);
    step *= 2;
  }
  const auto b = start.begin();
  return std::lower_bound(b + lo, b + hi, t,
                          [](std::int64_t s, double v) { return static_cast<double>(s) < v; }) -
         b;
}

OpRange TimelineIndex::visible_ops(int lane, double t0, double t1) const {
  const OpRange r = lane_ops(lane);
  if (r.size() == 0 || !(t1 > t0)) return {r.first, r.first};
  const std::int64_t first = first_ending_after(r, t0);
  const auto b = trace_->ops.start.begin();
  const std::int64_t last =
      std::lower_bound(b + first, b + r.last, t1,
                       [](std::int64_t s, double v) { return static_cast<double>(s) < v; }) -
      b;
  return {first, last};
}

void TimelineIndex::draw_items(int lane, const TimeMapping& mapping, std::vector<DrawItem>* out,
                               double fold_px) const {
  const OpTrace& ops = trace_->ops;
  const OpRange r = visible_ops(lane, mapping.t0(), mapping.t1());
  const double fold_cycles = mapping.cycles(fold_px);
  const auto is_wide = [&](std::int64_t i) {
    return static_cast<double>(ops.end[i] - ops.start[i]) >= fold_cycles;
  };
  const auto emit_op = [&](std::int64_t i) {
    DrawItem item;
    item.x0 = mapping.x(static_cast<double>(ops.start[i]));
    item.x1 = mapping.x(static_cast<double>(ops.end[i]));
    item.first_op = i;
    item.count = 1;
    item.busy_cycles = ops.end[i] - ops.start[i];
    item.kind = ops.kind[i];
    out->push_back(item);
  };

  std::int64_t i = r.first;
  while (i < r.last) {
    if (is_wide(i)) {
      emit_op(i);
      ++i;
      continue;
    }
    // The window: every op starting within fold_px of op i.
    const double window_end = static_cast<double>(ops.start[i]) + fold_cycles;
    std::int64_t k = first_starting_at_or_after(i + 1, r.last, window_end);
    // In an in-order lane only the window's last op can reach past it, so only it can be wide;
    // it is drawn as itself rather than hidden in the block.
    if (k - 1 > i && is_wide(k - 1)) --k;
    if (k - i == 1) {
      emit_op(i);
      i = k;
      continue;
    }
    DrawItem item;
    item.x0 = mapping.x(static_cast<double>(ops.start[i]));
    item.x1 = mapping.x(static_cast<double>(max_end_[k - 1]));
    item.first_op = i;
    item.count = k - i;
    item.busy_cycles = busy_prefix_[k] - busy_prefix_[i];
    item.kind = ops.kind[i];
    item.mixed = run_end_[i] < k;
    out->push_back(item);
    i = k;
  }
}

double TimelineIndex::busy_cycles(int lane, double t0, double t1) const {
  const OpTrace& ops = trace_->ops;
  const OpRange r = visible_ops(lane, t0, t1);
  if (r.size() == 0) return 0;
  double total = static_cast<double>(busy_prefix_[r.last] - busy_prefix_[r.first]);
  const auto outside = [&](std::int64_t i) {
    const double s = static_cast<double>(ops.start[i]), e = static_cast<double>(ops.end[i]);
    const double overlap = std::max(0.0, std::min(e, t1) - std::max(s, t0));
    return (e - s) - overlap;
  };
  // Only ops crossing an edge lose cycles: the front ones start before t0, the back ones end
  // after t1 (one each in an in-order lane).
  std::int64_t front = r.first;
  for (; front < r.last && static_cast<double>(ops.start[front]) < t0; ++front) {
    total -= outside(front);
  }
  for (std::int64_t j = r.last - 1; j >= front && static_cast<double>(ops.end[j]) > t1; --j) {
    total -= outside(j);
  }
  return std::max(0.0, total);
}

void TimelineIndex::build_unit_bins(int core, Unit unit) {
  const OpTrace& ops = trace_->ops;
  UnitBins& bins =
      unit_bins_[static_cast<std::size_t>(core) * kUnitCount + static_cast<std::size_t>(unit)];
  const std::vector<int> lanes = unit_lanes(core, unit);
  bins.lanes = static_cast<int>(lanes.size());
  std::int64_t count = 0;
  for (int lane : lanes) count += lane_ops(lane).size();
  const double span = static_cast<double>(std::max<std::int64_t>(end_cycle_, 1));
  // About one op per fine bin over the unit, and never more bins than that.
  const double target = static_cast<double>(std::clamp<std::int64_t>(count, 16, 1 << 22));
  bins.bin_cycles = power_of_two_at_least(span / target);
  const double w = bins.bin_cycles;
  const auto nb = static_cast<std::size_t>(std::ceil(span / w)) + 1;

  // Busy per bin: partial bins directly, whole bins through a difference array.
  std::vector<double> partial(nb + 1, 0.0);
  std::vector<double> full_diff(nb + 1, 0.0);
  for (int lane : lanes) {
    const OpRange r = lane_ops(lane);
    for (std::int64_t i = r.first; i < r.last; ++i) {
      const double a = static_cast<double>(ops.start[i]), b = static_cast<double>(ops.end[i]);
      if (!(b > a)) continue;
      const auto ka = static_cast<std::size_t>(a / w);
      const auto kb = std::min(static_cast<std::size_t>(b / w), nb - 1);
      if (ka == kb) {
        partial[ka] += b - a;
      } else {
        partial[ka] += static_cast<double>(ka + 1) * w - a;
        partial[kb] += b - static_cast<double>(kb) * w;
        full_diff[ka + 1] += 1;
        full_diff[kb] -= 1;
      }
    }
  }
  bins.cumulative.assign(nb + 1, 0.0);
  double whole = 0;
  for (std::size_t k = 0; k < nb; ++k) {
    whole += full_diff[k];
    bins.cumulative[k + 1] = bins.cumulative[k] + partial[k] + whole * w;
  }
}

// Linear inside a fine bin: exact at bin edges.
double TimelineIndex::unit_cumulative(const UnitBins& bins, double t) const {
  if (!(t > 0)) return 0;
  const double pos = t / bins.bin_cycles;
  const std::size_t last_edge = bins.cumulative.size() - 1;
  if (pos >= static_cast<double>(last_edge)) return bins.cumulative.back();
  const auto k = static_cast<std::size_t>(pos);
  const double frac = pos - static_cast<double>(k);
  return bins.cumulative[k] + (bins.cumulative[k + 1] - bins.cumulative[k]) * frac;
}

// Coverage of each pixel column by the lane's ops, in pixels (0..1 per column).
void TimelineIndex::add_exact_coverage(int lane, const TimeMapping& mapping, int columns,
                                       std::vector<double>* partial,
                                       std::vector<double>* full_diff) const {
  const OpTrace& ops = trace_->ops;
  const OpRange r = visible_ops(lane, mapping.t0(), mapping.t(columns));
  const double limit = static_cast<double>(columns);
  for (std::int64_t i = r.first; i < r.last; ++i) {
    const double xa = std::max(0.0, mapping.x(static_cast<double>(ops.start[i])));
    const double xb = std::min(limit, mapping.x(static_cast<double>(ops.end[i])));
    if (!(xb > xa)) continue;
    const auto ca = static_cast<std::size_t>(xa);
    const auto cb = static_cast<std::size_t>(xb);
    if (ca == cb) {
      (*partial)[ca] += xb - xa;
    } else {
      (*partial)[ca] += static_cast<double>(ca + 1) - xa;
      if (cb < static_cast<std::size_t>(columns)) (*partial)[cb] += xb - static_cast<double>(cb);
      (*full_diff)[ca + 1] += 1;
      (*full_diff)[cb] -= 1;
    }
  }
}

void TimelineIndex::busy_density(int core, Unit unit, bool whole_core, const TimeMapping& mapping,
                                 int columns, std::vector<float>* out) const {
  out->assign(static_cast<std::size_t>(std::max(columns, 0)), 0.0f);
  if (columns <= 0 || core < 0 || core >= trace_->cores) return;
  std::vector<double> partial(static_cast<std::size_t>(columns) + 1, 0.0);
  std::vector<double> full_diff(static_cast<std::size_t>(columns) + 1, 0.0);
  const double cpp = mapping.cycles_per_pixel();
  int lanes = 0;
  for (Unit u : kUnits) {
    if (!whole_core && u != unit) continue;
    const UnitBins& bins =
        unit_bins_[static_cast<std::size_t>(core) * kUnitCount + static_cast<std::size_t>(u)];
    lanes += bins.lanes;
    if (cpp >= 2 * bins.bin_cycles) {
      // Zoomed out: columns span several bins, so the prefix sums are accurate and O(columns).
      double previous = unit_cumulative(bins, mapping.t(0));
      for (int c = 0; c < columns; ++c) {
        const double next = unit_cumulative(bins, mapping.t(c + 1));
        partial[static_cast<std::size_t>(c)] += (next - previous) / cpp;
        previous = next;
      }
    } else {
      // Zoomed in: few ops per column, so walking the visible ops is cheap and exact.
      for (int lane : unit_lanes(core, u)) {
        add_exact_coverage(lane, mapping, columns, &partial, &full_diff);
      }
    }
  }
  if (lanes == 0) return;
  double whole = 0;
  for (int c = 0; c < columns; ++c) {
    whole += full_diff[static_cast<std::size_t>(c)];
    const double covered = partial[static_cast<std::size_t>(c)] + whole;
    (*out)[static_cast<std::size_t>(c)] = static_cast<float>(std::clamp(covered / lanes, 0.0, 1.0));
  }
}

std::int64_t TimelineIndex::op_at(int lane, double t, double tolerance) const {
  const OpTrace& ops = trace_->ops;
  const OpRange r = lane_ops(lane);
  if (r.size() == 0) return -1;
  const std::int64_t i = first_ending_after(r, t);
  if (i < r.last && static_cast<double>(ops.start[i]) <= t) return i;
  std::int64_t best = -1;
  double best_distance = tolerance;
  if (i < r.last) {
    const double d = static_cast<double>(ops.start[i]) - t;
    if (d <= best_distance) best = i, best_distance = d;
  }
  if (i > r.first) {
    const double d = t - static_cast<double>(ops.end[i - 1]);
    if (d < best_distance || (best < 0 && d <= best_distance)) best = i - 1;
  }
  return best;
}

}  // namespace amla
