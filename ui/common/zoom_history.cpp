#include "ui/common/zoom_history.h"

namespace amla::ui {

void ZoomHistory::push(const TimeRange& previous) {
  forward_.clear();
  if (!back_.empty() && back_.back() == previous) return;
  back_.push_back(previous);
  if (back_.size() > capacity_) back_.erase(back_.begin());
}

std::optional<TimeRange> ZoomHistory::back(const TimeRange& current) {
  if (back_.empty()) return std::nullopt;
  const TimeRange r = back_.back();
  back_.pop_back();
  forward_.push_back(current);
  return r;
}

std::optional<TimeRange> ZoomHistory::forward(const TimeRange& current) {
  if (forward_.empty()) return std::nullopt;
  const TimeRange r = forward_.back();
  forward_.pop_back();
  back_.push_back(current);
  return r;
}

void ZoomHistory::clear() {
  back_.clear();
  forward_.clear();
}

}  // namespace amla::ui
