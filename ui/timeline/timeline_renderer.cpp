#include "ui/timeline/timeline_renderer.h"

#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <algorithm>
#include <array>
#include <cmath>

#include "core/ops/trace.h"
#include "core/view/time_mapping.h"
#include "core/view/timeline_index.h"
#include "ui/timeline/time_axis.h"
#include "ui/timeline/timeline_legend.h"
#include "ui/timeline/timeline_palette.h"
#include "ui/timeline/timeline_style.h"

namespace amla::ui {

namespace {

constexpr int kTitleHeight = 30;
constexpr int kRulerHeight = 34;
constexpr int kFigureTitleFontPx = 13;  // 1.2 x the label font, as FigureSpec::title_pt
constexpr int kFigureUnitIndent = 8;

const QColor kCoreRowColor{0xe8, 0xec, 0xf2};
const QColor kCoreRowAltColor{0xf1, 0xf3, 0xf7};
const QColor kUnitRowColor{0xf4, 0xf6, 0xf9};
const QColor kSelectionFill{255, 176, 0, 48};
const QColor kSelectionEdge{0xd9, 0x8c, 0x00};
const QColor kArrowColor{0x1a, 0x1a, 0x1a};
const QColor kPathColor{0xc0, 0x1c, 0x6b};  // outline and connectors of the critical path
// How far the ops off the critical path fade towards white while it is shown.
constexpr double kOffPathWash = 0.78;
const QColor kHighlightColor{0x15, 0x65, 0xc0};  // outline of ops of highlighted kinds

// Whether any op of a draw item has a kind in `mask` (a folded block of mixed kinds is scanned
// until the first such op).
bool item_has_kind(const OpTrace& ops, const DrawItem& it, std::uint32_t mask) {
  if (!it.mixed) return (mask >> static_cast<int>(it.kind)) & 1u;
  for (std::int64_t i = it.first_op; i < it.first_op + it.count; ++i) {
    if ((mask >> static_cast<int>(ops.kind[static_cast<std::size_t>(i)])) & 1u) return true;
  }
  return false;
}

// Ops of [first, first + count) in a sorted list of op indices.
std::int64_t count_in(const std::vector<std::int64_t>* sorted, std::int64_t first,
                      std::int64_t count) {
  if (sorted == nullptr || sorted->empty()) return 0;
  const auto lo = std::lower_bound(sorted->begin(), sorted->end(), first);
  const auto hi = std::lower_bound(lo, sorted->end(), first + count);
  return hi - lo;
}

QColor unit_density_color(Unit unit) {
  return unit == Unit::kAic ? QColor(0xb0, 0x3a, 0x3a) : QColor(0xc7, 0x7c, 0x2a);
}

// Lighter towards white by `amount` (0..1): folded blocks that are mostly idle look faint.
QColor washed(const QColor& c, double amount) {
  const auto mix = [&](int v) { return static_cast<int>(v + (255 - v) * amount); };
  return QColor(mix(c.red()), mix(c.green()), mix(c.blue()));
}

QColor text_color_on(const QColor& c) {
  const double luma = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue();
  return luma > 150 ? QColor(0x1a, 0x1a, 0x1a) : QColor(Qt::white);
}

struct Frame {
  QPainter& painter;
  const TimelineScene& scene;
  const TimelineGeometry& geo;
  TimeMapping mapping;
  TimelineFrameStats stats;

