#include "ui/timeline/timeline_widget.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/run/critical_path.h"
#include "core/run/simulation_run.h"
#include "core/view/range_stats.h"
#include "core/view/time_mapping.h"
#include "core/view/timeline_index.h"
#include "ui/common/no_trace_notice.h"
#include "ui/common/screen_units.h"
#include "ui/timeline/shared_timeline_index.h"
#include "ui/timeline/timeline_keys.h"
#include "ui/timeline/timeline_legend.h"
#include "ui/timeline/timeline_tooltip.h"

namespace amla::ui {

namespace {

constexpr double kKeyZoomFactor = 1.5;
constexpr double kWheelZoomBase = 1.25;  // per wheel notch
constexpr double kKeyPanFraction = 0.2;  // of the visible span
constexpr int kDragThresholdPx = 3;
constexpr int kHoverTolerancePx = 3;

}  // namespace

TimelineWidget::TimelineWidget(QWidget* parent)
    : QWidget(parent), own_control_(new TimeRangeControl(this)), control_(nullptr) {
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMinimumSize(320, 160);
  scroll_bar_ = new QScrollBar(Qt::Vertical, this);
  scroll_bar_->setObjectName(QStringLiteral("timelineScrollBar"));
  connect(scroll_bar_, &QScrollBar::valueChanged, this, [this] { update(); });
  no_trace_notice_ = make_no_trace_notice(this);
  setTimeControl(own_control_);
  updateScrollBar();
}

TimelineWidget::~TimelineWidget() = default;

void TimelineWidget::setRun(std::shared_ptr<const SimulationRun> run) {
  index_.reset();
  run_ = std::move(run);
  // A run that kept no trace has nothing to draw: no index, no lanes, the reason instead.
  const bool traced = run_ && !kept_no_trace(run_.get());
  index_ = traced ? shared_timeline_index(run_) : nullptr;
  collapse_ = CollapseState(traced ? run_->trace.cores : 0, 1);
  set_no_trace_notice(no_trace_notice_, kept_no_trace(run_.get())
                                            ? no_trace_page_text(*run_, tr("its timeline"))
                                            : QString());
  placeNotice();
  selecting_ = pressed_ = dragging_ = false;
  selected_op_ = -1;
  hovered_op_ = -1;
  selected_flags_.clear();
  flagged_ops_.clear();
  if (run_) {
    flagged_ops_.reserve(run_->trace.flags.size() * 2);
    for (const FlagEdge& e : run_->trace.flags) {
      flagged_ops_.push_back(e.set_op);
      flagged_ops_.push_back(e.wait_op);
    }
    std::sort(flagged_ops_.begin(), flagged_ops_.end());
    flagged_ops_.erase(std::unique(flagged_ops_.begin(), flagged_ops_.end()), flagged_ops_.end());
  }
  path_ops_.clear();
  path_sorted_.clear();
  if (show_path_) {
    computeCriticalPath();
    openPathLanes();
  }
  rebuildRows();
  scroll_bar_->setValue(0);
  if (control_ == own_control_) control_->setTrace(0, endCycle());
  update();
}

void TimelineWidget::setTimeControl(TimeRangeControl* control) {
  if (control == nullptr || control == control_) return;
  if (control_) disconnect(control_, nullptr, this, nullptr);
  control_ = control;
  // A repaint is all it takes: every paint reads the range and the selection from the control.
  connect(control_, &TimeRangeControl::rangeChanged, this, qOverload<>(&QWidget::update));
  connect(control_, &TimeRangeControl::selectionChanged, this, qOverload<>(&QWidget::update));
  // A shared controller that goes first (its owner is torn down) leaves the widget its own.
  if (control_ != own_control_) {
    connect(control_, &QObject::destroyed, this, [this] { control_ = own_control_; });
  }
  update();
}

void TimelineWidget::setTimeUnitMicroseconds(bool us) {
  microseconds_ = us;
  update();
}

void TimelineWidget::setOpKindColor(OpKind kind, const QColor& color) {
  palette_.set_color(kind, color);
  update();
}

void TimelineWidget::computeCriticalPath() {
  path_ops_.clear();
  path_sorted_.clear();
  if (!index_) return;  // no run, or one that kept no trace
  path_ops_ = critical_path(run_->trace).ops;
  path_sorted_ = path_ops_;
  std::sort(path_sorted_.begin(), path_sorted_.end());
}

void TimelineWidget::setCriticalPathShown(bool shown) {
  if (shown == show_path_) return;
  if (shown && kept_no_trace(run_.get())) return;  // no ops, no path
  show_path_ = shown;
  if (shown && path_ops_.empty()) computeCriticalPath();
  if (shown) openPathLanes();
  update();
  Q_EMIT criticalPathShownChanged(shown);
}

void TimelineWidget::openPathLanes() {
  if (!run_) return;
  // The path's ops are drawn in lane rows: open the units they run on, latest first, up to a
  // few cores (a closed core shows a busy strip, not ops).
  constexpr int kMaxCoresOpened = 8;
  std::vector<int> opened;
  for (auto it = path_ops_.rbegin(); it != path_ops_.rend(); ++it) {
    const int lane = run_->trace.ops.lane[static_cast<std::size_t>(*it)];
    const int core = lane_core(lane);
    if (std::find(opened.begin(), opened.end(), core) == opened.end()) {
      if (static_cast<int>(opened.size()) == kMaxCoresOpened) continue;
      opened.push_back(core);
      collapse_.set_core_expanded(core, true);
    }
    collapse_.set_unit_expanded(core, lane_unit(lane), true);
  }
  rebuildRows();
}

bool TimelineWidget::isOnCriticalPath(qint64 op) const {
  return std::binary_search(path_sorted_.begin(), path_sorted_.end(), op);
}

bool TimelineWidget::hasFlagArrows(qint64 op) const {
  return std::binary_search(flagged_ops_.begin(), flagged_ops_.end(), op);
}

qint64 TimelineWidget::blockerOf(qint64 op) const {
  if (!run_ || op < 0 || op >= static_cast<qint64>(run_->trace.ops.size())) return -1;
  const OpTrace& ops = run_->trace.ops;
  if (!ops.has_reasons()) return -1;
  return ops.blocker[static_cast<std::size_t>(op)];
}

bool TimelineWidget::jumpToBlocker(qint64 op) {
  const qint64 blocker = blockerOf(op >= 0 ? op : selected_op_);
  if (blocker < 0) return false;
  selectAndFrameOp(blocker);
  return true;
}

void TimelineWidget::selectAndFrameOp(qint64 op, bool frame) {
  // An op the run does not have (a run that kept no trace has none) selects nothing.
  if (!run_ || op >= static_cast<qint64>(run_->trace.ops.size())) op = -1;
  if (op >= 0) {
    // Open the op's core and unit so it has a row of its own.
    const int lane = run_->trace.ops.lane[static_cast<std::size_t>(op)];
    if (!collapse_.core_expanded(lane_core(lane))) setCoreExpanded(lane_core(lane), true);
    setUnitExpanded(lane_core(lane), lane_unit(lane), true);
  }
  selectOp(op);
  if (frame && op >= 0) frameOp(op);
}

void TimelineWidget::frameOp(qint64 op) {
  if (!run_) return;
  const auto i = static_cast<std::size_t>(op);
  const double s = static_cast<double>(run_->trace.ops.start[i]);
  const double e = static_cast<double>(run_->trace.ops.end[i]);
  const double pad = std::max(2.0, (e - s) * 1.5);
  control_->requestRange(s - pad, e + pad);
  // Scroll its row into view.
  const TimelineRow* row = row_showing_lane(rows_, run_->trace.ops.lane[i]);
  if (row != nullptr) {
    const int h = std::max(1, trackRect().height());
    if (row->y < scroll_bar_->value() || row->y + row->height > scroll_bar_->value() + h) {
      scroll_bar_->setValue(std::max(0, row->y - h / 3));
    }
  }
}

void TimelineWidget::setHighlightKinds(std::uint32_t kinds) {
  if (kinds == highlight_kinds_) return;
  highlight_kinds_ = kinds;
  update();
}

void TimelineWidget::setHoveredOp(qint64 op) {
  if (op == hovered_op_) return;
  hovered_op_ = op;
  Q_EMIT opHovered(op);
}

void TimelineWidget::leaveEvent(QEvent* e) {
  setHoveredOp(-1);
  QWidget::leaveEvent(e);
}

void TimelineWidget::setCoreExpanded(int core, bool expanded) {
  collapse_.set_core_expanded(core, expanded);
  rebuildRows();
}

void TimelineWidget::setUnitExpanded(int core, Unit unit, bool expanded) {
  collapse_.set_unit_expanded(core, unit, expanded);
  rebuildRows();
}

// ---------------------------------------------------------------------------------------------
// Geometry

double TimelineWidget::endCycle() const {
  return index_ ? static_cast<double>(std::max<std::int64_t>(index_->end_cycle(), 1)) : 1.0;
}

QRect TimelineWidget::contentRect() const {
  QRect r = rect();
  if (scroll_bar_->isVisible()) r.setRight(r.right() - scroll_bar_->width());
  return r;
}

TimelineScene TimelineWidget::scene() const {
  TimelineScene s;
  s.index = index_.get();
  s.palette = &palette_;
  s.rows = index_ ? &rows_ : nullptr;
  s.clock_ghz = run_ ? run_->trace.clock_ghz : 1.0;
  if (kept_no_trace(run_.get())) s.no_index_text.clear();  // the notice says why
  s.t0 = t0();
  s.t1 = t1();
  s.microseconds = microseconds_;
  s.legend = amla::LegendPosition::kBottom;
  s.scroll_y = scroll_bar_->value();
  s.has_selection = control_->hasSelection();
  std::tie(s.selection_t0, s.selection_t1) = control_->selection();
  s.selected_op = selected_op_;
  s.selected_flags = &selected_flags_;
  s.flagged_ops = &flagged_ops_;
  s.highlight_kinds = highlight_kinds_;
  if (show_path_) {
    s.path_ops = &path_ops_;
    s.path_sorted = &path_sorted_;
  }
  return s;
}

TimelineGeometry TimelineWidget::geometry() const {
  return timeline_geometry(contentRect(), scene());
}

QRect TimelineWidget::trackRect() const { return geometry().tracks; }

double TimelineWidget::timeAtX(int x) const {
  const QRect tracks = trackRect();
  return TimeMapping::for_range(t0(), t1(), tracks.width()).t(x - tracks.left());
}

int TimelineWidget::xAtTime(double t) const {
  const QRect tracks = trackRect();
  return tracks.left() +
         static_cast<int>(std::floor(TimeMapping::for_range(t0(), t1(), tracks.width()).x(t)));
}

int TimelineWidget::laneCenterY(int lane) const {
  const TimelineRow* row = row_showing_lane(rows_, lane);
  if (row == nullptr) return -1;
  return trackRect().top() + row->y - scroll_bar_->value() + row->height / 2;
}

const TimelineRow* TimelineWidget::rowAtY(int y) const {
  const QRect tracks = trackRect();
  if (y < tracks.top() || y > tracks.bottom()) return nullptr;
  return row_at(rows_, y - tracks.top() + scroll_bar_->value());
}

void TimelineWidget::rebuildRows() {
  rows_ = build_rows(collapse_, RowHeights{});
  updateScrollBar();
  update();
}

void TimelineWidget::updateScrollBar() {
  // The track height depends on whether the bar is shown, so decide with the bar's width taken.
  const QRect full = rect();
  QRect without = full;
  without.setRight(full.right() - scroll_bar_->sizeHint().width());
  TimelineScene s = scene();
  const TimelineGeometry g = timeline_geometry(without, s);
  const int overflow = content_height(rows_) - g.tracks.height();
  scroll_bar_->setVisible(overflow > 0);
  scroll_bar_->setRange(0, std::max(0, overflow));
  scroll_bar_->setPageStep(std::max(1, g.tracks.height()));
  scroll_bar_->setSingleStep(RowHeights{}.lane);
  scroll_bar_->setGeometry(full.right() - scroll_bar_->sizeHint().width() + 1, g.tracks.top(),
                           scroll_bar_->sizeHint().width(), std::max(1, g.tracks.height()));
}

// ---------------------------------------------------------------------------------------------
// Navigation

void TimelineWidget::setVisibleRange(double t0_cycles, double t1_cycles) {
  if (!(t1_cycles > t0_cycles)) return;
  control_->requestRange(t0_cycles, t1_cycles);
}

void TimelineWidget::zoomAbout(double factor, double anchor_x) {
  const QRect tracks = trackRect();
  const TimeMapping m = TimeMapping::for_range(t0(), t1(), tracks.width()).zoomed(factor, anchor_x);
  control_->requestRange(m.t0(), m.t1(), Gesture::kKeyZoom);
}

void TimelineWidget::panBy(double fraction) {
  const double shift = (t1() - t0()) * fraction;
  control_->requestRange(t0() + shift, t1() + shift, Gesture::kKeyPan);
}

void TimelineWidget::frameSelection() {
  if (control_->hasSelection()) {
    const auto [a, b] = control_->selection();
    control_->requestRange(a, b);
  } else if (selected_op_ >= 0 && run_) {
    frameOp(selected_op_);
  } else {
    control_->showWholeTrace();
  }
}

// ---------------------------------------------------------------------------------------------
// Selection

void TimelineWidget::selectOp(qint64 op) {
  selected_op_ = op;
  selected_flags_.clear();
  if (op >= 0 && run_) {
    for (const FlagEdge& e : run_->trace.flags) {
      if (e.set_op == op || e.wait_op == op) selected_flags_.push_back(e);
    }
  }
  update();
  Q_EMIT opSelected(op);
}

void TimelineWidget::finishSelection() {
  selecting_ = false;
  const auto [a, b] = control_->selection();
  const double min_cycles = 2 * (t1() - t0()) / std::max(1, trackRect().width());
  if (!index_ || b - a < min_cycles) {
    control_->clearSelection();
    return;
  }
  const RangeStats stats = compute_range_stats(*index_, a, b);
  Q_EMIT rangeSelected(a, b, screen_text(format_range_stats(stats, run_->trace.clock_ghz)));
}

qint64 TimelineWidget::opAt(const QPoint& pos) const {
  const TimelineRow* row = rowAtY(pos.y());
  if (row == nullptr || row->kind != RowKind::kLane || !index_) return -1;
  const double cpp = (t1() - t0()) / std::max(1, trackRect().width());
  return index_->op_at(row->lane, timeAtX(pos.x()) + cpp / 2, kHoverTolerancePx * cpp);
}

QString TimelineWidget::toolTipAt(const QPoint& pos) const {
  if (!index_) return {};
  const QRect legend = geometry().legend;
  if (legend.contains(pos)) {
    const int kind = legend_kind_at(legend, index_->kinds_present(), pos);
    return kind >= 0 ? legend_tooltip(static_cast<OpKind>(kind)) : QString();
  }
  if (!trackRect().contains(pos)) return {};
  const TimelineRow* row = rowAtY(pos.y());
  if (row == nullptr) return {};
  const QRect tracks = trackRect();
  const TimeMapping m = TimeMapping::for_range(t0(), t1(), tracks.width());
  const double x = pos.x() - tracks.left() + 0.5;
  if (row->kind != RowKind::kLane) {
    std::vector<float> density;
    const int column = std::clamp(pos.x() - tracks.left(), 0, tracks.width() - 1);
    index_->busy_density(row->core, row->unit, row->kind == RowKind::kCore, m, tracks.width(),
                         &density);
    const QString group = row->kind == RowKind::kCore
                              ? QStringLiteral("Core %1").arg(row->core)
                              : QStringLiteral("Core %1 / %2")
                                    .arg(row->core)
                                    .arg(QLatin1String(unit_name(row->unit)));
    return density_tooltip(group, m.t(x), density[static_cast<std::size_t>(column)],
                           run_->trace.clock_ghz);
  }
  // The draw item under the cursor, so a folded block explains itself as a block.
  std::vector<DrawItem> items;
  index_->draw_items(row->lane, m, &items);
  const DrawItem* best = nullptr;
  double best_distance = kHoverTolerancePx;
  for (const DrawItem& it : items) {
    const double x1 = std::max(it.x1, it.x0 + 1);
    const double d = x < it.x0 ? it.x0 - x : (x > x1 ? x - x1 : 0);
    if (d <= best_distance) best = &it, best_distance = d;
    if (it.x0 > x + kHoverTolerancePx) break;
  }
  return best ? block_tooltip(*run_, *best) : QString();
}

// ---------------------------------------------------------------------------------------------
// Events

bool TimelineWidget::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(e);
    const QString text = toolTipAt(help->pos());
    if (text.isEmpty()) {
      QToolTip::hideText();
      e->ignore();
    } else {
      QToolTip::showText(help->globalPos(), text, this);
    }
    return true;
  }
  return QWidget::event(e);
}

