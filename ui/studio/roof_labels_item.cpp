#include "ui/studio/roof_labels_item.h"

#include <qwt_scale_map.h>

#include <QFontMetricsF>
#include <QPainter>
#include <cmath>
#include <optional>

#include "ui/common/label_placement.h"

namespace amla::ui {

namespace {

// Pixels between a label and the line it names.
constexpr double kGap = 4;
// Where along a sloped roof a label may sit, best first (fractions of its visible length).
constexpr double kSlopeFractions[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9};
// Half the side of the square kept free around a run's point (its symbol is 10 px).
constexpr double kPointMargin = 7;

QPointF to_pixels(const QPointF& p, const QwtScaleMap& x, const QwtScaleMap& y) {
  return QPointF(x.transform(p.x()), y.transform(p.y()));
}

// The point at `fraction` of a polyline's length.
QPointF along(const QVector<QPointF>& line, double fraction) {
  double total = 0;
  for (int i = 1; i < line.size(); ++i) total += QLineF(line[i - 1], line[i]).length();
  double left = fraction * total;
  for (int i = 1; i < line.size(); ++i) {
    const QLineF piece(line[i - 1], line[i]);
    if (left <= piece.length() && piece.length() > 0) return piece.pointAt(left / piece.length());
    left -= piece.length();
  }
  return line.isEmpty() ? QPointF() : line.back();
}

}  // namespace

RoofLabelsItem::RoofLabelsItem() {
  setZ(40);  // above the roofs and the points
  setItemAttribute(QwtPlotItem::Legend, false);
  setItemAttribute(QwtPlotItem::AutoScale, false);
}

int RoofLabelsItem::rtti() const { return QwtPlotItem::Rtti_PlotUserItem + 8; }

void RoofLabelsItem::setRoofs(std::vector<Roof> roofs, double peak, QString peak_text,
                              std::vector<QPointF> points) {
  roofs_ = std::move(roofs);
  peak_ = peak;
  peak_text_ = std::move(peak_text);
  points_ = std::move(points);
  itemChanged();
}

void RoofLabelsItem::draw(QPainter* painter, const QwtScaleMap& x, const QwtScaleMap& y,
                          const QRectF& canvas) const {
  drawn_.clear();
  segments_.clear();
  peak_drawn_ = false;
  if (peak_text_.isEmpty()) return;

  // What a label may not cover: every roof, the peak line across the canvas, the run's points.
  LabelObstacles obstacles;
  std::vector<QVector<QPointF>> slopes;  // each roof's rising part, in pixels
  const double peak_y = y.transform(peak_);
  for (const Roof& roof : roofs_) {
    QVector<QPointF> pixels;
    QVector<QPointF> slope;
    for (const QPointF& p : roof.points) {
      pixels.append(to_pixels(p, x, y));
      if (p.y() < peak_ && canvas.contains(pixels.back())) slope.append(pixels.back());
    }
    for (int i = 1; i < pixels.size(); ++i)
      obstacles.segments.emplace_back(pixels[i - 1], pixels[i]);
    slopes.push_back(slope);
  }
  obstacles.segments.emplace_back(QPointF(canvas.left(), peak_y), QPointF(canvas.right(), peak_y));
  for (const QPointF& p : points_) {
    const QPointF c = to_pixels(p, x, y);
    obstacles.rects.emplace_back(c.x() - kPointMargin, c.y() - kPointMargin, 2 * kPointMargin,
                                 2 * kPointMargin);
  }
  segments_ = obstacles.segments;

  const QFontMetricsF metrics(painter->font());
  auto text_size = [&metrics](const QString& text) {
    return QSizeF(metrics.horizontalAdvance(text) + 2, metrics.height());
  };

  // The peak's label first: above its line (free of roofs, which never pass the peak), from the
  // left; below it only when the plot is too short.
  std::vector<LabelCandidates> labels;
  {
    const QSizeF size = text_size(peak_text_);
    LabelCandidates peak;
    for (double left = canvas.left() + kGap; left + size.width() <= canvas.right();
         left += size.width() / 2) {
      peak.rects.emplace_back(QPointF(left, peak_y - kGap - size.height()), size);
    }
    for (double left = canvas.left() + kGap; left + size.width() <= canvas.right();
         left += size.width() / 2) {
      peak.rects.emplace_back(QPointF(left, peak_y + kGap), size);
    }
    labels.push_back(peak);
  }
  // Each level beside its rising roof: above-left of a point on it or below-right, both sides
  // clear of the roof itself since it rises to the right.
  for (std::size_t i = 0; i < roofs_.size(); ++i) {
    const QSizeF size = text_size(roofs_[i].text);
    LabelCandidates level;
    if (slopes[i].size() >= 2) {
      for (double fraction : kSlopeFractions) {
        const QPointF p = along(slopes[i], fraction);
        level.rects.emplace_back(QPointF(p.x() - kGap - size.width(), p.y() - kGap - size.height()),
                                 size);
        level.rects.emplace_back(QPointF(p.x() + kGap, p.y() + kGap), size);
      }
    }
    labels.push_back(level);
  }

  const auto placed = place_labels(labels, obstacles, canvas);
  painter->save();
  for (std::size_t i = 0; i < placed.size(); ++i) {
    if (!placed[i]) continue;
    painter->setPen(i == 0 ? QColor(40, 40, 40) : roofs_[i - 1].colour.darker(120));
    painter->drawText(*placed[i], Qt::AlignLeft | Qt::AlignVCenter,
                      i == 0 ? peak_text_ : roofs_[i - 1].text);
    drawn_.push_back(*placed[i]);
    if (i == 0) peak_drawn_ = true;
  }
  painter->restore();
}

}  // namespace amla::ui