  // Screen rectangle of a row, or an empty rect when it is scrolled out of the track area.
  QRect row_rect(const TimelineRow& row) const {
    const int top = geo.tracks.top() + row.y - scene.scroll_y;
    return QRect(geo.tracks.left(), top, geo.tracks.width(), row.height);
  }
  bool row_visible(const QRect& r) const {
    return r.bottom() >= geo.tracks.top() && r.top() <= geo.tracks.bottom();
  }
  double screen_x(double t) const { return geo.tracks.left() + mapping.x(t); }
};

void paint_grid(Frame& f, const TimeAxis& axis) {
  f.painter.setPen(QPen(kGridColor, f.scene.line_width));
  for (const AxisTick& tick : axis.major) {
    const double x = std::round(f.screen_x(tick.t)) + 0.5;
    f.painter.drawLine(QPointF(x, f.geo.tracks.top()), QPointF(x, f.geo.tracks.bottom() + 1));
  }
}

// A heat strip: one pixel column per density value, white (idle) to the group colour (busy).
// Thin rows stay readable where an area chart would be a flat line, and an image is one draw.
void paint_density(Frame& f, const TimelineRow& row, const QRect& r) {
  std::vector<float> density;
  const int columns = r.width();
  const bool whole_core = row.kind == RowKind::kCore;
  f.scene.index->busy_density(row.core, row.unit, whole_core, f.mapping, columns, &density);
  const QColor hot = whole_core ? kDensityCoreColor : unit_density_color(row.unit);
  std::array<QRgb, 256> ramp;
  for (int i = 0; i < 256; ++i) ramp[static_cast<std::size_t>(i)] = density_rgb(hot, i / 255.0);
  QImage strip(columns, 1, QImage::Format_RGB32);
  auto* line = reinterpret_cast<QRgb*>(strip.scanLine(0));
  for (int c = 0; c < columns; ++c) {
    line[c] =
        ramp[static_cast<std::size_t>(std::lround(density[static_cast<std::size_t>(c)] * 255))];
  }
  // An open group's summary sits above its lanes: a thinner strip, so the lanes stay the focus.
  const int pad = row.expanded && r.height() > 8 ? r.height() / 4 : (r.height() >= 6 ? 1 : 0);
  f.painter.drawImage(QRect(r.left(), r.top() + 1 + pad, columns, r.height() - 1 - 2 * pad), strip);
  ++f.stats.density_rows;
}

void paint_lane(Frame& f, const TimelineRow& row, const QRect& r, std::vector<DrawItem>* items) {
  const TimelineIndex& index = *f.scene.index;
  const TimelinePalette& palette = *f.scene.palette;
  items->clear();
  index.draw_items(row.lane, f.mapping, items);
  f.stats.ops_visible += index.visible_ops(row.lane, f.mapping.t0(), f.mapping.t1()).size();
  ++f.stats.lane_rows;

  const int inset = r.height() >= 10 ? 2 : 0;
  const double top = r.top() + inset;
  const double height = r.height() - 2 * inset;
  const double width = r.width();
  const double cpp = f.mapping.cycles_per_pixel();
  const bool text = height >= 11;
  const bool show_path = f.scene.path_sorted != nullptr;
  const QFontMetrics fm(timeline_font(kItemFontPx));
  if (text) f.painter.setFont(timeline_font(kItemFontPx));
  const OpTrace& ops = index.trace().ops;

  for (const DrawItem& it : *items) {
    f.stats.ops_drawn += it.count;
    ++f.stats.items;
    double x0 = std::max(it.x0, -2.0), x1 = std::min(it.x1, width + 2);
    if (x1 - x0 < 1) x1 = x0 + 1;  // never invisible: a narrow op still takes one pixel
    QColor color = it.mixed ? palette.mixed_color(row.pipe) : palette.color(it.kind);
    if (it.folded()) {
      const double span = std::max(1e-9, (it.x1 - it.x0) * cpp);
      const double busy = std::clamp(static_cast<double>(it.busy_cycles) / span, 0.0, 1.0);
      color = washed(color, 0.55 * (1 - busy));
    }
    const std::int64_t on_path =
        show_path ? count_in(f.scene.path_sorted, it.first_op, it.count) : 0;
    if (show_path && on_path == 0) color = washed(color, kOffPathWash);
    const bool lit =
        f.scene.highlight_kinds != 0 && item_has_kind(ops, it, f.scene.highlight_kinds);
    if (f.scene.highlight_kinds != 0 && !lit) color = washed(color, kOffPathWash);
    const QRectF rect(r.left() + x0, top, x1 - x0, height);
    f.painter.fillRect(rect, color);
    const double w = x1 - x0;
    if (!it.folded() && w >= 5) {
      // Back-to-back ops of one kind would merge into one bar without an edge.
      f.painter.fillRect(QRectF(rect.left(), top, 1, height), color.darker(135));
    }
    if (lit) {
      ++f.stats.highlighted_items;
      f.painter.setPen(QPen(kHighlightColor, 1));
      f.painter.setBrush(Qt::NoBrush);
      f.painter.drawRect(rect.adjusted(0, 0, -1, -1));
    }
    if (on_path > 0) {
      f.stats.path_ops_marked += on_path;
      f.painter.setPen(QPen(kPathColor, 2));
      f.painter.setBrush(Qt::NoBrush);
      f.painter.drawRect(rect.adjusted(0, 0, -1, -1));
    }
    if (!it.folded() && w >= 6 && height >= 6 &&
        count_in(f.scene.flagged_ops, it.first_op, 1) > 0) {
      // A small corner mark: this op sets or waits for a cross-core flag (click it for arrows).
      QPolygonF mark;
      const double m = std::min(6.0, height / 2);
      mark << QPointF(rect.right() + 1 - m, rect.top()) << QPointF(rect.right() + 1, rect.top())
           << QPointF(rect.right() + 1, rect.top() + m);
      f.painter.setPen(Qt::NoPen);
      f.painter.setBrush(kArrowColor);
      f.painter.drawPolygon(mark);
    }
    if (!text || w < 34) continue;
    QString label;
    if (it.folded()) {
      label = QStringLiteral("\u00d7%1").arg(it.count);
    } else {
      label = QLatin1String(op_kind_name(it.kind));
      const int task = ops.task[static_cast<std::size_t>(it.first_op)];
      if (task >= 0 && w >= 120) label += QStringLiteral("  t%1").arg(task);
    }
    const QRectF visible = rect.intersected(QRectF(r));
    if (fm.horizontalAdvance(label) + 6 > visible.width()) {
      label = fm.elidedText(label, Qt::ElideRight, static_cast<int>(visible.width()) - 6);
    }
    if (label.size() < 2) continue;
    f.painter.setPen(it.folded() ? kTextColor : text_color_on(color));
    f.painter.drawText(visible.adjusted(3, 0, -3, 0), Qt::AlignLeft | Qt::AlignVCenter, label);
  }
}

void paint_rows(Frame& f) {
  QPainter& p = f.painter;
  std::vector<DrawItem> items;
  items.reserve(2048);
  for (const TimelineRow& row : *f.scene.rows) {
    const QRect r = f.row_rect(row);
    if (!f.row_visible(r)) continue;
    if (row.kind == RowKind::kCore) {
      p.fillRect(r, row.core % 2 ? kCoreRowAltColor : kCoreRowColor);
    } else if (row.kind == RowKind::kUnit) {
      p.fillRect(r, kUnitRowColor);
    }
  }
  TimeAxis axis =
      make_time_axis(f.mapping.t0(), f.mapping.t1(), f.mapping.width(), f.scene.microseconds,
                     f.scene.clock_ghz, timeline_tick_spacing(f.scene));
  paint_grid(f, axis);
  for (const TimelineRow& row : *f.scene.rows) {
    const QRect r = f.row_rect(row);
    if (!f.row_visible(r)) continue;
    if (row.kind == RowKind::kLane) {
      paint_lane(f, row, r, &items);
    } else {
      paint_density(f, row, r);
    }
    // Group boundaries are strong, lanes inside a unit faint.
    p.setPen(QPen(row.kind == RowKind::kCore ? kBorderColor : kGridColor, f.scene.line_width));
    p.drawLine(r.left(), r.top(), r.right(), r.top());
  }
}

QPointF row_anchor(const Frame& f, int lane, double t) {
  const TimelineRow* row = row_showing_lane(*f.scene.rows, lane);
  if (row == nullptr) return QPointF(f.screen_x(t), f.geo.tracks.top());
  const QRect r = f.row_rect(*row);
  return QPointF(f.screen_x(t), r.center().y() + 0.5);
}

void paint_selected_op(Frame& f) {
  const std::int64_t op = f.scene.selected_op;
  const OpTrace& ops = f.scene.index->trace().ops;
  if (op < 0 || op >= static_cast<std::int64_t>(ops.size())) return;
  QPainter& p = f.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  const auto i = static_cast<std::size_t>(op);
  const TimelineRow* row = row_showing_lane(*f.scene.rows, ops.lane[i]);
  if (row != nullptr) {
    const QRect r = f.row_rect(*row);
    double x0 = f.screen_x(static_cast<double>(ops.start[i]));
    double x1 = f.screen_x(static_cast<double>(ops.end[i]));
    if (x1 - x0 < 4) x0 = (x0 + x1) / 2 - 2, x1 = x0 + 4;
    const QRectF box(x0 - 1, r.top() + 0.5, x1 - x0 + 2, r.height() - 1);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(Qt::white, 4));
    p.drawRect(box);
    p.setPen(QPen(kArrowColor, 2));
    p.drawRect(box);
  }
  if (f.scene.selected_flags == nullptr) return;
  p.setFont(timeline_font(kItemFontPx));
  for (const FlagEdge& e : *f.scene.selected_flags) {
    if (e.set_op < 0 || e.wait_op < 0 || e.set_op >= static_cast<std::int64_t>(ops.size()) ||
        e.wait_op >= static_cast<std::int64_t>(ops.size())) {
      continue;
    }
    const auto s = static_cast<std::size_t>(e.set_op), w = static_cast<std::size_t>(e.wait_op);
    const QPointF a = row_anchor(f, ops.lane[s], static_cast<double>(e.set_cycle));
    const QPointF b =
        row_anchor(f, ops.lane[w], static_cast<double>(std::max(ops.start[w], e.ready_cycle)));
    const double bend = std::clamp(std::abs(b.x() - a.x()) / 2, 18.0, 120.0);
    QPainterPath path(a);
    path.cubicTo(a + QPointF(bend, 0), b - QPointF(bend, 0), b);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(255, 255, 255, 220), 4.5));
    p.drawPath(path);
    p.setPen(QPen(kArrowColor, 1.8));
    p.drawPath(path);
    // Arrow head along the curve's end tangent (the last control point is level with b).
    const QPointF dir(1, 0);
    const QPointF n(-dir.y(), dir.x());
    QPolygonF head;
    head << b << b - dir * 9 + n * 4.5 << b - dir * 9 - n * 4.5;
    p.setPen(QPen(Qt::white, 1));
    p.setBrush(kArrowColor);
    p.drawPolygon(head);
    p.setPen(kArrowColor);
    p.drawText(a + QPointF(4, -4),
               QString::fromStdString(flag_route(f.scene.index->trace(), e.flag_id)));
    p.setBrush(kArrowColor);
    p.setPen(Qt::NoPen);
    p.drawEllipse(a, 3, 3);
  }
  p.setRenderHint(QPainter::Antialiasing, false);
}

