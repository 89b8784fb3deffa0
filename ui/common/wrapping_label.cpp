#include "ui/common/wrapping_label.h"

#include <QResizeEvent>
#include <algorithm>

namespace amla::ui {

WrappingLabel::WrappingLabel(QWidget* parent) : QLabel(parent) { setWordWrap(true); }

QSize WrappingLabel::minimumSizeHint() const {
  QSize size = QLabel::minimumSizeHint();
  // Only once a layout has given it a width: before that it has Qt's default one, far narrower.
  if (testAttribute(Qt::WA_Resized) && width() > 0) {
    size.setHeight(std::max(size.height(), heightForWidth(width())));
  }
  return size;
}

void WrappingLabel::resizeEvent(QResizeEvent* event) {
  QLabel::resizeEvent(event);
  // The height it needs follows its width.
  if (event->oldSize().width() != event->size().width()) updateGeometry();
}

}  // namespace amla::ui
