#pragma once
// The time range every time-based view shows, in one place (Qt Creator's TimelineZoomControl is
// the model): the trace (everything there is to see), the visible window, the selection, and the
// back / forward history of windows. Views observe its signals and ask it for changes; none of
// them wires itself to another. The window is kept inside the trace and never narrower than
// minimumSpan(). All times are in cycles.
#include <QElapsedTimer>
#include <QObject>
#include <utility>

#include "ui/common/zoom_history.h"

namespace amla {
struct SimulationRun;
}

namespace amla::ui {

class TimeRangeControl : public QObject {
  Q_OBJECT

 public:
  // How a request came about. The steps of one continuous gesture (a wheel spin, a held key, a
  // drag) make one history entry, not one per step.
  enum class Gesture { kDiscrete, kWheelZoom, kKeyZoom, kKeyPan, kDrag };

  explicit TimeRangeControl(QObject* parent = nullptr);

  // A new trace is shown whole; the history and the selection are forgotten.
  void setTrace(double start, double end);
  double traceStart() const { return trace_start_; }
  double traceEnd() const { return trace_end_; }

  double rangeStart() const { return range_start_; }
  double rangeEnd() const { return range_end_; }
  std::pair<double, double> range() const { return {range_start_, range_end_}; }
  // Whether the window is narrower than the trace.
  bool isZoomed() const;
  // Asks for a window; it is clamped into the trace. Returns whether the window changed.
  bool requestRange(double start, double end, Gesture gesture = Gesture::kDiscrete);
  void showWholeTrace() { requestRange(trace_start_, trace_end_); }
  // The gesture is over (a mouse release): the next one starts its own history entry.
  void endGesture() { last_gesture_ = Gesture::kDiscrete; }
  double minimumSpan() const { return minimum_span_; }
  void setMinimumSpan(double cycles) { minimum_span_ = cycles; }

  bool canGoBack() const { return history_.can_go_back(); }
  bool canGoForward() const { return history_.can_go_forward(); }

  bool hasSelection() const { return has_selection_; }
  // Ordered (start <= end) whichever way it was drawn.
  std::pair<double, double> selection() const;
  void setSelection(double from, double to);
  void clearSelection();

 public slots:
  void back();
  void forward();

 signals:
  void traceChanged(double start, double end);
  void rangeChanged(double start, double end);
  void selectionChanged();

 private:
  bool applyRange(double start, double end);

  double trace_start_ = 0;
  double trace_end_ = 1;
  double range_start_ = 0;
  double range_end_ = 1;
  double minimum_span_ = 16;
  ZoomHistory history_;
  Gesture last_gesture_ = Gesture::kDiscrete;
  QElapsedTimer gesture_timer_;
  bool has_selection_ = false;
  double selection_from_ = 0;
  double selection_to_ = 0;
};

// The span a run gives a shared controller: its last op or buffer release, in cycles (its
// makespan when it kept no trace).
double run_end_cycles(const amla::SimulationRun& run);

}  // namespace amla::ui
