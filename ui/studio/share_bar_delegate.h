#pragma once
// The share column of the Summary's Why table: a bar as long as the share and its percentage
// beside it, right-aligned, never drawn on the bar (a progress bar's centred text lands on its
// own fill). Spacing follows the font, so the two stay apart at any screen scaling.
#include <QRect>
#include <QStyledItemDelegate>

class QFontMetrics;

namespace amla::ui {

// Where a share cell draws its bar and its text: side by side, a gap between them.
struct ShareBarRects {
  QRect bar;
  QRect text;
};
ShareBarRects share_bar_rects(const QRect& cell, const QFontMetrics& metrics);

class ShareBarDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  // The share, 0 to 1, in this role of the cell; its text (the percentage) in Qt::DisplayRole.
  static constexpr int kShareRole = Qt::UserRole + 1;

  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace amla::ui
