#pragma once
// The Timeline view: lanes Core N -> AIC / AIV0 / AIV1 -> pipe with collapsible groups (a closed
// group shows its busy density), ops coloured by kind with a legend, a time ruler in us or
// cycles, hover tooltips, click to select an op and see its cross-core flags as arrows.
// Keys and mouse gestures: timeline_keys.h (W/S zoom, A/D pan, F frames the selection,
// Backspace or Alt+Left back, Ctrl+wheel zooms at the cursor, Shift+drag selects a range...).
// The visible range, the selected range and the history live in a TimeRangeControl: the
// widget's own, or one it shares with other views (setTimeControl).
#include <QColor>
#include <QString>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/ops/pipes.h"
#include "ui/common/time_range_control.h"
#include "ui/timeline/timeline_layout.h"
#include "ui/timeline/timeline_palette.h"
#include "ui/timeline/timeline_renderer.h"

class QLabel;
class QScrollBar;

namespace amla {
struct SimulationRun;
class TimelineIndex;
struct FlagEdge;
}  // namespace amla

namespace amla::ui {

class TimelineWidget : public QWidget {
  Q_OBJECT

 public:
  explicit TimelineWidget(QWidget* parent = nullptr);
  ~TimelineWidget() override;

  // With the widget's own controller, a new run is shown whole; a shared controller's trace is
  // set by whoever shares it.
  void setRun(std::shared_ptr<const amla::SimulationRun> run);  // nullptr clears
  void setTimeUnitMicroseconds(bool us);
  std::pair<double, double> visibleRange() const { return control_->range(); }  // cycles
  // Observes `control` (owned by the caller) instead of the widget's own.
  void setTimeControl(TimeRangeControl* control);
  TimeRangeControl* timeControl() const { return control_; }

  // Colours by op kind (the legend follows).
  void setOpKindColor(amla::OpKind kind, const QColor& color);
  const TimelinePalette& opKindColors() const { return palette_; }

  void setCoreExpanded(int core, bool expanded);
  bool coreExpanded(int core) const { return collapse_.core_expanded(core); }
  void setUnitExpanded(int core, amla::Unit unit, bool expanded);

  // The selected range (cycles), if any, and the selected op (-1 when none).
  bool hasSelection() const { return control_->hasSelection(); }
  std::pair<double, double> selection() const { return control_->selection(); }
  qint64 selectedOp() const { return selected_op_; }

  // For tests and the studio's status line: where the tracks are (widget coordinates), the time
  // under a pixel column, the vertical centre of the row that shows a lane, what hovering there
  // would say, and what the last paint drew.
  QRect trackRect() const;
  double timeAtX(int x) const;
  int xAtTime(double t) const;
  int laneCenterY(int lane) const;
  QString toolTipAt(const QPoint& pos) const;
  const TimelineFrameStats& lastFrameStats() const { return last_stats_; }
  bool canZoomBack() const { return control_->canGoBack(); }
  bool canZoomForward() const { return control_->canGoForward(); }

  // Op kinds drawn with emphasis, the others dimmed (bit k = OpKind k; 0 = none): the
  // pseudo-code panel's selected line.
  std::uint32_t highlightKinds() const { return highlight_kinds_; }
  void setHighlightKinds(std::uint32_t kinds);

  // The critical path (core/run/critical_path.h) drawn over the lanes: its ops outlined, the
  // others washed out, connectors where it changes lanes. Showing it opens the units it runs on
  // (of up to 8 cores, the latest first).
  bool criticalPathShown() const { return show_path_; }
  // The path's ops in path order (computed when first shown; empty without a run).
  const std::vector<std::int64_t>& criticalPathOps() const { return path_ops_; }
  bool isOnCriticalPath(qint64 op) const;
  // Ops that set or wait for a cross-core flag (they carry a mark and have arrows).
  bool hasFlagArrows(qint64 op) const;
  // The op that released `op` last (its wait reason's blocker), -1 when none.
  qint64 blockerOf(qint64 op) const;

 public Q_SLOTS:
  // Asks the controller for this range (one history entry).
  void setVisibleRange(double t0_cycles, double t1_cycles);
  void zoomBack() { control_->back(); }
  void zoomForward() { control_->forward(); }
  void setCriticalPathShown(bool shown);
  // Selects and frames the blocker of the selected op (or of `op`); false when it has none.
  bool jumpToBlocker(qint64 op = -1);
  // Selects `op` (-1 clears) and, when `frame`, shows it with some context around it.
  void selectAndFrameOp(qint64 op, bool frame = true);

 Q_SIGNALS:
  // A Shift+drag selection made in this widget, with its statistics over this widget's run.
  void rangeSelected(double t0_cycles, double t1_cycles, QString statistics_text);
  void opSelected(qint64 op_index);
  // The op under the mouse changed (-1: none).
  void opHovered(qint64 op_index);
  void criticalPathShownChanged(bool shown);

 protected:
  bool event(QEvent* e) override;
  void paintEvent(QPaintEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void mouseDoubleClickEvent(QMouseEvent* e) override;
  void leaveEvent(QEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;
  void keyPressEvent(QKeyEvent* e) override;

 private:
  using Gesture = TimeRangeControl::Gesture;

  TimelineScene scene() const;
  TimelineGeometry geometry() const;
  QRect contentRect() const;
  const TimelineRow* rowAtY(int y) const;
  double endCycle() const;
  double t0() const { return control_->rangeStart(); }
  double t1() const { return control_->rangeEnd(); }
  void zoomAbout(double factor, double anchor_x);
  void panBy(double fraction);
  void frameSelection();
  void rebuildRows();
  void updateScrollBar();
  void selectOp(qint64 op);
  void finishSelection();
  qint64 opAt(const QPoint& pos) const;

  std::shared_ptr<const amla::SimulationRun> run_;
  std::shared_ptr<const amla::TimelineIndex> index_;  // shared with other views of the run
  TimelinePalette palette_;
  CollapseState collapse_;
  std::vector<TimelineRow> rows_;
  bool microseconds_ = true;
  TimeRangeControl* own_control_;
  TimeRangeControl* control_;

  qint64 selected_op_ = -1;
  qint64 hovered_op_ = -1;
  std::uint32_t highlight_kinds_ = 0;
  void setHoveredOp(qint64 op);
  std::vector<amla::FlagEdge> selected_flags_;
  std::vector<std::int64_t> flagged_ops_;  // sorted
  bool show_path_ = false;
  std::vector<std::int64_t> path_ops_;     // path order
  std::vector<std::int64_t> path_sorted_;  // the same, sorted
  void computeCriticalPath();
  void openPathLanes();
  void frameOp(qint64 op);

  // Mouse state.
  bool selecting_ = false;
  double selection_anchor_ = 0;
  bool pressed_ = false;
  bool dragging_ = false;
  QPoint press_pos_;
  double press_t0_ = 0;
  double press_t1_ = 0;
  int press_scroll_ = 0;

  QScrollBar* scroll_bar_ = nullptr;
  // Shown instead of the lanes for a run that kept no trace (the reason, what to do).
  QLabel* no_trace_notice_ = nullptr;
  void placeNotice();
  TimelineFrameStats last_stats_;
};

}  // namespace amla::ui
