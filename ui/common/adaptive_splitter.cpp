#include "ui/common/adaptive_splitter.h"

#include <QLayout>
#include <QResizeEvent>
#include <algorithm>

namespace amla::ui {

namespace {

QSize pane_minimum(const QWidget* w) {
  return w->minimumSize().expandedTo(w->minimumSizeHint()).expandedTo(QSize(0, 0));
}

// The height a pane needs at `width`: a pane with word-wrapped text needs more lines than its
// minimum counts.
int stacked_height(const QWidget* w, int width) {
  int height = pane_minimum(w).height();
  if (const QLayout* layout = w->layout(); layout && layout->hasHeightForWidth()) {
    height = std::max(height, layout->minimumHeightForWidth(width));
  }
  return height;
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
      height += stacked_height(w, this->width());
    } else {
      height = std::max(height, stacked_height(w, w->width()));
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
  } else if (event->size().width() != event->oldSize().width()) {
    updateGeometry();  // wrapped text in a pane takes more or fewer lines
  }
  QSplitter::resizeEvent(event);
  if (orientation() == Qt::Vertical) giveStackedPanesTheirHeight();
}

void AdaptiveSplitter::giveStackedPanesTheirHeight() {
  // QSplitter guarantees each pane its minimum size only, not the lines its wrapped text needs
  // at this width: any pane short of that gets it, the last pane keeps what is left over.
  QList<int> heights = sizes();
  int needed_total = 0;
  bool short_pane = false;
  QList<int> needed;
  for (int i = 0; i < count(); ++i) {
    const int need = widget(i)->isHidden() ? 0 : stacked_height(widget(i), width());
    needed.append(need);
    needed_total += need;
    short_pane = short_pane || heights[i] < need;
  }
  if (!short_pane) return;
  int total = 0;
  for (int h : heights) total += h;
  if (!needed.isEmpty()) needed.back() += std::max(0, total - needed_total);
  setSizes(needed);
}

}  // namespace amla::ui