void TimelineWidget::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const QRect area = contentRect();
  last_stats_ = paint_timeline_scene(painter, area, scene());
  if (scroll_bar_->isVisible()) {
    painter.fillRect(QRect(area.right() + 1, 0, width() - area.width(), height()), Qt::white);
  }
}

void TimelineWidget::resizeEvent(QResizeEvent* e) {
  QWidget::resizeEvent(e);
  updateScrollBar();
  placeNotice();
}

void TimelineWidget::placeNotice() {
  // A box across the top third of the lanes' area, as wide as reads well.
  constexpr int kMarginPx = 24;
  constexpr int kMaxWidthPx = 720;
  const QRect area = rect().adjusted(kMarginPx, kMarginPx, -kMarginPx, -kMarginPx);
  const int w = std::max(1, std::min(area.width(), kMaxWidthPx));
  const int h = std::min(area.height(), no_trace_notice_->heightForWidth(w));
  no_trace_notice_->setGeometry(area.left() + (area.width() - w) / 2,
                                area.top() + std::max(0, (area.height() - h) / 3), w, h);
}

void TimelineWidget::mousePressEvent(QMouseEvent* e) {
  if (e->button() != Qt::LeftButton) return QWidget::mousePressEvent(e);
  const TimelineGeometry g = geometry();
  if (g.labels.contains(e->pos())) {
    if (const TimelineRow* row = rowAtY(e->pos().y())) {
      if (row->kind == RowKind::kCore) setCoreExpanded(row->core, !row->expanded);
      if (row->kind == RowKind::kUnit) setUnitExpanded(row->core, row->unit, !row->expanded);
    }
    return;
  }
  if (!g.tracks.contains(e->pos())) return;
  if (e->modifiers() & Qt::ShiftModifier) {
    selecting_ = true;
    selection_anchor_ = timeAtX(e->pos().x());
    control_->setSelection(selection_anchor_, selection_anchor_);
    return;
  }
  pressed_ = true;
  dragging_ = false;
  press_pos_ = e->pos();
  press_t0_ = t0();
  press_t1_ = t1();
  press_scroll_ = scroll_bar_->value();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* e) {
  if (selecting_) {
    const QRect tracks = trackRect();
    control_->setSelection(selection_anchor_,
                           timeAtX(std::clamp(e->pos().x(), tracks.left(), tracks.right() + 1)));
    return;
  }
  if (!pressed_) {
    setHoveredOp(trackRect().contains(e->pos()) ? opAt(e->pos()) : -1);
    return;
  }
  const QPoint d = e->pos() - press_pos_;
  if (!dragging_ && d.manhattanLength() <= kDragThresholdPx) return;
  if (!dragging_) {
    dragging_ = true;
    setCursor(Qt::ClosedHandCursor);
  }
  const double cpp = (press_t1_ - press_t0_) / std::max(1, trackRect().width());
  control_->requestRange(press_t0_ - d.x() * cpp, press_t1_ - d.x() * cpp, Gesture::kDrag);
  scroll_bar_->setValue(press_scroll_ - d.y());
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* e) {
  if (e->button() != Qt::LeftButton) return QWidget::mouseReleaseEvent(e);
  if (selecting_) {
    finishSelection();
    return;
  }
  if (pressed_ && !dragging_) selectOp(opAt(e->pos()));
  if (dragging_) {
    unsetCursor();
    control_->endGesture();
  }
  pressed_ = dragging_ = false;
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent* e) {
  // Double-click on a summary row opens it, like its triangle.
  const TimelineRow* row = rowAtY(e->pos().y());
  if (row == nullptr || !trackRect().contains(e->pos())) return;
  // On an op: jump to what it waited for.
  if (row->kind == RowKind::kLane) {
    const qint64 op = opAt(e->pos());
    if (op >= 0) jumpToBlocker(op);
    return;
  }
  if (row->kind == RowKind::kCore && !row->expanded) setCoreExpanded(row->core, true);
  if (row->kind == RowKind::kUnit && !row->expanded) setUnitExpanded(row->core, row->unit, true);
}