// Connectors between consecutive path ops on different lanes: from where the earlier one
// released the later (its end) to the later one's start.
void paint_path_connectors(Frame& f) {
  if (f.scene.path_ops == nullptr || f.scene.path_ops->size() < 2) return;
  const OpTrace& ops = f.scene.index->trace().ops;
  QPainter& p = f.painter;
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setPen(QPen(kPathColor, 1.6));
  const double left = f.geo.tracks.left() - 2, right = f.geo.tracks.right() + 2;
  const std::vector<std::int64_t>& path = *f.scene.path_ops;
  for (std::size_t k = 1; k < path.size(); ++k) {
    const auto a = static_cast<std::size_t>(path[k - 1]), b = static_cast<std::size_t>(path[k]);
    if (ops.lane[a] == ops.lane[b]) continue;
    const double ta = static_cast<double>(std::min(ops.end[a], ops.start[b]));
    const double tb = static_cast<double>(ops.start[b]);
    const double xa = f.screen_x(ta), xb = f.screen_x(tb);
    if (std::max(xa, xb) < left || std::min(xa, xb) > right) continue;
    const TimelineRow* ra = row_showing_lane(*f.scene.rows, ops.lane[a]);
    const TimelineRow* rb = row_showing_lane(*f.scene.rows, ops.lane[b]);
    if (ra == nullptr || rb == nullptr || ra == rb) continue;
    const QPointF pa = row_anchor(f, ops.lane[a], ta), pb = row_anchor(f, ops.lane[b], tb);
    // A vertical hand-off with a short run-in, so it reads as "this released that".
    p.drawLine(pa, QPointF(pa.x(), pb.y()));
    p.drawLine(QPointF(pa.x(), pb.y()), pb);
    p.setBrush(kPathColor);
    p.drawEllipse(pb, 2.2, 2.2);
    p.setBrush(Qt::NoBrush);
    ++f.stats.path_connectors;
  }
  p.setRenderHint(QPainter::Antialiasing, false);
}

