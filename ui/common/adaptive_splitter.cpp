#include "ui/common/adaptive_splitter.h"

#include <QLayout>
#include <QResizeEvent>
#include <algorithm>

namespace amla::ui {

namespace {

QSize pane_minimum(const QWidget* w) {
  return w->minimumSize().expandedTo(w->minimumSizeHint()).expandedTo(QSize(0, 0));
}

}  // namespace

AdaptiveSplitter::AdaptiveSplitter(QWidget* parent) : QSplitter(Qt::Horizontal, parent) {
  // A stacked pane keeps its minimum: squeezing it to nothing is what this splitter avoids.
  setChildrenCollapsible(false);
}

int AdaptiveSplitter::sideBySideWidth() const {
  int width = 0;
  int shown = 0;
  for (int i = 0; i < count(); ++i) {
    const QWidget* w = widget(i);
    if (w->isHidden()) continue;
    width += pane_minimum(w).width();
    ++shown;
  }
  return width + std::max(shown - 1, 0) * handleWidth();
}

QSize AdaptiveSplitter::minimumSizeHint() const {
  int width = 0;
  int height = 0;
  int shown = 0;
  for (int i = 0; i < count(); ++i) {
    const QWidget* w = widget(i);
    if (w->isHidden()) continue;
    const QSize m = pane_minimum(w);
    width = std::max(width, m.width());
    if (orientation() == Qt::Vertical) {
      // A stacked pane with word-wrapped text needs more lines at this width than its minimum.
      int pane_height = m.height();
      if (const QLayout* layout = w->layout(); layout && layout->hasHeightForWidth()) {
        pane_height = std::max(pane_height, layout->minimumHeightForWidth(this->width()));
      }
      height += pane_height;
    } else {
      height = std::max(height, m.height());
    }
    ++shown;
  }
  if (orientation() == Qt::Vertical) height += std::max(shown - 1, 0) * handleWidth();
  return QSize(width, height);
}

void AdaptiveSplitter::resizeEvent(QResizeEvent* event) {
  const Qt::Orientation wanted =
      event->size().width() >= sideBySideWidth() ? Qt::Horizontal : Qt::Vertical;
  if (wanted != orientation()) {
    setOrientation(wanted);
    updateGeometry();  // the stacked panes need more height than side by side
  } else if (wanted == Qt::Vertical && event->size().width() != event->oldSize().width()) {
    updateGeometry();  // wrapped text in a stacked pane takes more or fewer lines
  }
  QSplitter::resizeEvent(event);
}

}  // namespace amla::ui
