#include "ui/compare/compare_figure.h"

#include <QFontMetricsF>
#include <QObject>
#include <QPainter>
#include <QPicture>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>

#include "core/run/metric_catalogue.h"
#include "core/run/simulation_run.h"
#include "core/view/timeline_index.h"
#include "ui/common/no_trace_notice.h"
#include "ui/common/time_range_control.h"
#include "ui/compare/compare_model.h"
#include "ui/compare/compare_palette.h"
#include "ui/timeline/timeline_export.h"
#include "ui/timeline/timeline_figure.h"
#include "ui/timeline/timeline_legend.h"
#include "ui/timeline/timeline_palette.h"
#include "ui/timeline/timeline_style.h"

namespace amla::ui {

namespace {

constexpr int kMargin = 12;
constexpr int kTableRowPx = 20;  // a table row, for labels of kLabelFontPx

void paint_table(QPainter& painter, const QRectF& area, const std::vector<DeltaRow>& rows) {
  const QStringList headers = {QStringLiteral("metric"), QStringLiteral("A"), QStringLiteral("B"),
                               QStringLiteral("B - A"), QStringLiteral("B / A")};
  const double row_h =
      std::min<double>(kTableRowPx, area.height() / static_cast<double>(rows.size() + 1));
  QFont font = painter.font();
  font.setPixelSize(std::clamp(static_cast<int>(row_h * 0.55), 7, kLabelFontPx));
  QFont bold = font;
  bold.setBold(true);

  // The figures' columns as wide as their widest text; the metric names take what is left
  // (elided if they must: the numbers never are, unless the table is narrower than them).
  constexpr double kPad = 12;
  double widths[5] = {};
  const QFontMetricsF fm(font), fm_bold(bold);
  for (int c = 0; c < 5; ++c) widths[c] = fm_bold.horizontalAdvance(headers[c]) + kPad;
  for (const DeltaRow& row : rows) {
    const QString texts[] = {row.label, row.a, row.b, row.delta, row.ratio};
    for (int c = 0; c < 5; ++c) {
      widths[c] = std::max(widths[c], fm.horizontalAdvance(texts[c]) + kPad);
    }
  }
  // The differences keep their width; A and B (the longest texts) give way first.
  const double for_values = std::max(0.0, area.width() * 0.72 - widths[3] - widths[4]);
  const double shrink = std::min(1.0, for_values / (widths[1] + widths[2]));
  widths[1] *= shrink;
  widths[2] *= shrink;
  widths[0] = area.width() - widths[1] - widths[2] - widths[3] - widths[4];

  auto column_rect = [&](int column, double y) {
    double x = area.left();
    for (int c = 0; c < column; ++c) x += widths[c];
    return QRectF(x, y, widths[column], row_h);
  };
  auto draw_cell = [&](const QRectF& rect, const QString& text, int column, const QColor& ink) {
    const Qt::Alignment align =
        column == 0 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter;
    painter.setPen(ink);
    painter.drawText(
        rect.adjusted(kPad / 2, 0, -kPad / 2, 0), align,
        QFontMetricsF(painter.font()).elidedText(text, Qt::ElideRight, rect.width() - kPad));
  };

  painter.save();
  painter.setFont(bold);
  painter.fillRect(QRectF(area.left(), area.top(), area.width(), row_h), QColor(0xe8, 0xea, 0xed));
  for (int c = 0; c < headers.size(); ++c) {
    draw_cell(column_rect(c, area.top()), headers[c], c, Qt::black);
  }
  painter.setFont(font);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double y = area.top() + (r + 1) * row_h;
    if (r % 2 == 1) {
      painter.fillRect(QRectF(area.left(), y, area.width(), row_h), QColor(0xf6, 0xf7, 0xf8));
    }
    const DeltaRow& row = rows[r];
    const QString texts[] = {row.label, row.a, row.b, row.delta, row.ratio};
    for (int c = 0; c < 5; ++c) {
      const QRectF rect = column_rect(c, y);
      QColor ink = Qt::black;
      if (c >= 3 && row.verdict != DeltaVerdict::kNeutral && !texts[c].isEmpty()) {
        painter.fillRect(rect, verdict_background(row.verdict));
        ink = verdict_ink(row.verdict);
      }
      draw_cell(rect, texts[c], c, ink);
    }
  }
  painter.setPen(QPen(QColor(0xbd, 0xc1, 0xc6), 1));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(QRectF(area.left(), area.top(), area.width(), row_h * (rows.size() + 1)));
  painter.restore();
}

// A figure whose label font is kLabelFontPx of the painter's current pixels (no extra scale),
// `width` x `height` of them: how a run's panel is laid out by the timeline's figure painter.
amla::FigureSpec panel_spec(int width, int height) {
  amla::FigureSpec spec;
  spec.dpi = kLabelFontPx * 72.0 / spec.font_pt;
  spec.width_mm = width * 25.4 / spec.dpi;
  spec.height_mm = std::max(1, height) * 25.4 / spec.dpi;
  spec.title = false;
  spec.legend = amla::LegendPosition::kNone;  // one legend for both, under the lower timeline
  spec.fit_height = false;
  return spec;
}

amla::TimelineFigureContent panel_content(const amla::SimulationRun& run,
                                          std::pair<double, double> range) {
  amla::TimelineFigureContent content;  // core 0, every unit and pipe
  const double cycles_per_us = 1000.0 * run.trace.clock_ghz;
  if (range.second > range.first) {
    content.range_us = {range.first / cycles_per_us, range.second / cycles_per_us};
  }
  return content;
}

// Each run's title over its timeline, a step above the lane labels.
QFont run_title_font() {
  QFont font;
  font.setPixelSize(kLabelFontPx + 1);
  font.setBold(true);
  return font;
}

int run_title_height() { return static_cast<int>(QFontMetricsF(run_title_font()).height()) + 4; }

// The height a run's panel needs at this width: its title and every lane of core 0.
int panel_height(const amla::SimulationRun* run, const amla::TimelineIndex* index, int width,
                 std::pair<double, double> range) {
  if (!run || !index || kept_no_trace(run)) return 3 * run_title_height();
  amla::FigureSpec spec = panel_spec(width, 100);
  spec.fit_height = true;
  const amla::FigureSpec fitted =
      fitted_timeline_figure(*run, *index, spec, panel_content(*run, range));
  return run_title_height() + static_cast<int>(std::ceil(fitted.height_mm / 25.4 * spec.dpi));
}

// The figure's table: the run-level metrics (headline, traffic, balance, the roofline's limit);
// the per-pipe and per-level rows stay on the page, where they can scroll.
std::vector<DeltaRow> figure_rows(const CompareFigure& figure) {
  std::vector<DeltaRow> rows;
  for (DeltaRow& row : compare_rows(figure.a.get(), figure.b.get())) {
    const amla::MetricDef* def = amla::find_metric(row.key.toStdString());
    const bool detail = def == nullptr || def->group == amla::MetricGroup::kPipes ||
                        (def->group == amla::MetricGroup::kRoofline && !def->is_text());
    if (!detail) rows.push_back(std::move(row));
  }
  return rows;
}

// Where the parts go: the table beside the timelines when the figure is wide, under them when
// it is narrow (a column figure has no room beside them).
struct CompareLayout {
  int title_h = 0;
  QRect left, table;
};

constexpr int kMinTimelineWidth = 340;

// The figure's own title ("A/B compare"), sized by the figure's height.
QFont figure_title_font(const QRect& area) {
  QFont font;
  font.setPixelSize(std::clamp(area.height() / 45, 11, 20));
  font.setBold(true);
  return font;
}

int figure_title_height(const QRect& area) {
  return static_cast<int>(QFontMetricsF(figure_title_font(area)).height()) + kMargin;
}

CompareLayout compare_layout(const QRect& area, int table_rows) {
  CompareLayout l;
  l.title_h = figure_title_height(area);
  const QRect body = area.adjusted(kMargin, kMargin / 2 + l.title_h, -kMargin, -kMargin);
  const int table_w = std::clamp(body.width() * 2 / 5, 300, 600);
  if (body.width() - table_w - kMargin >= kMinTimelineWidth) {
    l.left = QRect(body.left(), body.top(), body.width() - table_w - kMargin, body.height());
    l.table = QRect(l.left.right() + kMargin, body.top(), table_w, body.height());
  } else {
    const int table_h = std::min(body.height() / 3, kTableRowPx * (table_rows + 1));
    l.left = QRect(body.left(), body.top(), body.width(), body.height() - table_h - kMargin);
    l.table = QRect(body.left(), l.left.bottom() + kMargin + 1, body.width(), table_h);
  }
  return l;
}

// Returns the op kinds on the lanes it shows (bit k for kind k).
std::uint32_t paint_run(QPainter& painter, const QRect& area, const amla::SimulationRun* run,
                        const amla::TimelineIndex* index, const amla::SimulationRun* other,
                        const QString& tag, std::pair<double, double> range, bool microseconds) {
  if (!run) {
    painter.save();
    painter.setPen(QColor(0x75, 0x75, 0x75));
    painter.drawRect(area.adjusted(0, 0, -1, -1));
    painter.drawText(area, Qt::AlignCenter, compare_run_title(tag, nullptr, nullptr));
    painter.restore();
    return 0;
  }
  // The run's title, then its core 0 as the figure painter lays out a timeline: labels at their
  // full size, lanes that do not fit left out with a note (never squeezed rows).
  const int title_h = run_title_height();
  painter.save();
  painter.setFont(run_title_font());
  painter.setPen(Qt::black);
  painter.drawText(QRect(area.left(), area.top(), area.width(), title_h),
                   Qt::AlignLeft | Qt::AlignVCenter, compare_run_title(tag, run, other));
  painter.restore();
  if (kept_no_trace(run)) {  // no ops to draw: the reason in their place
    painter.save();
    painter.setPen(QColor(0x75, 0x75, 0x75));
    const QRect box(area.left(), area.top() + title_h, area.width(), area.height() - title_h);
    painter.drawRect(box.adjusted(0, 0, -1, -1));
    painter.drawText(box.adjusted(8, 4, -8, -4), Qt::AlignCenter | Qt::TextWordWrap,
                     QObject::tr("%1 kept no trace: %2.")
                         .arg(tag, QString::fromStdString(run->trace.trace_dropped)));
    painter.restore();
    return 0;
  }
  (void)microseconds;  // the figure painter always reads µs
  return paint_timeline_figure(
             painter,
             QRect(area.left(), area.top() + title_h, area.width(), area.height() - title_h), *run,
             *index, panel_spec(area.width(), area.height() - title_h), panel_content(*run, range))
      .kinds_shown;
}

}  // namespace

