#include "ui/studio/share_bar_delegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace amla::ui {

namespace {

// The widest percentage, so every row's text starts at the same place.
const QString kWidestText = QStringLiteral("100.0%");

int padding(const QFontMetrics& metrics) { return std::max(2, metrics.height() / 4); }

// The shortest bar worth drawing: three text lines' worth.
int min_bar_width(const QFontMetrics& metrics) { return 3 * metrics.height(); }

}  // namespace

ShareBarRects share_bar_rects(const QRect& cell, const QFontMetrics& metrics) {
  const int pad = padding(metrics);
  const int text_width = metrics.horizontalAdvance(kWidestText);
  ShareBarRects r;
  r.text = QRect(cell.right() - pad - text_width + 1, cell.top(), text_width, cell.height());
  const int bar_height = std::min(cell.height() - 2 * pad, metrics.height());
  const int bar_right = r.text.left() - pad;  // the gap
  r.bar = QRect(cell.left() + pad, cell.top() + (cell.height() - bar_height) / 2,
                std::max(0, bar_right - cell.left() - pad), std::max(0, bar_height));
  return r;
}

void ShareBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const {
  QStyleOptionViewItem o(option);
  initStyleOption(&o, index);
  const QString text = o.text;
  o.text.clear();  // the background and selection only: the text goes beside the bar
  const QWidget* widget = option.widget;
  QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &o, painter, widget);

  const ShareBarRects r = share_bar_rects(option.rect, option.fontMetrics);
  const double share = std::clamp(index.data(kShareRole).toDouble(), 0.0, 1.0);
  painter->save();
  if (r.bar.width() > 2 && r.bar.height() > 2) {
    painter->setPen(QPen(option.palette.color(QPalette::Mid), 0));
    painter->setBrush(option.palette.color(QPalette::Base));
    painter->drawRect(r.bar.adjusted(0, 0, -1, -1));
    const QRect inside = r.bar.adjusted(1, 1, -1, -1);
    // A data bar, not a selection: the same colour whether the window has focus or not.
    const int filled = static_cast<int>(std::lround(share * inside.width()));
    if (filled > 0) {
      painter->fillRect(QRect(inside.left(), inside.top(), filled, inside.height()),
                        option.palette.color(QPalette::Active, QPalette::Highlight));
    }
  }
  const bool selected = (option.state & QStyle::State_Selected) != 0;
  painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
  painter->drawText(r.text, Qt::AlignRight | Qt::AlignVCenter, text);
  painter->restore();
}

QSize ShareBarDelegate::sizeHint(const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const {
  const QFontMetrics& metrics = option.fontMetrics;
  const int pad = padding(metrics);
  const QSize base = QStyledItemDelegate::sizeHint(option, index);
  const int width =
      pad + min_bar_width(metrics) + pad + metrics.horizontalAdvance(kWidestText) + pad;
  return QSize(width, std::max(base.height(), metrics.height() + 2 * pad));
}

}  // namespace amla::ui
