#include "ui/buffers/memory_map_layout.h"

#include <algorithm>
#include <map>

namespace amla::ui {

MemoryMapIndex build_memory_map_index(const amla::Trace& trace, int track) {
  MemoryMapIndex index;
  index.track = track;
  std::map<std::int32_t, std::size_t> row_of_slot;
  for (std::size_t i = 0; i < trace.slot_intervals.size(); ++i) {
    const amla::SlotInterval& s = trace.slot_intervals[i];
    const amla::SlotPlace& place = trace.place_of(s);
    if (place.track != track) continue;
    auto [it, fresh] = row_of_slot.emplace(s.slot, index.rows.size());
    if (fresh) index.rows.push_back({s.slot, place.offset, place.size, {}, {}});
    index.rows[it->second].intervals.push_back(static_cast<std::int32_t>(i));
    ++index.intervals_per_kind[static_cast<std::size_t>(s.producer)];
    ++index.interval_count;
  }
  for (MemoryMapRow& row : index.rows) {
    std::stable_sort(row.intervals.begin(), row.intervals.end(),
                     [&](std::int32_t a, std::int32_t b) {
                       return trace.slot_intervals[static_cast<std::size_t>(a)].start <
                              trace.slot_intervals[static_cast<std::size_t>(b)].start;
                     });
    row.max_end.reserve(row.intervals.size());
    std::int64_t running = INT64_MIN;
    for (std::int32_t i : row.intervals) {
      running =
          std::max<std::int64_t>(running, trace.slot_intervals[static_cast<std::size_t>(i)].end);
      row.max_end.push_back(running);
    }
  }
  std::sort(index.rows.begin(), index.rows.end(), [](const MemoryMapRow& a, const MemoryMapRow& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.slot < b.slot;
  });
  return index;
}

namespace {

bool overlaps(const amla::SlotInterval& s, double t0, double t1) {
  // A zero-length interval still counts when it sits inside the range.
  return s.start < t1 && (s.end > t0 || (s.end == s.start && s.start >= t0));
}

// A bar being folded together, with the time each kind held the slot.
struct Fold {
  MemoryMapBar bar;
  std::array<double, amla::kOpKindCount> time_per_kind{};
  double longest = -1;

  void add(std::int32_t i, const amla::SlotInterval& s) {
    const double duration = static_cast<double>(s.end - s.start);
    if (bar.count == 0) bar.start = bar.end = static_cast<double>(s.start);
    bar.end = std::max(bar.end, static_cast<double>(s.end));
    ++bar.count;
    time_per_kind[static_cast<std::size_t>(s.producer)] += duration;
    if (duration > longest) {
      longest = duration;
      bar.interval = i;
    }
  }
  MemoryMapBar finish() {
    const auto most = std::max_element(time_per_kind.begin(), time_per_kind.end());
    // All zero-length: the longest (first) interval's kind.
    bar.kind = *most > 0 ? static_cast<amla::OpKind>(most - time_per_kind.begin()) : bar.kind;
    return bar;
  }
};

}  // namespace

std::vector<MemoryMapBar> layout_memory_map(const amla::Trace& trace, const MemoryMapIndex& index,
                                            double t0, double t1, double cycles_per_pixel) {
  std::vector<MemoryMapBar> bars;
  if (!(t1 > t0) || !(cycles_per_pixel > 0)) return bars;
  const double merge_cycles = kMemoryMapMergePixels * cycles_per_pixel;
  for (std::size_t r = 0; r < index.rows.size(); ++r) {
    const MemoryMapRow& row = index.rows[r];
    // First interval that may reach t0 (zero-length ones at t0 included).
    auto first = std::lower_bound(row.max_end.begin(), row.max_end.end(), t0,
                                  [](std::int64_t end, double t) { return end < t; });
    Fold fold;
    fold.bar.row = static_cast<int>(r);
    fold.bar.count = 0;
    auto flush = [&] {
      if (fold.bar.count > 0) bars.push_back(fold.finish());
      fold = Fold();
      fold.bar.row = static_cast<int>(r);
      fold.bar.count = 0;
    };
    for (auto k = static_cast<std::size_t>(first - row.max_end.begin()); k < row.intervals.size();
         ++k) {
      const std::int32_t i = row.intervals[k];
      const amla::SlotInterval& s = trace.slot_intervals[static_cast<std::size_t>(i)];
      if (s.start >= t1) break;
      if (!overlaps(s, t0, t1)) continue;
      const double start = static_cast<double>(s.start);
      const double end = static_cast<double>(s.end);
      if (end - start >= merge_cycles) {
        flush();
        fold.bar.kind = s.producer;
        fold.add(i, s);
        flush();
        continue;
      }
      // A narrow interval joins the open fold when it starts within a pixel of it and the fold
      // stays narrow, so dense stretches become a row of few-pixel bars, each its own colour.
      const bool joins = fold.bar.count > 0 && start - fold.bar.end < cycles_per_pixel &&
                         end - fold.bar.start <= merge_cycles;
      if (!joins) {
        flush();
        fold.bar.kind = s.producer;
      }
      fold.add(i, s);
    }
    flush();
  }
  return bars;
}

}  // namespace amla::ui
