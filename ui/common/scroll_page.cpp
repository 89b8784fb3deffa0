#include "ui/common/scroll_page.h"

#include <QEvent>
#include <QLayout>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QWidget>
#include <algorithm>

namespace amla::ui {

namespace {

// Keeps the content at the viewport's size, never below the content's minimum. QScrollArea's
// own resizing gives content with word-wrapped labels its preferred height instead (height for
// width), which made a page scroll on a screen where it fits.
class PageScrollArea : public QScrollArea {
 public:
  explicit PageScrollArea(QWidget* parent) : QScrollArea(parent) {
    setFrameShape(QFrame::NoFrame);
    setWidgetResizable(false);
  }

  void setPage(QWidget* content) {
    setWidget(content);
    content->installEventFilter(this);
    fit();
  }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (watched == widget() && event->type() == QEvent::LayoutRequest) fit();
    return QScrollArea::eventFilter(watched, event);
  }

  void resizeEvent(QResizeEvent* event) override {
    QScrollArea::resizeEvent(event);
    fit();
  }

 private:
  void fit() {
    QWidget* content = widget();
    if (!content) return;
    const QSize minimum = content->minimumSizeHint().expandedTo(content->minimumSize());
    const QSize room = viewport()->size();
    const int width = std::max(room.width(), minimum.width());
    // Word-wrapped labels need more lines at this width than their minimum counts.
    int height = minimum.height();
    const QLayout* layout = content->layout();
    if (layout && layout->hasHeightForWidth()) {
      height = std::max(height, layout->minimumHeightForWidth(width));
    }
    content->resize(width, std::max(room.height(), height));
  }
};

}  // namespace

QScrollArea* scroll_when_small(QWidget* page) {
  QLayout* layout = page->layout();
  if (!layout) return nullptr;
  auto* content = new QWidget;
  content->setObjectName(page->objectName() + QStringLiteral("Content"));
  // QWidget::setLayout takes a layout off the widget that has it, with the widgets it holds.
  content->setLayout(layout);
  auto* scroll = new PageScrollArea(page);
  scroll->setObjectName(QStringLiteral("pageScroll"));
  scroll->setPage(content);
  auto* outer = new QVBoxLayout(page);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(scroll);
  return scroll;
}

}  // namespace amla::ui
