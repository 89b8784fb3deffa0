#include "ui/common/scroll_page.h"

#include <QLayout>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QWidget>

namespace amla::ui {

QScrollArea* scroll_when_small(QWidget* page) {
  QLayout* layout = page->layout();
  if (!layout) return nullptr;
  auto* content = new QWidget;
  content->setObjectName(page->objectName() + QStringLiteral("Content"));
  // QWidget::setLayout takes a layout off the widget that has it, with the widgets it holds.
  content->setLayout(layout);
  auto* scroll = new QScrollArea(page);
  scroll->setObjectName(QStringLiteral("pageScroll"));
  scroll->setFrameShape(QFrame::NoFrame);
  // The content fills the page when there is room and keeps its minimum size when there is not.
  scroll->setWidgetResizable(true);
  scroll->setWidget(content);
  auto* outer = new QVBoxLayout(page);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(scroll);
  return scroll;
}

}  // namespace amla::ui
