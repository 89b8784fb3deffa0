#pragma once
// Back / forward through the views the user visited, like a browser: a new view after going
// back drops the forward list. Bounded so an afternoon of panning cannot grow it forever.
#include <cstddef>
#include <optional>
#include <vector>

namespace amla::ui {

struct TimeRange {
  double t0 = 0;
  double t1 = 0;
  bool operator==(const TimeRange&) const = default;
};

class ZoomHistory {
 public:
  explicit ZoomHistory(std::size_t capacity = 256) : capacity_(capacity) {}

  // Remembers `previous` (the view being left). A repeat of the newest entry is ignored.
  void push(const TimeRange& previous);
  // The view to return to, given the current one (which becomes a forward entry).
  std::optional<TimeRange> back(const TimeRange& current);
  std::optional<TimeRange> forward(const TimeRange& current);
  bool can_go_back() const { return !back_.empty(); }
  bool can_go_forward() const { return !forward_.empty(); }
  void clear();

 private:
  std::size_t capacity_;
  std::vector<TimeRange> back_;
  std::vector<TimeRange> forward_;
};

}  // namespace amla::ui
