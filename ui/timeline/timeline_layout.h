#pragma once
// The rows of the timeline: Core N -> AIC / AIV0 / AIV1 -> pipe lanes, from which groups are
// expanded. A core or unit row always shows its busy density; an expanded unit adds one lane row
// per pipe. Rows are laid out top to bottom in content pixels (before vertical scrolling).
#include <vector>

#include "core/ops/pipes.h"

namespace amla::ui {

enum class RowKind { kCore, kUnit, kLane };

struct TimelineRow {
  RowKind kind = RowKind::kCore;
  int core = 0;
  Unit unit = Unit::kAic;
  Pipe pipe = Pipe::kScalar;
  int lane = -1;          // kLane only
  bool expanded = false;  // kCore / kUnit: its children are shown
  int y = 0;              // content pixels
  int height = 0;
};

struct RowHeights {
  int core = 20;
  int unit = 16;
  int lane = 18;
};

// Which groups are open. Units start expanded, so opening a core shows its pipes at once.
class CollapseState {
 public:
  CollapseState() = default;
  explicit CollapseState(int cores, int expanded_cores = 1);

  int cores() const { return static_cast<int>(core_open_.size()); }
  bool core_expanded(int core) const;
  bool unit_expanded(int core, Unit unit) const;
  void set_core_expanded(int core, bool open);
  void set_unit_expanded(int core, Unit unit, bool open);

 private:
  std::vector<bool> core_open_;
  std::vector<bool> unit_open_;  // core * kUnitCount + unit
};

std::vector<TimelineRow> build_rows(const CollapseState& state, const RowHeights& heights);

// Heights that make all rows fit `available` pixels (for a fixed-size export): expanded rows keep
// their size if they can and the collapsed cores share the rest; otherwise all rows shrink alike.
RowHeights fit_row_heights(const CollapseState& state, int available,
                           const RowHeights& natural = {});

int content_height(const std::vector<TimelineRow>& rows);
// The row at content y, or nullptr.
const TimelineRow* row_at(const std::vector<TimelineRow>& rows, int y);
// The visible row that shows `lane`: its lane row, else its unit row, else its core row.
const TimelineRow* row_showing_lane(const std::vector<TimelineRow>& rows, int lane);

}  // namespace amla::ui
