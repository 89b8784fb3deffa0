#include "ui/common/label_placement.h"

namespace amla::ui {

bool segment_hits_rect(const QLineF& segment, const QRectF& rect) {
  if (rect.contains(segment.p1()) || rect.contains(segment.p2())) return true;
  const QLineF edges[] = {
      QLineF(rect.topLeft(), rect.topRight()), QLineF(rect.topRight(), rect.bottomRight()),
      QLineF(rect.bottomRight(), rect.bottomLeft()), QLineF(rect.bottomLeft(), rect.topLeft())};
  for (const QLineF& edge : edges) {
    if (segment.intersects(edge, nullptr) == QLineF::BoundedIntersection) return true;
  }
  return false;
}

namespace {

bool is_free(const QRectF& rect, const std::vector<QRectF>& placed,
             const LabelObstacles& obstacles) {
  for (const QRectF& other : placed) {
    if (rect.intersects(other)) return false;
  }
  for (const QRectF& mark : obstacles.rects) {
    if (rect.intersects(mark)) return false;
  }
  for (const QLineF& segment : obstacles.segments) {
    if (segment_hits_rect(segment, rect)) return false;
  }
  return true;
}

}  // namespace

std::vector<std::optional<QRectF>> place_labels(const std::vector<LabelCandidates>& labels,
                                                const LabelObstacles& obstacles,
                                                const QRectF& bounds) {
  std::vector<std::optional<QRectF>> result;
  std::vector<QRectF> placed;
  for (const LabelCandidates& label : labels) {
    std::optional<QRectF> chosen;
    for (const QRectF& rect : label.rects) {
      if (bounds.contains(rect) && is_free(rect, placed, obstacles)) {
        chosen = rect;
        break;
      }
    }
    if (chosen) placed.push_back(*chosen);
    result.push_back(chosen);
  }
  return result;
}

}  // namespace amla::ui
