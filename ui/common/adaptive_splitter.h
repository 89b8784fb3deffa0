#pragma once
// A splitter that puts its panes side by side when they fit and stacks them when they do not:
// on a narrow screen a pane gets the whole width (the Numerics bit view's 32 cells, every column
// of a table) and the page scrolls down instead of squeezing each pane below its minimum.
#include <QSplitter>

namespace amla::ui {

class AdaptiveSplitter : public QSplitter {
  Q_OBJECT

 public:
  explicit AdaptiveSplitter(QWidget* parent = nullptr);

  // As narrow as the widest pane (stacked); as high as the current arrangement needs.
  QSize minimumSizeHint() const override;

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  // The width the panes need side by side.
  int sideBySideWidth() const;
  void giveStackedPanesTheirHeight();
};

}  // namespace amla::ui
