#pragma once
// The memory map's data model, free of Qt: for one buffer track, its slots (rows at their byte
// offset) with the tensors that held them sorted by time, and the draw list for a visible range
// at a given zoom. Intervals narrower than a few pixels are folded into one bar of the colour
// that covers most of its time, carrying the count, so a long run stays fast and nothing
// disappears without a trace.
#include <array>
#include <cstdint>
#include <vector>

#include "core/ops/trace.h"

namespace amla::ui {

struct MemoryMapRow {
  std::int32_t slot = 0;
  std::int64_t offset = 0;  // bytes from the start of the buffer
  std::int64_t size = 0;
  std::vector<std::int32_t> intervals;  // indices into Trace::slot_intervals, sorted by start
  std::vector<std::int64_t> max_end;    // running max of their ends: binary-searchable
};

struct MemoryMapIndex {
  int track = -1;
  std::vector<MemoryMapRow> rows;                                     // sorted by offset
  std::array<std::int64_t, amla::kOpKindCount> intervals_per_kind{};  // for the legend
  std::int64_t interval_count = 0;
};

MemoryMapIndex build_memory_map_index(const amla::Trace& trace, int track);

struct MemoryMapBar {
  int row = 0;       // index into MemoryMapIndex::rows
  double start = 0;  // cycles
  double end = 0;
  std::int32_t interval = 0;  // the longest interval folded in (the one a tooltip describes)
  std::int32_t count = 1;     // intervals folded into this bar
  amla::OpKind kind = amla::OpKind::kLoadQ;  // the kind holding the slot longest in the bar
};

// Folded intervals end a bar once it is this many pixels wide.
constexpr double kMemoryMapMergePixels = 3.0;

// Every interval overlapping [t0, t1) (a zero-length one inside it included) appears in exactly one
// bar; intervals at least kMemoryMapMergePixels wide get a bar of their own.
std::vector<MemoryMapBar> layout_memory_map(const amla::Trace& trace, const MemoryMapIndex& index,
                                            double t0, double t1, double cycles_per_pixel);

}  // namespace amla::ui
