#pragma once
// The legend strip under the timeline: one swatch per op kind the run has (in pipe order, so
// families sit together), then the two non-kind marks: folded mixed blocks and busy density.
#include <QRect>
#include <cstdint>

class QPainter;

namespace amla::ui {

class TimelinePalette;

// Height the legend needs at `width` pixels for the kinds in `kinds` (bit k = OpKind k).
// `figure`: the denser legend of an exported figure.
int legend_height(int width, std::uint32_t kinds, bool figure = false);
// `figure`: an exported figure's legend, on white like the rest of the figure.
void paint_legend(QPainter& painter, const QRect& rect, std::uint32_t kinds,
                  const TimelinePalette& palette, bool figure = false);

}  // namespace amla::ui
