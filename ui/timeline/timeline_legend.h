#pragma once
// The legend strip under the timeline: one swatch per op kind the run has (in pipe order, so
// families sit together), then the two non-kind marks: folded mixed blocks and busy density.
#include <QPoint>
#include <QRect>
#include <cstdint>

class QPainter;

namespace amla::ui {

class TimelinePalette;

// Height the legend needs at `width` pixels for the kinds in `kinds` (bit k = OpKind k).
// `figure`: the denser legend of an exported figure.
int legend_height(int width, std::uint32_t kinds, bool figure = false);
// Width of a legend column (one entry a row, the widest entry's width) for the kinds in `kinds`.
int legend_column_width(std::uint32_t kinds, bool figure = false);
// The op kind whose entry is under `pos` in a (screen) legend painted in `rect`, -1 when none.
int legend_kind_at(const QRect& rect, std::uint32_t kinds, const QPoint& pos);
// `figure`: an exported figure's legend, on white like the rest of the figure.
void paint_legend(QPainter& painter, const QRect& rect, std::uint32_t kinds,
                  const TimelinePalette& palette, bool figure = false);

}  // namespace amla::ui
