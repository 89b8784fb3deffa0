#include "ui/timeline/timeline_layout.h"

#include <algorithm>

#include "core/ops/trace.h"

namespace amla::ui {

namespace {

constexpr Unit kUnits[kUnitCount] = {Unit::kAic, Unit::kAiv0, Unit::kAiv1};

int pipes_of(Unit unit) {
  int n = 0;
  for (int p = 0; p < kPipeCount; ++p) n += unit_has_pipe(unit, static_cast<Pipe>(p)) ? 1 : 0;
  return n;
}

}  // namespace

CollapseState::CollapseState(int cores, int expanded_cores)
    : core_open_(static_cast<std::size_t>(std::max(cores, 0)), false),
      unit_open_(static_cast<std::size_t>(std::max(cores, 0)) * kUnitCount, true) {
  for (int c = 0; c < std::min(cores, expanded_cores); ++c) {
    core_open_[static_cast<std::size_t>(c)] = true;
  }
}

bool CollapseState::core_expanded(int core) const {
  return core >= 0 && core < cores() && core_open_[static_cast<std::size_t>(core)];
}

bool CollapseState::unit_expanded(int core, Unit unit) const {
  const auto i = static_cast<std::size_t>(core) * kUnitCount + static_cast<std::size_t>(unit);
  return core >= 0 && core < cores() && unit_open_[i];
}

void CollapseState::set_core_expanded(int core, bool open) {
  if (core >= 0 && core < cores()) core_open_[static_cast<std::size_t>(core)] = open;
}

void CollapseState::set_unit_expanded(int core, Unit unit, bool open) {
  if (core < 0 || core >= cores()) return;
  unit_open_[static_cast<std::size_t>(core) * kUnitCount + static_cast<std::size_t>(unit)] = open;
}

std::vector<TimelineRow> build_rows(const CollapseState& state, const RowHeights& heights) {
  std::vector<TimelineRow> rows;
  int y = 0;
  const auto add = [&](TimelineRow row, int h) {
    row.y = y;
    row.height = h;
    y += h;
    rows.push_back(row);
  };
  for (int core = 0; core < state.cores(); ++core) {
    TimelineRow core_row;
    core_row.kind = RowKind::kCore;
    core_row.core = core;
    core_row.expanded = state.core_expanded(core);
    add(core_row, heights.core);
    if (!core_row.expanded) continue;
    for (Unit unit : kUnits) {
      TimelineRow unit_row = core_row;
      unit_row.kind = RowKind::kUnit;
      unit_row.unit = unit;
      unit_row.expanded = state.unit_expanded(core, unit);
      add(unit_row, heights.unit);
      if (!unit_row.expanded) continue;
      for (int p = 0; p < kPipeCount; ++p) {
        const Pipe pipe = static_cast<Pipe>(p);
        if (!unit_has_pipe(unit, pipe)) continue;
        TimelineRow lane_row = unit_row;
        lane_row.kind = RowKind::kLane;
        lane_row.pipe = pipe;
        lane_row.lane = lane_index(core, unit, pipe);
        lane_row.expanded = false;
        add(lane_row, heights.lane);
      }
    }
  }
  return rows;
}

RowHeights fit_row_heights(const CollapseState& state, int available, const RowHeights& natural) {
  int units = 0, lanes = 0;
  for (int core = 0; core < state.cores(); ++core) {
    if (!state.core_expanded(core)) continue;
    for (Unit unit : kUnits) {
      ++units;
      if (state.unit_expanded(core, unit)) lanes += pipes_of(unit);
    }
  }
  // Core rows are summaries: they get thin (down to 3 px) before pipe lanes shrink.
  const int others = units * natural.unit + lanes * natural.lane;
  const int cores = state.cores();
  if (cores * natural.core + others <= available) return natural;
  if (cores > 0 && others + 3 * cores <= available) {
    RowHeights h = natural;
    h.core = std::min(natural.core, (available - others) / cores);
    return h;
  }
  const int total = cores * natural.core + units * natural.unit + lanes * natural.lane;
  const double f = total > 0 ? static_cast<double>(available) / total : 1.0;
  const auto scale = [&](int v) { return std::max(1, static_cast<int>(v * f)); };
  return {scale(natural.core), scale(natural.unit), scale(natural.lane)};
}

int content_height(const std::vector<TimelineRow>& rows) {
  return rows.empty() ? 0 : rows.back().y + rows.back().height;
}

const TimelineRow* row_at(const std::vector<TimelineRow>& rows, int y) {
  const auto it = std::upper_bound(rows.begin(), rows.end(), y,
                                   [](int v, const TimelineRow& r) { return v < r.y; });
  if (it == rows.begin()) return nullptr;
  const TimelineRow& row = *(it - 1);
  return y < row.y + row.height ? &row : nullptr;
}

const TimelineRow* row_showing_lane(const std::vector<TimelineRow>& rows, int lane) {
  const int core = lane_core(lane);
  const Unit unit = lane_unit(lane);
  const TimelineRow* best = nullptr;
  for (const TimelineRow& r : rows) {
    if (r.core != core) continue;
    if (r.kind == RowKind::kLane && r.lane == lane) return &r;
    if (r.kind == RowKind::kUnit && r.unit == unit) best = &r;
    if (r.kind == RowKind::kCore && best == nullptr) best = &r;
  }
  return best;
}

}  // namespace amla::ui
