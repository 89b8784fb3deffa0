#pragma once
// The legend strip under the timeline: one swatch per op kind the run has (in pipe order, so
// families sit together), then the two non-kind marks: folded mixed blocks and busy density.
#include <QPoint>
#include <QRect>
#include <cstdint>
#include <functional>

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

// A figure's legend when it lists only the kinds on the lanes shown, and takes its room from
// them: `layout` the kinds whose legend the lanes are laid out under, `listed` those it lists.
struct SettledLegend {
  std::uint32_t layout = 0;
  std::uint32_t listed = 0;
};
// `shown_under(kinds)` lays the figure out under a legend of `kinds` and returns the kinds on the
// lanes it shows. A shorter legend leaves room for more lanes, whose kinds may need a longer one:
// a few rounds look for a legend the lanes under it agree with ({kinds, kinds}); failing that,
// the lanes keep the room of every kind's legend and it lists theirs.
SettledLegend settle_legend(std::uint32_t every_kind,
                            const std::function<std::uint32_t(std::uint32_t)>& shown_under);

}  // namespace amla::ui
