#include "ui/compare/compare_figure.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cstdint>
#include <memory>

#include "core/run/simulation_run.h"
#include "core/view/timeline_index.h"
#include "ui/common/time_range_control.h"
#include "ui/compare/compare_model.h"
#include "ui/compare/compare_palette.h"
#include "ui/timeline/timeline_export.h"
#include "ui/timeline/timeline_legend.h"
#include "ui/timeline/timeline_palette.h"

namespace amla::ui {

namespace {

constexpr int kMargin = 12;

void paint_table(QPainter& painter, const QRectF& area, const std::vector<DeltaRow>& rows) {
  const QStringList headers = {QStringLiteral("metric"), QStringLiteral("A"), QStringLiteral("B"),
                               QStringLiteral("B - A"), QStringLiteral("B / A")};
  // Share of the width per column: the label column reads longest.
  const double shares[] = {0.36, 0.16, 0.16, 0.18, 0.14};
  const double row_h = std::min(26.0, area.height() / static_cast<double>(rows.size() + 1));
  QFont font = painter.font();
  font.setPixelSize(std::max(7, static_cast<int>(row_h * 0.55)));
  QFont bold = font;
  bold.setBold(true);

  auto column_rect = [&](int column, double y) {
    double x = area.left();
    for (int c = 0; c < column; ++c) x += shares[c] * area.width();
    return QRectF(x, y, shares[column] * area.width(), row_h);
  };
  auto draw_cell = [&](const QRectF& rect, const QString& text, int column, const QColor& ink) {
    const Qt::Alignment align =
        column == 0 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter;
    painter.setPen(ink);
    painter.drawText(
        rect.adjusted(6, 0, -6, 0), align,
        QFontMetricsF(painter.font()).elidedText(text, Qt::ElideRight, rect.width() - 12));
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

void paint_run(QPainter& painter, const QRect& area, const amla::SimulationRun* run,
               const amla::TimelineIndex* index, const amla::SimulationRun* other,
               const QString& tag, std::pair<double, double> range, bool microseconds) {
  if (!run) {
    painter.save();
    painter.setPen(QColor(0x75, 0x75, 0x75));
    painter.drawRect(area.adjusted(0, 0, -1, -1));
    painter.drawText(area, Qt::AlignCenter, compare_run_title(tag, nullptr, nullptr));
    painter.restore();
    return;
  }
  TimelineRenderOptions options;
  options.width = area.width();
  options.height = area.height();
  options.t0_cycles = range.first;
  options.t1_cycles = range.second;
  options.microseconds = microseconds;
  options.title = compare_run_title(tag, run, other);
  options.legend = false;  // one legend for both, under the lower timeline
  paint_timeline(painter, area, *run, *index, options);
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
  QFont title_font = painter.font();
  title_font.setPixelSize(std::clamp(area.height() / 45, 11, 20));
  title_font.setBold(true);
  painter.setFont(title_font);
  const int title_h = QFontMetrics(title_font).height() + kMargin;
  painter.setPen(Qt::black);
  painter.drawText(
      QRect(area.left() + kMargin, area.top() + kMargin / 2, area.width() - 2 * kMargin, title_h),
      Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("A/B compare"));
  painter.restore();

  const QRect body = area.adjusted(kMargin, kMargin / 2 + title_h, -kMargin, -kMargin);
  const int table_w = std::clamp(body.width() / 3, 260, 560);
  const QRect left(body.left(), body.top(), body.width() - table_w - kMargin, body.height());
  const QRect table(left.right() + kMargin, body.top(), table_w, body.height());

  // Each index serves both the timeline and the legend's list of kinds.
  const std::unique_ptr<amla::TimelineIndex> index_a =
      figure.a ? std::make_unique<amla::TimelineIndex>(figure.a->trace) : nullptr;
  const std::unique_ptr<amla::TimelineIndex> index_b =
      figure.b ? std::make_unique<amla::TimelineIndex>(figure.b->trace) : nullptr;
  const std::uint32_t kinds =
      (index_a ? index_a->kinds_present() : 0u) | (index_b ? index_b->kinds_present() : 0u);
  const int legend_h = kinds ? legend_height(left.width(), kinds) : 0;
  const int half = (left.height() - legend_h - kMargin) / 2;
  // One range for both, over panels of one width: the two time axes line up.
  const std::pair<double, double> range = compare_figure_range(figure);
  paint_run(painter, QRect(left.left(), left.top(), left.width(), half), figure.a.get(),
            index_a.get(), figure.b.get(), QStringLiteral("A"), range, figure.microseconds);
  paint_run(painter, QRect(left.left(), left.top() + half + kMargin, left.width(), half),
            figure.b.get(), index_b.get(), figure.a.get(), QStringLiteral("B"), range,
            figure.microseconds);
  if (kinds) {
    const TimelinePalette palette;
    paint_legend(painter, QRect(left.left(), left.bottom() - legend_h + 1, left.width(), legend_h),
                 kinds, palette);
  }
  paint_table(painter, table, compare_rows(figure.a.get(), figure.b.get()));
}

}  // namespace amla::ui
