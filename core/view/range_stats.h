#pragma once
// Aggregate statistics of a time range [t0, t1) of a run, for a drag-selection on the timeline:
// per pipe the busy fraction over the lanes of that pipe, the bubbles (idle gaps between two ops
// of a lane) that reach into the range, the idle cycles, bytes moved, FLOPs and ops. Ops that
// cross an edge count in `ops` and contribute the share of their duration inside the range to
// busy time, bytes and FLOPs (a transfer moves its bytes evenly over its duration).
#include <array>
#include <cstdint>
#include <string>

#include "core/ops/pipes.h"
#include "core/view/timeline_index.h"

namespace amla {

struct PipeRangeStats {
  int lanes = 0;             // lanes of this pipe on the machine
  double busy_cycles = 0;    // summed over those lanes, clipped to the range
  double busy_fraction = 0;  // busy_cycles / (lanes x range)
  std::int64_t bubbles = 0;  // gaps between consecutive ops that overlap the range
  double bubble_cycles = 0;  // the part of those gaps inside the range
  double idle_cycles = 0;    // lanes x range - busy_cycles (includes before/after any op)
  std::int64_t ops = 0;      // ops overlapping the range
  double bytes = 0;
  double flops = 0;
};

struct RangeStats {
  double t0 = 0;  // cycles
  double t1 = 0;
  std::array<PipeRangeStats, kPipeCount> pipes{};  // indexed by Pipe, over every unit's lanes
  // The same per unit (AIC, AIV0, AIV1): an AIC's MTE2 can be 96% busy while each AIV's is 12%,
  // and the all-unit figure (40%) hides that. Indexed [Unit][Pipe]; lanes 0 where the unit has
  // no such pipe.
  std::array<std::array<PipeRangeStats, kPipeCount>, kUnitCount> units{};
  // The busiest unit and pipe in the range (as the Summary names the bound).
  Unit busiest_unit = Unit::kAic;
  Pipe busiest_pipe = Pipe::kCube;
  double busiest_fraction = 0;
  std::int64_t ops = 0;
  std::int64_t bubbles = 0;
  double bytes = 0;
  double flops = 0;
  double cycles() const { return t1 - t0; }
};

// Statistics over every lane of the run. An empty or inverted range gives zeros.
RangeStats compute_range_stats(const TimelineIndex& index, double t0, double t1);

// A few readable lines: the range in us and cycles, the busiest unit and pipe, then one line per
// pipe with its busy fraction per unit (AIC, AIV0, AIV1) and over all units, and the totals.
std::string format_range_stats(const RangeStats& stats, double clock_ghz);

}  // namespace amla
