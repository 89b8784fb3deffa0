#pragma once
// A plot that lays itself out for the rectangle it is drawn in, in its own (screen) pixels: what
// fits a column-wide figure differs from what fits a window. The figure export asks it before
// rendering and hands it back its widget's rectangle after.
#include <QRectF>

namespace amla::ui {

class FitsToRect {
 public:
  virtual ~FitsToRect() = default;
  virtual void fitTo(const QRectF& layout_rect) = 0;
};

}  // namespace amla::ui