void paint_selection(Frame& f) {
  if (!f.scene.has_selection) return;
  const double a = f.screen_x(std::min(f.scene.selection_t0, f.scene.selection_t1));
  const double b = f.screen_x(std::max(f.scene.selection_t0, f.scene.selection_t1));
  const QRectF band(a, f.geo.tracks.top(), std::max(1.0, b - a), f.geo.tracks.height());
  f.painter.fillRect(band, kSelectionFill);
  f.painter.setPen(QPen(kSelectionEdge, 1));
  f.painter.drawLine(QPointF(a, band.top()), QPointF(a, band.bottom()));
  f.painter.drawLine(QPointF(b, band.top()), QPointF(b, band.bottom()));
}

void paint_triangle(QPainter& p, const QPointF& c, bool open, int size) {
  const double s = size / 2.0;
  QPolygonF tri;
  if (open) {
    tri << c + QPointF(-s, -s / 2) << c + QPointF(s, -s / 2) << c + QPointF(0, s * 0.75);
  } else {
    tri << c + QPointF(-s / 2, -s) << c + QPointF(-s / 2, s) << c + QPointF(s * 0.75, 0);
  }
  p.setPen(Qt::NoPen);
  p.setBrush(kMutedTextColor);
  p.drawPolygon(tri);
}

