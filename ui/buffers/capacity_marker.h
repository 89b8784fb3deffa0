#pragma once
// A buffer strip's capacity: a dashed line with "capacity 512 KiB" at its right end, above the
// line where the strip leaves room for it, else just below it. A strip's headroom above the line
// is a share of its height, so a short strip (the GM workspace's, or any at a small figure size)
// has less of it than a line of text: the label was cut by the strip's top edge there.
#include <qwt_plot_marker.h>

#include <QRectF>

namespace amla::ui {

class CapacityMarker : public QwtPlotMarker {
 public:
  CapacityMarker();
  // Where the label goes in a canvas `canvas_rect` when the line is at `line_y` (canvas
  // coordinates), given the label's size.
  static QRectF labelRect(const QRectF& canvas_rect, double line_y, const QSizeF& size);

 protected:
  void drawLabel(QPainter* painter, const QRectF& canvas_rect, const QPointF& pos) const override;
};

}  // namespace amla::ui
