#include "core/profile/profile_builder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>

#include "core/common/bounded_read.h"
#include "core/common/input_error.h"

namespace amla {

std::optional<Pipe> modelled_pipe(Unit unit, const std::string& name) {
  for (int p = 0; p < kPipeCount; ++p) {
    const auto pipe = static_cast<Pipe>(p);
    if (name == pipe_name(pipe)) {
      if (unit_has_pipe(unit, pipe)) return pipe;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::int64_t ProfileTrace::op_count() const {
  std::int64_t n = static_cast<std::int64_t>(trace.ops.size());
  for (const ExtraLane& l : extra_lanes) n += static_cast<std::int64_t>(l.start.size());
  return n;
}

ProfileBuilder::ProfileBuilder(ProfileTrace& out, const std::string& source, double clock_mhz)
    : out_(out), mhz_(clock_mhz) {
  out_.source = source;
  out_.clock_mhz = clock_mhz;
  out_.trace.clock_ghz = clock_mhz / 1000.0;
}

std::int64_t ProfileBuilder::cycles(double us) const { return std::llround(us * mhz_); }

int ProfileBuilder::lane(int core, Unit unit, const std::string& pipe, int sub) {
  std::string key = std::to_string(core) + '.' + std::to_string(static_cast<int>(unit)) + '.' +
                    std::to_string(sub) + '.' + pipe;
  const auto [it, added] = lane_ids_.try_emplace(std::move(key), static_cast<int>(lanes_.size()));
  if (added) lanes_.push_back({core, unit, pipe, sub});
  return it->second;
}

void ProfileBuilder::add_op(int lane, double ts_us, double dur_us, const std::string& name,
                            std::uint64_t offset) {
  const auto [it, added] =
      name_ids_.try_emplace(name, static_cast<std::int32_t>(out_.names.size()));
  if (added) out_.names.push_back(name);
  const std::int64_t start = cycles(ts_us);
  op_lane_.push_back(lane);
  op_name_.push_back(it->second);
  op_start_.push_back(start);
  op_end_.push_back(start + cycles(dur_us));
  op_offset_.push_back(offset);
}

void ProfileBuilder::add_flag_mark(int lane, FlagMark::Kind kind, const std::string& id,
                                   double begin_us, double end_us, const MarkArgs& args) {
  marks_.push_back({lane, kind, id, cycles(begin_us), cycles(end_us), args});
}

void ProfileBuilder::add_counter(const std::string& process, const std::string& name, double ts_us,
                                 double value) {
  const auto [it, added] = counter_ids_.try_emplace(process + '\n' + name, out_.counters.size());
  if (added) out_.counters.push_back({process, name, {}, {}});
  CounterSeries& c = out_.counters[it->second];
  c.ts_us.push_back(ts_us);
  c.value.push_back(value);
}

namespace {

// The flag number an id ends with: "core0.veccore0_3" -> 3, "intra_5" -> 5 (0 when none).
std::int16_t flag_number(const std::string& id) {
  std::size_t b = id.size();
  while (b > 0 && id[b - 1] >= '0' && id[b - 1] <= '9') --b;
  int v = 0;
  const auto r = std::from_chars(id.data() + b, id.data() + id.size(), v);
  if (b == id.size() || r.ec != std::errc() || v > INT16_MAX) return 0;
  return static_cast<std::int16_t>(v);
}

}  // namespace

void ProfileBuilder::finish() {
  if (op_start_.empty()) {
    throw InputError(out_.source + ": traceEvents", "no X (complete) events",
                     "a profile needs at least one instruction or task");
  }
  // Which sub-lane of each pipe is the pipe's own lane.
  std::map<std::string, int> lowest_sub;
  int cores = declared_cores_;
  for (const LaneKey& k : lanes_) {
    cores = std::max(cores, k.core + 1);
    if (k.sub < 0) continue;
    const std::string group =
        std::to_string(k.core) + '.' + std::to_string(static_cast<int>(k.unit)) + '.' + k.pipe;
    const auto [it, added] = lowest_sub.try_emplace(group, k.sub);
    if (!added) it->second = std::min(it->second, k.sub);
  }
  const std::int64_t sim_lanes = static_cast<std::int64_t>(cores) * kUnitCount * kPipeCount;
  std::vector<std::int64_t> target(lanes_.size());
  std::vector<int> extra_of(lanes_.size(), -1);
  for (std::size_t l = 0; l < lanes_.size(); ++l) {
    const LaneKey& k = lanes_[l];
    const auto pipe = modelled_pipe(k.unit, k.pipe);
    const bool first_sub =
        k.sub < 0 || lowest_sub[std::to_string(k.core) + '.' +
                                std::to_string(static_cast<int>(k.unit)) + '.' + k.pipe] == k.sub;
    if (pipe && first_sub) {
      target[l] = lane_index(k.core, k.unit, *pipe);
    } else {
      extra_of[l] = static_cast<int>(out_.extra_lanes.size());
      target[l] = sim_lanes + extra_of[l];
      ExtraLane extra;
      extra.core = k.core;
      extra.unit = k.unit;
      extra.name = first_sub ? k.pipe : k.pipe + "_" + std::to_string(k.sub);
      out_.extra_lanes.push_back(std::move(extra));
    }
  }

  // Sorted by lane, then start (then end, then file order), as the simulator's trace is.
  const std::size_t n = op_start_.size();
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const std::int64_t ta = target[static_cast<std::size_t>(op_lane_[a])];
    const std::int64_t tb = target[static_cast<std::size_t>(op_lane_[b])];
    if (ta != tb) return ta < tb;
    if (op_start_[a] != op_start_[b]) return op_start_[a] < op_start_[b];
    return op_end_[a] < op_end_[b];
  });

  // Names that are our own op kinds (a trace this program wrote) get their kind back.
  std::vector<OpKind> kind_of_name(out_.names.size(), OpKind::kProfiled);
  for (std::size_t i = 0; i < out_.names.size(); ++i) {
    kind_of_name[i] = find_op_kind(out_.names[i]).value_or(OpKind::kProfiled);
  }

  Trace& trace = out_.trace;
  trace.cores = cores;
  OpTrace& ops = trace.ops;
  ops.lane_begin.assign(static_cast<std::size_t>(sim_lanes) + 1, 0);
  std::int64_t prev_target = -1, prev_end = 0;
  for (const std::uint32_t i : order) {
    const std::size_t l = static_cast<std::size_t>(op_lane_[i]);
    std::int64_t start = op_start_[i];
    std::int64_t end = op_end_[i];
    if (target[l] == prev_target && start < prev_end) {
      // One cycle of overlap is float32 rounding in the simulator's microseconds; more is not.
      if (prev_end - start > 1) {
        const LaneKey& k = lanes_[l];
        throw InputError(out_.source + ", byte " + std::to_string(op_offset_[i]) + ": ts",
                         printable_excerpt(out_.names[static_cast<std::size_t>(op_name_[i])]) +
                             " at cycle " + std::to_string(start) + " on core " +
                             std::to_string(k.core) + " " + unit_name(k.unit) + " " + k.pipe,
                         "overlaps the previous op on its lane, which ends at cycle " +
                             std::to_string(prev_end));
      }
      start = prev_end;
      end = std::max(end, start);
    }
    prev_target = target[l];
    prev_end = end;
    if (extra_of[l] >= 0) {
      ExtraLane& extra = out_.extra_lanes[static_cast<std::size_t>(extra_of[l])];
      extra.start.push_back(start);
      extra.end.push_back(end);
      extra.op_name.push_back(op_name_[i]);
      continue;
    }
    const auto pipe = *modelled_pipe(lanes_[l].unit, lanes_[l].pipe);
    OpKind kind = kind_of_name[static_cast<std::size_t>(op_name_[i])];
    if (kind != OpKind::kProfiled && op_kind_pipe(kind) != pipe) kind = OpKind::kProfiled;
    ops.append({static_cast<std::int32_t>(target[l]), kind, -1, start, end, OpShape{}});
    out_.op_name.push_back(op_name_[i]);
    ++ops.lane_begin[static_cast<std::size_t>(target[l]) + 1];
  }
  for (std::size_t l = 1; l < ops.lane_begin.size(); ++l) {
    ops.lane_begin[l] += ops.lane_begin[l - 1];
  }
  std::vector<std::int32_t>().swap(op_lane_);
  std::vector<std::int64_t>().swap(op_start_);
  std::vector<std::int64_t>().swap(op_end_);
  std::vector<std::uint64_t>().swap(op_offset_);

  // Flag marks: the k-th set of an id pairs with its k-th wait (in time order). The edge runs
  // from the op the setter ran last (at or before the set) to the first op at or after the
  // wait on the waiting lane.
  const auto op_at_or_before = [&](std::int64_t lane, std::int64_t t) -> std::int64_t {
    const auto b = ops.start.begin() + ops.lane_begin[static_cast<std::size_t>(lane)];
    const auto e = ops.start.begin() + ops.lane_begin[static_cast<std::size_t>(lane) + 1];
    const auto it = std::upper_bound(b, e, t);
    return it == b ? -1 : (it - 1) - ops.start.begin();
  };
  const auto op_at_or_after = [&](std::int64_t lane, std::int64_t t) -> std::int64_t {
    const auto b = ops.start.begin() + ops.lane_begin[static_cast<std::size_t>(lane)];
    const auto e = ops.start.begin() + ops.lane_begin[static_cast<std::size_t>(lane) + 1];
    const auto it = std::lower_bound(b, e, t);
    return it == e ? -1 : it - ops.start.begin();
  };
  std::stable_sort(marks_.begin(), marks_.end(),
                   [](const RawMark& a, const RawMark& b) { return a.begin < b.begin; });
  std::map<std::string, std::vector<std::size_t>> sets, waits;
  for (std::size_t m = 0; m < marks_.size(); ++m) {
    const RawMark& r = marks_[m];
    const LaneKey& k = lanes_[static_cast<std::size_t>(r.lane)];
    out_.flag_marks.push_back({r.kind, k.core, k.unit, k.pipe, r.id, r.begin, r.end});
    (r.kind == FlagMark::Kind::kSet ? sets : waits)[r.id].push_back(m);
  }
  for (const auto& [id, set_list] : sets) {
    const auto w = waits.find(id);
    if (w == waits.end()) continue;
    for (std::size_t j = 0; j < set_list.size() && j < w->second.size(); ++j) {
      const RawMark& s = marks_[set_list[j]];
      const RawMark& wm = marks_[w->second[j]];
      const std::size_t sl = static_cast<std::size_t>(s.lane);
      const std::size_t wl = static_cast<std::size_t>(wm.lane);
      if (extra_of[sl] >= 0 || extra_of[wl] >= 0) continue;  // no op of ours to bind to
      const std::int64_t set_op = op_at_or_before(target[sl], s.begin);
      const std::int64_t wait_op = op_at_or_after(target[wl], wm.end);
      if (set_op < 0 || wait_op < 0) continue;
      FlagEdge edge{};
      edge.set_op = set_op;
      edge.wait_op = wait_op;
      edge.set_cycle = s.args.set_cycle ? std::llround(*s.args.set_cycle) : ops.end[set_op];
      edge.ready_cycle = s.args.ready_cycle ? std::llround(*s.args.ready_cycle) : wm.end;
      edge.flag_id = s.args.flag ? static_cast<std::int16_t>(std::clamp(*s.args.flag, 0.0, 32767.0))
                                 : flag_number(id);
      trace.flags.push_back(edge);
    }
  }
}

}  // namespace amla
