#pragma once
// Places text labels on a plot without overlaps: each label has candidate rectangles in order of
// preference; the first that stays inside the bounds and meets no placed label, no obstacle
// rectangle and no line segment wins. A label with no free candidate is left out rather than
// drawn over something.
#include <QLineF>
#include <QRectF>
#include <optional>
#include <vector>

namespace amla::ui {

struct LabelCandidates {
  std::vector<QRectF> rects;  // in order of preference
};

struct LabelObstacles {
  std::vector<QLineF> segments;  // lines the labels must not cross
  std::vector<QRectF> rects;     // marks the labels must not cover
};

// Whether the segment passes through (or ends inside) the rectangle.
bool segment_hits_rect(const QLineF& segment, const QRectF& rect);

// One entry per label: its rectangle, or nothing when every candidate collides.
std::vector<std::optional<QRectF>> place_labels(const std::vector<LabelCandidates>& labels,
                                                const LabelObstacles& obstacles,
                                                const QRectF& bounds);

}  // namespace amla::ui
