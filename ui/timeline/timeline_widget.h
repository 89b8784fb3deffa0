#pragma once
// The Timeline view: lanes Core N -> AIC / AIV0 / AIV1 -> pipe with collapsible groups (a closed
// group shows its busy density), ops coloured by kind with a legend, a time ruler in us or
// cycles, hover tooltips, click to select an op and see its cross-core flags as arrows.
// Keys: W/S zoom in/out, A/D pan, F frames the selection, Backspace or Alt+Left goes back,
// Alt+Right forward, Esc clears, Home shows the whole run. Mouse: Ctrl+wheel zooms at the
// cursor, the wheel scrolls lanes, drag pans, Shift+drag selects a range for its statistics.
#include <QColor>
#include <QElapsedTimer>
#include <QString>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/ops/pipes.h"
#include "ui/timeline/timeline_layout.h"
#include "ui/timeline/timeline_palette.h"
#include "ui/timeline/timeline_renderer.h"
#include "ui/timeline/zoom_history.h"

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

  void setRun(std::shared_ptr<const amla::SimulationRun> run);  // nullptr clears
  void setTimeUnitMicroseconds(bool us);
  std::pair<double, double> visibleRange() const;  // cycles

  // Colours by op kind (the legend follows).
  void setOpKindColor(amla::OpKind kind, const QColor& color);
  const TimelinePalette& opKindColors() const { return palette_; }

  void setCoreExpanded(int core, bool expanded);
  bool coreExpanded(int core) const { return collapse_.core_expanded(core); }
  void setUnitExpanded(int core, amla::Unit unit, bool expanded);

  // The selected range (cycles), if any, and the selected op (-1 when none).
  bool hasSelection() const { return has_selection_; }
  std::pair<double, double> selection() const;
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
  bool canZoomBack() const { return history_.can_go_back(); }
  bool canZoomForward() const { return history_.can_go_forward(); }

 public Q_SLOTS:
  void setVisibleRange(double t0_cycles, double t1_cycles);
  void zoomBack();
  void zoomForward();

 Q_SIGNALS:
  void visibleRangeChanged(double t0_cycles, double t1_cycles);
  void rangeSelected(double t0_cycles, double t1_cycles, QString statistics_text);
  void opSelected(qint64 op_index);

 protected:
  bool event(QEvent* e) override;
  void paintEvent(QPaintEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void mouseDoubleClickEvent(QMouseEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;
  void keyPressEvent(QKeyEvent* e) override;

 private:
  // Continuous gestures (a wheel spin, a held key) make one history entry, not one per step.
  enum class Gesture { kDiscrete, kWheelZoom, kKeyZoom, kKeyPan, kDrag };

  TimelineScene scene() const;
  TimelineGeometry geometry() const;
  QRect contentRect() const;
  const TimelineRow* rowAtY(int y) const;
  double endCycle() const;
  // Clamps and shows [t0, t1); returns whether the view changed.
  bool applyRange(double t0, double t1);
  void navigate(double t0, double t1, Gesture gesture);
  void zoomAbout(double factor, double anchor_x);
  void panBy(double fraction);
  void frameSelection();
  void rebuildRows();
  void updateScrollBar();
  void selectOp(qint64 op);
  void finishSelection();
  qint64 opAt(const QPoint& pos) const;

  std::shared_ptr<const amla::SimulationRun> run_;
  std::unique_ptr<amla::TimelineIndex> index_;
  TimelinePalette palette_;
  CollapseState collapse_;
  std::vector<TimelineRow> rows_;
  double t0_ = 0;
  double t1_ = 1;
  bool microseconds_ = true;
  ZoomHistory history_;
  Gesture last_gesture_ = Gesture::kDiscrete;
  QElapsedTimer gesture_timer_;

  bool has_selection_ = false;
  double selection_t0_ = 0;
  double selection_t1_ = 0;
  qint64 selected_op_ = -1;
  std::vector<amla::FlagEdge> selected_flags_;

  // Mouse state.
  bool selecting_ = false;
  bool pressed_ = false;
  bool dragging_ = false;
  QPoint press_pos_;
  double press_t0_ = 0;
  double press_t1_ = 0;
  int press_scroll_ = 0;

  QScrollBar* scroll_bar_ = nullptr;
  TimelineFrameStats last_stats_;
};

}  // namespace amla::ui
