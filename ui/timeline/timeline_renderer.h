#pragma once
// Paints a whole timeline frame: title, time ruler, lane labels with collapse triangles, lane
// rows (ops and folded blocks), density rows of collapsed groups, the selected range, the
// selected op with its flag arrows, and the legend. Stateless: the widget and the headless
// export both describe what to draw as a TimelineScene and call the same painter.
#include <QRect>
#include <QString>
#include <cstdint>
#include <vector>

#include "core/view/figure_content.h"
#include "ui/timeline/timeline_layout.h"

class QPainter;

namespace amla {
class TimelineIndex;
struct FlagEdge;
}  // namespace amla

namespace amla::ui {

class TimelinePalette;

struct TimelineScene {
  const TimelineIndex* index = nullptr;            // required
  const TimelinePalette* palette = nullptr;        // required
  const std::vector<TimelineRow>* rows = nullptr;  // required
  double clock_ghz = 1.8;
  double t0 = 0;  // visible range, cycles
  double t1 = 1;
  bool microseconds = true;
  QString title;  // none when empty
  // Said in the middle when there is no index (none when empty: the widget says why itself).
  QString no_index_text = QStringLiteral("No simulation run");
  // Under the lanes on screen; a figure may put it above them, at their right, or leave it out.
  amla::LegendPosition legend = amla::LegendPosition::kBottom;
  int scroll_y = 0;  // content pixels above the top of the track area
  bool has_selection = false;
  double selection_t0 = 0;
  double selection_t1 = 0;
  std::int64_t selected_op = -1;
  const std::vector<FlagEdge>* selected_flags = nullptr;  // arrows to draw
  // Ops that set or wait for a cross-core flag (sorted op indices): a small mark on each.
  const std::vector<std::int64_t>* flagged_ops = nullptr;
  // The critical path (its ops in path order) when it is shown: its ops keep their colours and
  // get an outline, the rest are washed out, and connectors join consecutive path ops of
  // different lanes. `path_sorted` holds the same ops sorted by index, for lookups.
  const std::vector<std::int64_t>* path_ops = nullptr;
  const std::vector<std::int64_t>* path_sorted = nullptr;
  // Op kinds to emphasise (bit k = OpKind k; 0 = none), e.g. a pseudo-code line's: their ops
  // keep their colours and get an outline, the rest are washed out.
  std::uint32_t highlight_kinds = 0;
  // An exported figure: no UI chrome (no expand triangles), lane labels name only the pipe under
  // their unit's row, a narrower label column and denser ruler ticks.
  bool figure = false;
  int label_width = 0;  // width of the label column; 0: kLabelColumnWidth
  QString
      note;  // one line under the tracks ("12 lanes not shown (the least busy)"); none when empty
  double line_width = 1;           // pen width of grid lines, borders and ticks
  std::uint32_t legend_kinds = 0;  // the op kinds the legend lists; 0: every kind of the run
};

// Where each part of the frame goes inside `area`.
struct TimelineGeometry {
  QRect title;
  QRect ruler;
  QRect labels;  // lane labels, left of the tracks
  QRect tracks;
  QRect note;
  QRect legend;
};

// What a frame drew, so tests can check that level of detail never drops an op.
struct TimelineFrameStats {
  std::int64_t ops_visible = 0;  // ops overlapping the view in the painted lane rows
  std::int64_t ops_drawn = 0;    // ops represented by the painted draw items
  std::int64_t items = 0;        // rectangles painted in lane rows
  int lane_rows = 0;
  int density_rows = 0;
  std::int64_t path_ops_marked = 0;    // critical-path ops inside the highlighted items
  std::int64_t path_connectors = 0;    // connectors drawn between lanes
  std::int64_t highlighted_items = 0;  // items holding an op of a highlighted kind
};

inline constexpr int kLabelColumnWidth = 132;
inline constexpr int kNoteHeight = 15;
// Where a figure's lane labels (pipe names) start in the label column.
inline constexpr int kFigureLaneIndent = 16;
// Heights of the title band (in an area `width` wide) and of the time ruler.
int timeline_title_height(const TimelineScene& scene, int width);
int timeline_ruler_height(const TimelineScene& scene);
// Pixels between labelled ruler ticks.
double timeline_tick_spacing(const TimelineScene& scene);

TimelineGeometry timeline_geometry(const QRect& area, const TimelineScene& scene);
TimelineFrameStats paint_timeline_scene(QPainter& painter, const QRect& area,
                                        const TimelineScene& scene);

}  // namespace amla::ui
