#include "ui/timeline/timeline_legend.h"

#include <QFontMetrics>
#include <QPainter>
#include <QString>
#include <algorithm>
#include <vector>

#include "ui/timeline/timeline_palette.h"
#include "ui/timeline/timeline_style.h"

namespace amla::ui {

namespace {

constexpr Pipe kPipeOrder[] = {Pipe::kMte2,   Pipe::kMte1, Pipe::kCube,  Pipe::kFixp,
                               Pipe::kVector, Pipe::kMte3, Pipe::kScalar};
// The widget's legend, and a denser one for exported figures (smaller text, tighter rows).
struct LegendMetrics {
  int font_px, swatch, row_height, gap, pad, ramp_width;
};
constexpr LegendMetrics kScreen{kLegendFontPx, 11, 17, 14, 6, 36};
constexpr LegendMetrics kFigure{kRulerFontPx, 9, 13, 9, 3, 26};

const LegendMetrics& metrics(bool figure) { return figure ? kFigure : kScreen; }

struct Entry {
  QString text;
  QColor color;
  bool ramp = false;  // a busy-density scale instead of a flat swatch
  int kind = -1;      // the op kind it stands for, -1 for the marks
};

std::vector<Entry> entries(std::uint32_t kinds, const TimelinePalette* palette, bool figure) {
  std::vector<Entry> out;
  for (Pipe pipe : kPipeOrder) {
    for (int k = 0; k < kOpKindCount; ++k) {
      const auto kind = static_cast<OpKind>(k);
      if (!(kinds & (1u << k)) || op_kind_pipe(kind) != pipe) continue;
      out.push_back({QString::fromLatin1(op_kind_name(kind)),
                     palette ? palette->color(kind) : QColor(), false, k});
    }
  }
  out.push_back({QStringLiteral("folded, mixed kinds"),
                 palette ? palette->mixed_color(Pipe::kMte2) : QColor()});
  out.push_back(
      {figure ? QStringLiteral("busy 0-100%") : QStringLiteral("busy 0-100% (collapsed core)"),
       kDensityCoreColor, true});
  return out;
}

// Calls place(entry, x, y) for each entry in flow layout; returns the rows used.
template <typename Place>
int flow(int width, const std::vector<Entry>& list, const LegendMetrics& m, Place place) {
  const QFontMetrics fm(timeline_font(m.font_px));
  int x = m.pad, row = 0;
  for (const Entry& e : list) {
    const int w = (e.ramp ? m.ramp_width : m.swatch) + 4 + fm.horizontalAdvance(e.text);
    if (x > m.pad && x + w > width - m.pad) x = m.pad, ++row;
    place(e, x, row);
    x += w + m.gap;
  }
  return row + 1;
}

}  // namespace

int legend_kind_at(const QRect& rect, std::uint32_t kinds, const QPoint& pos) {
  if (!rect.contains(pos)) return -1;
  const LegendMetrics& m = metrics(false);
  const QFontMetrics fm(timeline_font(m.font_px));
  int found = -1;
  flow(rect.width(), entries(kinds, nullptr, false), m, [&](const Entry& e, int x, int row) {
    const int y = rect.top() + m.pad - 2 + row * m.row_height;
    const QRect box(rect.left() + x, y, m.swatch + 5 + fm.horizontalAdvance(e.text), m.row_height);
    if (box.contains(pos)) found = e.kind;
  });
  return found;
}

int legend_height(int width, std::uint32_t kinds, bool figure) {
  const LegendMetrics& m = metrics(figure);
  const int rows = flow(width, entries(kinds, nullptr, figure), m, [](const Entry&, int, int) {});
  return rows * m.row_height + 2 * m.pad - (figure ? 0 : 4);
}

int legend_column_width(std::uint32_t kinds, bool figure) {
  const LegendMetrics& m = metrics(figure);
  const QFontMetrics fm(timeline_font(m.font_px));
  int widest = 0;
  for (const Entry& e : entries(kinds, nullptr, figure)) {
    widest =
        std::max(widest, (e.ramp ? m.ramp_width : m.swatch) + 4 + fm.horizontalAdvance(e.text));
  }
  // The widest entry fits a row with a few pixels to spare (glyphs drawn at a figure's scale
  // run a little wider than measured here); short entries may share a row.
  return widest + 2 * m.pad + 4;
}

void paint_legend(QPainter& painter, const QRect& rect, std::uint32_t kinds,
                  const TimelinePalette& palette, bool figure) {
  painter.save();
  painter.setClipRect(rect);
  painter.fillRect(rect, figure ? QColor(Qt::white) : kPanelColor);
  painter.setPen(kBorderColor);
  painter.drawLine(rect.topLeft(), rect.topRight());
  const LegendMetrics& m = metrics(figure);
  painter.setFont(timeline_font(m.font_px));
  const QFontMetrics fm(painter.font());
  flow(rect.width(), entries(kinds, &palette, figure), m, [&](const Entry& e, int x, int row) {
    const int y = rect.top() + m.pad - (figure ? 0 : 2) + row * m.row_height;
    const QRect swatch(rect.left() + x, y + (m.row_height - m.swatch) / 2,
                       e.ramp ? m.ramp_width : m.swatch, m.swatch);
    if (e.ramp) {
      for (int i = 0; i < swatch.width(); ++i) {
        const double busy = static_cast<double>(i) / (swatch.width() - 1);
        painter.fillRect(QRect(swatch.left() + i, swatch.top(), 1, swatch.height()),
                         QColor(density_rgb(e.color, busy)));
      }
    } else {
      painter.fillRect(swatch, e.color);
    }
    painter.setPen(e.color.darker(150));
    painter.drawRect(swatch.adjusted(0, 0, -1, -1));
    painter.setPen(kTextColor);
    painter.drawText(QRect(swatch.right() + 5, y, fm.horizontalAdvance(e.text) + 2, m.row_height),
                     Qt::AlignLeft | Qt::AlignVCenter, e.text);
  });
  painter.restore();
}

SettledLegend settle_legend(std::uint32_t every_kind,
                            const std::function<std::uint32_t(std::uint32_t)>& shown_under) {
  const std::uint32_t first = shown_under(every_kind);
  std::uint32_t candidate = first;
  for (int round = 0; round < 3 && candidate != 0 && candidate != every_kind; ++round) {
    const std::uint32_t shown = shown_under(candidate);
    if (shown == candidate) return {candidate, candidate};
    candidate = shown;
  }
  return {every_kind, first != 0 ? first : every_kind};
}

}  // namespace amla::ui
