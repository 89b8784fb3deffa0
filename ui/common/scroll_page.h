#pragma once
// Pages that scroll instead of clipping: on a screen too small for a page's minimum size (a
// 1280 x 720 laptop, 200% scaling), the page keeps that size inside a scroll area and the window
// stays within the screen. The page object itself stays the tab's widget, so code that looks
// for it (setCurrentWidget, findChild) is unaffected.
class QScrollArea;
class QWidget;

namespace amla::ui {

// Moves the page's layout, with everything in it, onto a content widget inside a frameless
// scroll area that becomes the page's only child. The page must have a layout.
QScrollArea* scroll_when_small(QWidget* page);

}  // namespace amla::ui