void TimelineWidget::wheelEvent(QWheelEvent* e) {
  const QPoint delta = e->angleDelta();
  if (e->modifiers() & Qt::ControlModifier) {
    const QRect tracks = trackRect();
    const double anchor =
        std::clamp(e->position().x() - tracks.left(), 0.0, static_cast<double>(tracks.width()));
    const double factor = std::pow(kWheelZoomBase, delta.y() / 120.0);
    const TimeMapping m = TimeMapping::for_range(t0(), t1(), tracks.width()).zoomed(factor, anchor);
    control_->requestRange(m.t0(), m.t1(), Gesture::kWheelZoom);
  } else if (delta.x() != 0) {
    panBy(-delta.x() / 120.0 * 0.1);
  } else {
    scroll_bar_->setValue(scroll_bar_->value() - delta.y() / 120 * 3 * RowHeights{}.lane);
  }
  e->accept();
}

void TimelineWidget::keyPressEvent(QKeyEvent* e) {
  const auto command = timeline_command(e->key(), e->modifiers());
  if (!command) return QWidget::keyPressEvent(e);
  const double centre = trackRect().width() / 2.0;
  switch (*command) {
    case TimelineCommand::kZoomIn:
      zoomAbout(kKeyZoomFactor, centre);
      break;
    case TimelineCommand::kZoomOut:
      zoomAbout(1 / kKeyZoomFactor, centre);
      break;
    case TimelineCommand::kPanLeft:
      panBy(-kKeyPanFraction);
      break;
    case TimelineCommand::kPanRight:
      panBy(kKeyPanFraction);
      break;
    case TimelineCommand::kFrame:
      frameSelection();
      break;
    case TimelineCommand::kShowAll:
      control_->showWholeTrace();
      break;
    case TimelineCommand::kBack:
      control_->back();
      break;
    case TimelineCommand::kForward:
      control_->forward();
      break;
    case TimelineCommand::kClear:
      control_->clearSelection();
      if (selected_op_ >= 0) selectOp(-1);
      break;
    case TimelineCommand::kToggleCriticalPath:
      setCriticalPathShown(!show_path_);
      break;
    case TimelineCommand::kJumpToBlocker:
      jumpToBlocker();
      break;
  }
  e->accept();
}

}  // namespace amla::ui
