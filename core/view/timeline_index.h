#pragma once
// Read-only lookup structures over one Trace for drawing it as a timeline, built once per run:
// the lanes that exist, the ops of a lane inside a time window (binary search), the level of
// detail that folds runs of ops narrower than a few pixels into counted blocks, and the busy
// density of a unit or a core per pixel column. Everything a frame needs costs
// O(pixels x visible lanes) at any zoom, not O(ops), and no op is ever dropped: the counts of a
// lane's draw items always add up to the ops that overlap the view.
#include <cstdint>
#include <vector>

#include "core/common/job_control.h"
#include "core/ops/trace.h"
#include "core/view/time_mapping.h"

namespace amla {

// Runs of ops narrower than this fold into one block.
inline constexpr double kFoldPixels = 3.0;

struct OpRange {
  std::int64_t first = 0;  // global op index
  std::int64_t last = 0;   // one past the end
  std::int64_t size() const { return last - first; }
};

// One thing to draw in a lane: a real op, or a block of folded ops.
struct DrawItem {
  double x0 = 0;              // pixels in the mapping (may reach outside [0, width))
  double x1 = 0;              // > x0
  std::int64_t first_op = 0;  // the op, or the first op of the block
  std::int64_t count = 1;     // ops represented (1 for a real op)
  std::int64_t busy_cycles = 0;
  OpKind kind = OpKind::kCount;  // the common kind; meaningful when !mixed
  bool mixed = false;            // a block holding more than one kind
  bool folded() const { return count > 1; }
};

class TimelineIndex {
 public:
  // Keeps a reference to `trace`, which must outlive the index. Building the index of a long
  // run takes a while: `job`'s cancel flag is checked along the way (throws Cancelled).
  explicit TimelineIndex(const Trace& trace, const JobControl& job = {});

  const Trace& trace() const { return *trace_; }
  int cores() const { return trace_->cores; }
  // The lanes the machine has (unit_has_pipe), in display order: core, unit, pipe.
  const std::vector<int>& lanes() const { return lanes_; }
  // Lanes of one unit of one core that exist, in pipe order.
  std::vector<int> unit_lanes(int core, Unit unit) const;
  // Last op end over the trace (0 when empty): the run's span is [0, end_cycle()).
  std::int64_t end_cycle() const { return end_cycle_; }
  std::int64_t op_count() const { return static_cast<std::int64_t>(trace_->ops.size()); }
  OpRange lane_ops(int lane) const;
  // Bit k set when some op has kind k (for a legend of the kinds this run has).
  std::uint32_t kinds_present() const { return kinds_present_; }

  // The ops of `lane` that overlap [t0, t1): start < t1 and end > t0.
  OpRange visible_ops(int lane, double t0, double t1) const;

  // The draw items of `lane` in the view of `mapping`, left to right (appended to *out).
  // Ops at least fold_px wide are drawn as themselves; ops that start within fold_px of each
  // other fold into blocks. A lone narrow op stays an op (the painter widens it to 1 px).
  void draw_items(int lane, const TimeMapping& mapping, std::vector<DrawItem>* out,
                  double fold_px = kFoldPixels) const;

  // Busy cycles of `lane` inside [t0, t1), ops clipped at the edges.
  double busy_cycles(int lane, double t0, double t1) const;

  // Busy fraction (0..1) per pixel column of the lanes of one unit of one core, or of all the
  // core's lanes when `whole_core`; `columns` values written to *out. Exact when zoomed in; when
  // zoomed out, from per-unit prefix sums over fine time bins (error at most one bin at each
  // column edge), so the cost never depends on the op count.
  void busy_density(int core, Unit unit, bool whole_core, const TimeMapping& mapping, int columns,
                    std::vector<float>* out) const;

  // The op of `lane` under time t, or the nearest one within `tolerance` cycles; -1 when none.
  std::int64_t op_at(int lane, double t, double tolerance) const;

 private:
  struct UnitBins {
    double bin_cycles = 1;           // width of one fine bin
    int lanes = 0;                   // lanes of the unit
    std::vector<double> cumulative;  // busy cycles of all its lanes in [0, k * bin_cycles)
  };

  std::int64_t first_ending_after(const OpRange& r, double t) const;
  std::int64_t first_starting_at_or_after(std::int64_t from, std::int64_t to, double t) const;
  void add_exact_coverage(int lane, const TimeMapping& mapping, int columns,
                          std::vector<double>* partial, std::vector<double>* full_diff) const;
  void build_unit_bins(int core, Unit unit);
  double unit_cumulative(const UnitBins& bins, double t) const;

  const Trace* trace_;
  std::vector<int> lanes_;
  std::int64_t end_cycle_ = 0;
  std::uint32_t kinds_present_ = 0;
  std::vector<std::int64_t> busy_prefix_;  // busy cycles of ops [0, i) (differences per lane)
  std::vector<std::int64_t> max_end_;      // running max of end within the op's lane
  std::vector<std::int64_t> run_end_;      // first later op of the lane with another kind
  std::vector<UnitBins> unit_bins_;        // per core * kUnitCount + unit
};

}  // namespace amla