std::pair<double, double> compare_figure_range(const CompareFigure& figure) {
  double t0 = 0;
  double t1 = 0;
  bool set = false;
  for (const auto& [from, to] : {figure.range_a, figure.range_b}) {
    if (!(to > from)) continue;
    t0 = set ? std::min(t0, from) : from;
    t1 = set ? std::max(t1, to) : to;
    set = true;
  }
  if (set) return {t0, t1};
  for (const auto* run : {figure.a.get(), figure.b.get()}) {
    if (run) t1 = std::max(t1, run_end_cycles(*run));
  }
  return {0, t1};
}

void paint_compare_figure(QPainter& painter, const QRect& area, const CompareFigure& figure) {
  painter.save();
  painter.fillRect(area, Qt::white);
  const std::vector<DeltaRow> rows = figure_rows(figure);
  const CompareLayout layout = compare_layout(area, static_cast<int>(rows.size()));
  painter.setFont(figure_title_font(area));
  painter.setPen(Qt::black);
  painter.drawText(QRect(area.left() + kMargin, area.top() + kMargin / 2,
                         area.width() - 2 * kMargin, layout.title_h),
                   Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("A/B compare"));
  painter.restore();
  const QRect& left = layout.left;
  const QRect& table = layout.table;

  // Each index serves both the timeline and the legend's list of kinds.
  const std::unique_ptr<amla::TimelineIndex> index_a =
      figure.a ? std::make_unique<amla::TimelineIndex>(figure.a->trace) : nullptr;
  const std::unique_ptr<amla::TimelineIndex> index_b =
      figure.b ? std::make_unique<amla::TimelineIndex>(figure.b->trace) : nullptr;
  // One range for both, over panels of one width: the two time axes line up.
  const std::pair<double, double> range = compare_figure_range(figure);
  // The panels under a legend of `kinds`; returns the kinds on the lanes they show.
  const auto paint_panels = [&](QPainter& p, std::uint32_t kinds) {
    const int legend_h = kinds ? legend_height(left.width(), kinds) : 0;
    const int half = (left.height() - legend_h - kMargin) / 2;
    return paint_run(p, QRect(left.left(), left.top(), left.width(), half), figure.a.get(),
                     index_a.get(), figure.b.get(), QStringLiteral("A"), range,
                     figure.microseconds) |
           paint_run(p, QRect(left.left(), left.top() + half + kMargin, left.width(), half),
                     figure.b.get(), index_b.get(), figure.a.get(), QStringLiteral("B"), range,
                     figure.microseconds);
  };
  const auto probe = [&](std::uint32_t kinds) {
    QPicture picture;
    QPainter p(&picture);
    return paint_panels(p, kinds);
  };
  // The legend lists the kinds on the lanes the panels show: a narrow figure leaves some of core
  // 0's lanes out (settle_legend: a shorter legend may leave room for more).
  const std::uint32_t every_kind =
      (index_a ? index_a->kinds_present() : 0u) | (index_b ? index_b->kinds_present() : 0u);
  const SettledLegend legend = settle_legend(every_kind, probe);
  paint_panels(painter, legend.layout);
  if (legend.listed) {
    const int legend_h = legend_height(left.width(), legend.listed);
    const TimelinePalette palette;
    paint_legend(painter, QRect(left.left(), left.bottom() - legend_h + 1, left.width(), legend_h),
                 legend.listed, palette);
  }
  paint_table(painter, table, rows);
}

