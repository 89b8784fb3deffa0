#pragma once
// A word-wrapped label whose minimum height is what its text takes at its current width. Qt's
// layouts size a wrapped QLabel from a guess at its width and do not ask again, so in a column
// short of room its last lines were cut off; this one asks for every line, and a page too short
// for them scrolls (scroll_when_small) instead.
#include <QLabel>

namespace amla::ui {

class WrappingLabel : public QLabel {
 public:
  explicit WrappingLabel(QWidget* parent = nullptr);
  QSize minimumSizeHint() const override;

 protected:
  void resizeEvent(QResizeEvent* event) override;
};

}  // namespace amla::ui
