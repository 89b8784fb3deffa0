#include "ui/timeline/timeline_legend.h"

#include <QFontMetrics>
#include <QPainter>
#include <QString>
#include <vector>

#include "ui/timeline/timeline_palette.h"
#include "ui/timeline/timeline_style.h"

namespace amla::ui {

namespace {

constexpr Pipe kPipeOrder[] = {Pipe::kMte2,   Pipe::kMte1, Pipe::kCube,  Pipe::kFixp,
                               Pipe::kVector, Pipe::kMte3, Pipe::kScalar};
constexpr int kSwatch = 11;
constexpr int kRowHeight = 17;
constexpr int kGap = 14;
constexpr int kPad = 6;
constexpr int kRampWidth = 36;

struct Entry {
  QString text;
  QColor color;
  bool ramp = false;  // a busy-density scale instead of a flat swatch
  int kind = -1;      // the op kind it stands for, -1 for the marks
};

std::vector<Entry> entries(std::uint32_t kinds, const TimelinePalette* palette) {
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
  out.push_back({QStringLiteral("busy 0-100% (collapsed core)"), kDensityCoreColor, true});
  return out;
}

// Calls place(entry, x, y) for each entry in flow layout; returns the rows used.
template <typename Place>
int flow(int width, const std::vector<Entry>& list, Place place) {
  const QFontMetrics fm(timeline_font(kLegendFontPx));
  int x = kPad, row = 0;
  for (const Entry& e : list) {
    const int w = (e.ramp ? kRampWidth : kSwatch) + 4 + fm.horizontalAdvance(e.text);
    if (x > kPad && x + w > width - kPad) x = kPad, ++row;
    place(e, x, row);
    x += w + kGap;
  }
  return row + 1;
}

}  // namespace

int legend_kind_at(const QRect& rect, std::uint32_t kinds, const QPoint& pos) {
  if (!rect.contains(pos)) return -1;
  const QFontMetrics fm(timeline_font(kLegendFontPx));
  int found = -1;
  flow(rect.width(), entries(kinds, nullptr), [&](const Entry& e, int x, int row) {
    const int y = rect.top() + kPad - 2 + row * kRowHeight;
    const QRect box(rect.left() + x, y, kSwatch + 5 + fm.horizontalAdvance(e.text), kRowHeight);
    if (box.contains(pos)) found = e.kind;
  });
  return found;
}

int legend_height(int width, std::uint32_t kinds) {
  const int rows = flow(width, entries(kinds, nullptr), [](const Entry&, int, int) {});
  return rows * kRowHeight + 2 * kPad - 4;
}

void paint_legend(QPainter& painter, const QRect& rect, std::uint32_t kinds,
                  const TimelinePalette& palette) {
  painter.save();
  painter.setClipRect(rect);
  painter.fillRect(rect, kPanelColor);
  painter.setPen(kBorderColor);
  painter.drawLine(rect.topLeft(), rect.topRight());
  painter.setFont(timeline_font(kLegendFontPx));
  const QFontMetrics fm(painter.font());
  flow(rect.width(), entries(kinds, &palette), [&](const Entry& e, int x, int row) {
    const int y = rect.top() + kPad - 2 + row * kRowHeight;
    const QRect swatch(rect.left() + x, y + (kRowHeight - kSwatch) / 2,
                       e.ramp ? kRampWidth : kSwatch, kSwatch);
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
    painter.drawText(QRect(swatch.right() + 5, y, fm.horizontalAdvance(e.text) + 2, kRowHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, e.text);
  });
  painter.restore();
}

}  // namespace amla::ui
