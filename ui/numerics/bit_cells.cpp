#include "ui/numerics/bit_cells.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <cmath>
#include <cstdio>

#include "core/numerics/float_bits.h"

namespace amla::ui {

namespace {

constexpr int kCellWidth = 14;
constexpr int kCellHeight = 22;
constexpr int kFieldGap = 4;  // extra space between sign | exponent | fraction
constexpr int kHeaderHeight = 28;
constexpr int kCaptionHeight = 18;  // the hex / INT32 / decimal line under each row
constexpr int kRowSpacing = 8;
constexpr int kRowHeight = kCellHeight + kCaptionHeight + kRowSpacing;

enum class Field { kSign, kExponent, kFraction };

Field field_of_bit(int bit) {
  if (bit == 31) return Field::kSign;
  return bit >= 23 ? Field::kExponent : Field::kFraction;
}

QColor set_colour(Field f) {
  switch (f) {
    case Field::kSign:
      return QColor(0xd3, 0x2f, 0x2f);
    case Field::kExponent:
      return QColor(0x19, 0x76, 0xd2);
    case Field::kFraction:
      return QColor(0x38, 0x8e, 0x3c);
  }
  return Qt::gray;
}

QColor clear_colour(Field f) {
  switch (f) {
    case Field::kSign:
      return QColor(0xfd, 0xe4, 0xe4);
    case Field::kExponent:
      return QColor(0xe1, 0xee, 0xfb);
    case Field::kFraction:
      return QColor(0xe6, 0xf4, 0xe7);
  }
  return Qt::white;
}

// Room for the row names on the left ("+ N (addend)" is the longest).
int name_width(const QFontMetrics& metrics) {
  return metrics.horizontalAdvance(QStringLiteral("+ N (addend)")) + 10;
}

const char* row_name(BitCells::Row row) {
  switch (row) {
    case BitCells::kInputRow:
      return "F (input)";
    case BitCells::kAddendRow:
      return "+ N (addend)";
    case BitCells::kResultRow:
      return "= result";
    case BitCells::kXorRow:
      return "result ^ F";
    default:
      return "";
  }
}

QString trim_mantissa_zeros(QString text) {
  const int e = text.indexOf(QLatin1Char('e'));
  QString mantissa = e < 0 ? text : text.left(e);
  const QString exponent = e < 0 ? QString() : text.mid(e);
  if (mantissa.contains(QLatin1Char('.'))) {
    while (mantissa.endsWith(QLatin1Char('0'))) mantissa.chop(1);
    if (mantissa.endsWith(QLatin1Char('.'))) mantissa.chop(1);
  }
  return mantissa + exponent;
}

}  // namespace

QString exact_decimal(std::uint32_t bits) {
  const float x = amla::float_of(bits);
  if (std::isnan(x)) return QStringLiteral("nan");
  if (std::isinf(x)) return x > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
  // A float has at most 112 significant decimal digits and glibc prints them exactly.
  char buf[256];
  std::snprintf(buf, sizeof buf, "%.120g", static_cast<double>(x));
  return trim_mantissa_zeros(QString::fromLatin1(buf));
}

QString round_trip_decimal(std::uint32_t bits) {
  const float x = amla::float_of(bits);
  if (std::isnan(x)) return QStringLiteral("nan");
  if (std::isinf(x)) return x > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(x));
  return QString::fromLatin1(buf);
}

BitCells::BitCells(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
}

void BitCells::setValues(std::uint32_t input_bits, std::int64_t shift, std::int64_t compensation,
                         std::int32_t addend, std::uint32_t result_bits) {
  shift_ = shift;
  compensation_ = compensation;
  bits_[kInputRow] = input_bits;
  bits_[kAddendRow] = static_cast<std::uint32_t>(addend);
  bits_[kResultRow] = result_bits;
  bits_[kXorRow] = result_bits ^ input_bits;
  update();
}

std::uint32_t BitCells::rowBits(Row row) const { return bits_[row]; }

QRect BitCells::cellRect(Row row, int bit) const {
  const int column = 31 - bit;
  int x = name_width(fontMetrics()) + column * kCellWidth;
  if (bit <= 30) x += kFieldGap;
  if (bit <= 22) x += kFieldGap;
  const int y = kHeaderHeight + row * kRowHeight;
  return QRect(x, y, kCellWidth - 1, kCellHeight);
}

QSize BitCells::sizeHint() const {
  return {name_width(fontMetrics()) + 32 * kCellWidth + 2 * kFieldGap + 8,
          kHeaderHeight + kRowCount * kRowHeight};
}

QSize BitCells::minimumSizeHint() const { return sizeHint(); }

