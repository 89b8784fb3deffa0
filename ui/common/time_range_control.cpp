#include "ui/common/time_range_control.h"

#include <algorithm>
#include <cmath>

#include "core/run/simulation_run.h"
#include "core/view/time_mapping.h"

namespace amla::ui {

namespace {

// Steps of one gesture further apart than this start a new history entry.
constexpr int kGestureMergeMs = 700;

}  // namespace

TimeRangeControl::TimeRangeControl(QObject* parent) : QObject(parent) { gesture_timer_.start(); }

void TimeRangeControl::setTrace(double start, double end) {
  trace_start_ = start;
  trace_end_ = std::max(end, start + 1);
  history_.clear();
  last_gesture_ = Gesture::kDiscrete;
  emit traceChanged(trace_start_, trace_end_);
  clearSelection();
  applyRange(trace_start_, trace_end_);
}

bool TimeRangeControl::isZoomed() const {
  return range_start_ > trace_start_ || range_end_ < trace_end_;
}

bool TimeRangeControl::requestRange(double start, double end, Gesture gesture) {
  const bool merge = gesture != Gesture::kDiscrete && gesture == last_gesture_ &&
                     gesture_timer_.elapsed() < kGestureMergeMs;
  const TimeRange before{range_start_, range_end_};
  // One "pixel" across the window: the scale is then cycles of span, and TimeMapping's clamp
  // (zoom limit, inside the trace) applies unchanged.
  const TimeLimits limits{trace_start_, trace_end_, minimum_span_};
  const TimeMapping m = TimeMapping::for_range(start, end, 1).clamped(limits);
  const bool changed = applyRange(m.t0(), m.t1());
  if (changed && !merge) history_.push(before);
  last_gesture_ = gesture;
  gesture_timer_.restart();
  return changed;
}

bool TimeRangeControl::applyRange(double start, double end) {
  const double eps = 1e-9 * std::max(1.0, trace_end_ - trace_start_);
  if (std::abs(start - range_start_) <= eps && std::abs(end - range_end_) <= eps) return false;
  range_start_ = start;
  range_end_ = end;
  emit rangeChanged(range_start_, range_end_);
  return true;
}

void TimeRangeControl::back() {
  if (auto r = history_.back({range_start_, range_end_})) applyRange(r->t0, r->t1);
  last_gesture_ = Gesture::kDiscrete;
}

void TimeRangeControl::forward() {
  if (auto r = history_.forward({range_start_, range_end_})) applyRange(r->t0, r->t1);
  last_gesture_ = Gesture::kDiscrete;
}

std::pair<double, double> TimeRangeControl::selection() const {
  return {std::min(selection_from_, selection_to_), std::max(selection_from_, selection_to_)};
}

void TimeRangeControl::setSelection(double from, double to) {
  has_selection_ = true;
  selection_from_ = from;
  selection_to_ = to;
  emit selectionChanged();
}

void TimeRangeControl::clearSelection() {
  if (!has_selection_) return;
  has_selection_ = false;
  emit selectionChanged();
}

double run_end_cycles(const amla::SimulationRun& run) {
  // A run that kept no trace has no ops or steps to read the end from: its makespan.
  if (!run.trace.has_ops()) return static_cast<double>(run.metrics.makespan_cycles);
  double end = 0;
  for (const amla::BufferTrack& t : run.trace.buffers) {
    if (!t.time.empty()) end = std::max(end, static_cast<double>(t.time.back()));
  }
  for (const auto e : run.trace.ops.end) end = std::max(end, static_cast<double>(e));
  return end;
}

}  // namespace amla::ui