int compare_figure_height(const CompareFigure& figure, int width) {
  const std::vector<DeltaRow> rows = figure_rows(figure);
  // The layout at a nominal height gives the parts that do not grow with it.
  const QRect probe(0, 0, width, 10000);
  const CompareLayout layout = compare_layout(probe, static_cast<int>(rows.size()));
  const std::unique_ptr<amla::TimelineIndex> index_a =
      figure.a ? std::make_unique<amla::TimelineIndex>(figure.a->trace) : nullptr;
  const std::unique_ptr<amla::TimelineIndex> index_b =
      figure.b ? std::make_unique<amla::TimelineIndex>(figure.b->trace) : nullptr;
  const std::uint32_t kinds =
      (index_a ? index_a->kinds_present() : 0u) | (index_b ? index_b->kinds_present() : 0u);
  const int legend_h = kinds ? legend_height(layout.left.width(), kinds) : 0;
  const std::pair<double, double> range = compare_figure_range(figure);
  const int half =
      std::max(panel_height(figure.a.get(), index_a.get(), layout.left.width(), range),
               panel_height(figure.b.get(), index_b.get(), layout.left.width(), range));
  const int timelines = 2 * half + kMargin + legend_h + kMargin;
  const int table_h = kTableRowPx * static_cast<int>(rows.size() + 1);
  const bool stacked = layout.table.top() > layout.left.top();
  const int body = stacked ? timelines + kMargin + table_h : std::max(timelines, table_h);
  return layout.left.top() + body + kMargin;
}

}  // namespace amla::ui