// Figure labels: no triangles (UI chrome); the core at the left edge, its units indented, each
// lane named by its pipe under its unit. The font keeps the label size: rows are never thinner.
void paint_figure_label(Frame& f, const TimelineRow& row, const QRect& r) {
  QPainter& p = f.painter;
  p.setPen(kTextColor);
  if (row.kind == RowKind::kCore) {
    p.setFont(timeline_font(kLabelFontPx, true));
    p.drawText(r.adjusted(3, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("Core %1").arg(row.core));
  } else if (row.kind == RowKind::kUnit) {
    p.setFont(timeline_font(kLabelFontPx, true));
    p.drawText(r.adjusted(kFigureUnitIndent, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter,
               QLatin1String(unit_name(row.unit)));
  } else {
    p.setFont(timeline_font(kLabelFontPx));
    p.setPen(kMutedTextColor);
    p.drawText(r.adjusted(kFigureLaneIndent, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter,
               QLatin1String(pipe_name(row.pipe)));
  }
}

void paint_labels(Frame& f) {
  QPainter& p = f.painter;
  const QRect& area = f.geo.labels;
  p.save();
  p.setClipRect(area);
  p.fillRect(area, f.scene.figure ? QColor(Qt::white) : kPanelColor);
  // Thin core rows (a fitted export of many cores) label only every k-th core.
  int core_height = 0;
  for (const TimelineRow& row : *f.scene.rows) {
    if (row.kind == RowKind::kCore) core_height = std::max(core_height, row.height);
  }
  const int every =
      core_height >= 9 ? 1 : (9 + std::max(core_height, 1) - 1) / std::max(core_height, 1);
  for (const TimelineRow& row : *f.scene.rows) {
    QRect r = f.row_rect(row);
    r.setLeft(area.left());
    r.setRight(area.right());
    if (!f.row_visible(r)) continue;
    if (row.kind == RowKind::kCore) {
      p.setPen(QPen(kBorderColor, f.scene.line_width));
      p.drawLine(r.topLeft(), r.topRight());
    }
    if (f.scene.figure) {
      paint_figure_label(f, row, r);
      continue;
    }
    if (row.kind == RowKind::kCore) {
      if (row.core % every != 0 && !row.expanded) continue;
      const int px = std::min(kLabelFontPx, std::max(7, row.height * every - 2));
      p.setFont(timeline_font(px, true));
      if (row.height >= 8)
        paint_triangle(p, QPointF(r.left() + 9, r.center().y() + 0.5), row.expanded, 8);
      p.setPen(kTextColor);
      const QRect text(r.left() + 18, r.top() - (every > 1 ? px : 0), r.width() - 20,
                       std::max(r.height(), px + 2));
      p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Core %1").arg(row.core));
    } else if (row.kind == RowKind::kUnit) {
      p.setFont(timeline_font(std::min(kLabelFontPx, std::max(7, row.height - 3)), true));
      if (row.height >= 8)
        paint_triangle(p, QPointF(r.left() + 21, r.center().y() + 0.5), row.expanded, 7);
      p.setPen(kTextColor);
      p.drawText(r.adjusted(30, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter,
                 QLatin1String(unit_name(row.unit)));
    } else {
      p.setFont(timeline_font(std::min(kLabelFontPx, std::max(7, row.height - 4))));
      p.setPen(kMutedTextColor);
      p.drawText(r.adjusted(30, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter,
                 QStringLiteral("%1 / %2").arg(QLatin1String(unit_name(row.unit)),
                                               QLatin1String(pipe_name(row.pipe))));
    }
  }
  p.setPen(QPen(kBorderColor, f.scene.line_width));
  p.drawLine(area.topRight(), area.bottomRight());
  p.restore();
}

void paint_ruler(Frame& f) {
  QPainter& p = f.painter;
  const QRect& ruler = f.geo.ruler;
  p.fillRect(ruler, f.scene.figure ? QColor(Qt::white) : kPanelColor);
  const TimeAxis axis =
      make_time_axis(f.mapping.t0(), f.mapping.t1(), f.mapping.width(), f.scene.microseconds,
                     f.scene.clock_ghz, timeline_tick_spacing(f.scene));
  // Axis title (and the base of offset labels) above the label column.
  p.setPen(kTextColor);
  p.setFont(timeline_font(kRulerFontPx + 1, true));
  const int left_pad = f.scene.figure ? 3 : 8;
  const QRect title(ruler.left() + left_pad, ruler.top() + 2, f.geo.labels.width() - left_pad - 4,
                    ruler.height() / 2);
  p.drawText(title, Qt::AlignLeft | Qt::AlignVCenter, axis.title);
  if (!axis.base.isEmpty()) {
    p.setFont(timeline_font(kRulerFontPx));
    p.setPen(kMutedTextColor);
    p.drawText(title.translated(0, ruler.height() / 2 - 2), Qt::AlignLeft | Qt::AlignVCenter,
               axis.base);
  }
  const int left = f.geo.tracks.left(), right = f.geo.tracks.right();
  const int bottom = ruler.bottom();
  p.setPen(kMutedTextColor);
  for (double t : axis.minor) {
    const double x = std::round(f.screen_x(t)) + 0.5;
    if (x >= left && x <= right + 1) {
      p.setPen(QPen(kMutedTextColor, f.scene.line_width));
      p.drawLine(QPointF(x, bottom - 3), QPointF(x, bottom));
    }
  }
  p.setFont(timeline_font(kRulerFontPx));
  const QFontMetrics fm(p.font());
  double last_right = -1e9;
  for (const AxisTick& tick : axis.major) {
    const double x = std::round(f.screen_x(tick.t)) + 0.5;
    if (x < left || x > right + 1) continue;
    p.setPen(QPen(kTextColor, f.scene.line_width));
    p.drawLine(QPointF(x, bottom - 7), QPointF(x, bottom));
    const int w = fm.horizontalAdvance(tick.label);
    const double tx = std::clamp(x - w / 2.0, double(left + 1), double(right - w - 1));
    if (tx < last_right + 6) continue;  // never overlap labels
    p.drawText(QPointF(tx, bottom - 10), tick.label);
    last_right = tx + w;
  }
  if (f.scene.has_selection) {
    const double a = std::min(f.scene.selection_t0, f.scene.selection_t1);
    const double b = std::max(f.scene.selection_t0, f.scene.selection_t1);
    const double us = (b - a) / (std::max(f.scene.clock_ghz, 1e-9) * 1000.0);
    const QString label = f.scene.microseconds
                              ? QStringLiteral("\u0394 %1 \u00b5s").arg(us, 0, 'g', 4)
                              : QStringLiteral("\u0394 %1 cycles").arg(b - a, 0, 'f', 0);
    const double xa = f.screen_x(a), xb = f.screen_x(b);
    const int w = fm.horizontalAdvance(label) + 8;
    const QRectF box((xa + xb - w) / 2, ruler.top() + 2, w, fm.height() + 2);
    p.fillRect(box, kSelectionEdge);
    p.setPen(Qt::white);
    p.drawText(box, Qt::AlignCenter, label);
  }
  p.setPen(QPen(kBorderColor, f.scene.line_width));
  p.drawLine(ruler.bottomLeft(), ruler.bottomRight());
}

}  // namespace

static std::uint32_t legend_kinds(const TimelineScene& scene) {
  return scene.legend_kinds != 0 ? scene.legend_kinds : scene.index->kinds_present();
}

static int title_lines(const TimelineScene& scene, int width) {
  if (!scene.figure || scene.title.isEmpty()) return 1;
  // A figure is narrow: its title wraps onto a second line rather than being cut.
  const QFontMetrics fm(timeline_font(kFigureTitleFontPx, true));
  return fm.horizontalAdvance(scene.title) > width - 6 ? 2 : 1;
}

int timeline_title_height(const TimelineScene& scene, int width) {
  if (!scene.figure) return kTitleHeight;
  const QFontMetrics fm(timeline_font(kFigureTitleFontPx, true));
  return title_lines(scene, width) * fm.lineSpacing() + 6;
}

int timeline_ruler_height(const TimelineScene& scene) { return scene.figure ? 28 : kRulerHeight; }

double timeline_tick_spacing(const TimelineScene& scene) { return scene.figure ? 70 : 110; }

TimelineGeometry timeline_geometry(const QRect& area, const TimelineScene& scene) {
  TimelineGeometry g;
  const bool legend = scene.legend != LegendPosition::kNone && scene.index != nullptr;
  const std::uint32_t kinds = legend ? legend_kinds(scene) : 0;
  int top = area.top();
  if (!scene.title.isEmpty()) {
    g.title = QRect(area.left(), top, area.width(), timeline_title_height(scene, area.width()));
    top += g.title.height();
  }
  // A legend at the right takes a column beside the ruler and the lanes (never more than a
  // 40% of the width); the title keeps the whole width.
  int width = area.width();
  if (legend && scene.legend == LegendPosition::kRight) {
    const int w = std::min(legend_column_width(kinds, scene.figure), area.width() * 2 / 5);
    width -= w;
    g.legend = QRect(area.left() + width, top, w, legend_height(w, kinds, scene.figure));
  }
  if (legend && scene.legend == LegendPosition::kTop) {
    const int h = legend_height(area.width(), kinds, scene.figure);
    g.legend = QRect(area.left(), top, area.width(), h);
    top += h;
  }
  g.ruler = QRect(area.left(), top, width, timeline_ruler_height(scene));
  top += g.ruler.height();
  int bottom = area.bottom() + 1;
  if (legend && scene.legend == LegendPosition::kBottom) {
    const int h = legend_height(area.width(), kinds, scene.figure);
    g.legend = QRect(area.left(), bottom - h, area.width(), h);
    bottom -= h;
  }
  if (!scene.note.isEmpty()) {
    g.note = QRect(area.left(), bottom - kNoteHeight, width, kNoteHeight);
    bottom -= kNoteHeight;
  }
  const int label_w =
      std::min(scene.label_width > 0 ? scene.label_width : kLabelColumnWidth, width / 3);
  g.labels = QRect(area.left(), top, label_w, std::max(0, bottom - top));
  g.tracks =
      QRect(area.left() + label_w, top, std::max(1, width - label_w), std::max(0, bottom - top));
  return g;
}

TimelineFrameStats paint_timeline_scene(QPainter& painter, const QRect& area,
                                        const TimelineScene& scene) {
  painter.save();
  painter.setClipRect(area);
  painter.fillRect(area, Qt::white);
  if (scene.index == nullptr || scene.palette == nullptr || scene.rows == nullptr) {
    painter.setPen(kMutedTextColor);
    painter.setFont(timeline_font(kLabelFontPx + 2));
    painter.drawText(area, Qt::AlignCenter, scene.no_index_text);
    painter.restore();
    return {};
  }
  const TimelineGeometry geo = timeline_geometry(area, scene);
  Frame f{painter,
          scene,
          geo,
          TimeMapping::for_range(scene.t0, scene.t1, std::max(1, geo.tracks.width())),
          {}};
  painter.setRenderHint(QPainter::Antialiasing, false);
  painter.setRenderHint(QPainter::TextAntialiasing, true);

  if (!geo.title.isEmpty()) {
    painter.setFont(timeline_font(scene.figure ? kFigureTitleFontPx : kTitleFontPx, true));
    painter.setPen(kTextColor);
    // A figure's title wraps onto a second line (see timeline_title_height); beyond that, and
    // in the widget, it is cut with an ellipsis, never run off the edge.
    const QRect box = geo.title.adjusted(scene.figure ? 3 : 10, 0, -3, 0);
    const QFontMetrics fm(painter.font());
    if (scene.figure && title_lines(scene, geo.title.width()) == 2) {
      // Break at the last space that leaves the first line inside the box.
      int cut = scene.title.size();
      while (cut > 0 && (scene.title[cut - 1] != QLatin1Char(' ') ||
                         fm.horizontalAdvance(scene.title.left(cut - 1)) > box.width())) {
        --cut;
      }
      if (cut == 0) cut = scene.title.size() / 2;
      const QRect first(box.left(), box.top() + 3, box.width(), fm.lineSpacing());
      painter.drawText(first, Qt::AlignLeft | Qt::AlignVCenter,
                       fm.elidedText(scene.title.left(cut).trimmed(), Qt::ElideRight, box.width()));
      painter.drawText(first.translated(0, fm.lineSpacing()), Qt::AlignLeft | Qt::AlignVCenter,
                       fm.elidedText(scene.title.mid(cut).trimmed(), Qt::ElideRight, box.width()));
    } else {
      painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
                       fm.elidedText(scene.title, Qt::ElideRight, box.width()));
    }
  }
  painter.save();
  painter.setClipRect(geo.tracks);
  paint_rows(f);
  paint_path_connectors(f);
  paint_selection(f);
  paint_selected_op(f);
  painter.restore();
  paint_labels(f);
  paint_ruler(f);
  if (!geo.note.isEmpty()) {
    painter.setFont(timeline_font(kRulerFontPx));
    painter.setPen(kMutedTextColor);
    painter.drawText(geo.note.adjusted(3, 0, -3, 0), Qt::AlignRight | Qt::AlignVCenter, scene.note);
  }
  if (!geo.legend.isEmpty()) {
    paint_legend(painter, geo.legend, legend_kinds(scene), *scene.palette, scene.figure);
  }
  painter.restore();
  return f.stats;
}

}  // namespace amla::ui
