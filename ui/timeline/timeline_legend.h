#pragma once
// The legend strip under the timeline: one swatch per op kind the run has (in pipe order, so
// families sit together), then the two non-kind marks: folded mixed blocks and busy density.
#include <QRect>
#include <cstdint>

class QPainter;

namespace amla::ui {

class TimelinePalette;

// Height the legend needs at `width` pixels for the kinds in `kinds` (bit k = OpKind k).
int legend_height(int width, std::uint32_t kinds);
void paint_legend(QPainter& painter, const QRect& rect, std::uint32_t kinds,
                  const TimelinePalette& palette);

}  // namespace amla::ui