QString BitCells::rowCaption(Row row) const {
  const std::uint32_t b = bits_[row];
  const QString hex = QString::fromStdString(amla::hex32(b));
  const QString int32 = QString::number(static_cast<std::int32_t>(b));
  if (row == kXorRow) {
    const int changed = __builtin_popcount(b);
    return QStringLiteral("%1    %2 bit%3 changed")
        .arg(hex)
        .arg(changed)
        .arg(changed == 1 ? "" : "s");
  }
  if (row == kAddendRow) {
    return QStringLiteral("%1    int32 %2    = %3 * 2^23 %4 %5")
        .arg(hex, int32)
        .arg(shift_)
        .arg(compensation_ < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(compensation_ < 0 ? -compensation_ : compensation_);
  }
  return QStringLiteral("%1    int32 %2    %3").arg(hex, int32, round_trip_decimal(b));
}

void BitCells::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing, false);
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 0.85);
  QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  mono.setPointSizeF(font().pointSizeF() * 0.9);

  // Header: field names over their cells and the bit numbers at the field edges.
  painter.setFont(small);
  painter.setPen(palette().color(QPalette::WindowText));
  const struct {
    const char* name;
    int high, low;
  } fields[] = {{"s", 31, 31}, {"exponent (8)", 30, 23}, {"fraction (23)", 22, 0}};
  for (const auto& f : fields) {
    const QRect left = cellRect(kInputRow, f.high);
    const QRect right = cellRect(kInputRow, f.low);
    const QRect span(left.left(), 0, right.right() - left.left() + 1, 14);
    painter.setPen(set_colour(field_of_bit(f.high)));
    painter.drawText(span, Qt::AlignCenter, QString::fromLatin1(f.name));
  }
  painter.setPen(palette().color(QPalette::Mid).darker(140));
  for (int bit : {31, 30, 23, 22, 0}) {
    const QRect cell = cellRect(kInputRow, bit);
    painter.drawText(QRect(cell.left() - 4, 13, cell.width() + 8, 14), Qt::AlignCenter,
                     QString::number(bit));
  }

  for (int r = 0; r < kRowCount; ++r) {
    const Row row = static_cast<Row>(r);
    const QRect first = cellRect(row, 31);
    painter.setFont(font());
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, first.top(), first.left() - 6, kCellHeight),
                     Qt::AlignRight | Qt::AlignVCenter, QString::fromLatin1(row_name(row)));
    painter.setFont(mono);
    for (int bit = 31; bit >= 0; --bit) {
      const QRect cell = cellRect(row, bit);
      const bool on = (bits_[row] >> bit) & 1u;
      const Field field = field_of_bit(bit);
      QColor fill;
      if (row == kXorRow) {
        fill = on ? QColor(0xff, 0x8f, 0x00) : QColor(0xf2, 0xf2, 0xf2);
      } else {
        fill = on ? set_colour(field) : clear_colour(field);
      }
      painter.fillRect(cell, fill);
      painter.setPen(on ? Qt::white : QColor(0x75, 0x75, 0x75));
      if (row == kXorRow && on) painter.setPen(Qt::black);
      painter.drawText(cell, Qt::AlignCenter, on ? QStringLiteral("1") : QStringLiteral("0"));
    }
    const QRect last = cellRect(row, 0);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(
        QRect(first.left(), first.bottom() + 2, last.right() - first.left() + 200, kCaptionHeight),
        Qt::AlignLeft | Qt::AlignVCenter, rowCaption(row));
  }
}

int BitCells::inputBitAt(const QPoint& pos) const {
  for (int bit = 31; bit >= 0; --bit) {
    if (cellRect(kInputRow, bit).contains(pos)) return bit;
  }
  return -1;
}

void BitCells::mousePressEvent(QMouseEvent* event) {
  const int bit = inputBitAt(event->pos());
  if (event->button() == Qt::LeftButton && bit >= 0) {
    emit bitToggled(bit);
    return;
  }
  QWidget::mousePressEvent(event);
}

void BitCells::mouseMoveEvent(QMouseEvent* event) {
  setCursor(inputBitAt(event->pos()) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
  QWidget::mouseMoveEvent(event);
}

bool BitCells::event(QEvent* event) {
  if (event->type() != QEvent::ToolTip) return QWidget::event(event);
  const QPoint pos = static_cast<QHelpEvent*>(event)->pos();
  const int bit = inputBitAt(pos);
  if (bit >= 0) {
    QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(),
                       tr("bit %1: click to toggle").arg(bit), this);
    return true;
  }
  for (int r = 0; r < kXorRow; ++r) {
    const Row row = static_cast<Row>(r);
    const QRect band(0, cellRect(row, 31).top(), width(), kCellHeight + kCaptionHeight);
    if (band.contains(pos)) {
      QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(),
                         tr("exact value: %1").arg(exact_decimal(bits_[row])), this);
      return true;
    }
  }
  QToolTip::hideText();
  event->ignore();
  return true;
}

}  // namespace amla::ui
