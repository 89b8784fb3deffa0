#pragma once
// Paints AMLA's integer add as four aligned rows of 32 bit cells: the input F, the addend N, the
// result and result XOR F. Cells are coloured by binary32 field (sign, exponent, fraction); each
// row carries its hex, INT32 and decimal value. Clicking a bit of the input row toggles it.
#include <QWidget>
#include <cstdint>

namespace amla::ui {

class BitCells : public QWidget {
  Q_OBJECT

 public:
  enum Row { kInputRow = 0, kAddendRow, kResultRow, kXorRow, kRowCount };

  explicit BitCells(QWidget* parent = nullptr);

  // `shift` and `compensation` only label the addend row (addend = shift * 2^23 + compensation,
  // wrapped to INT32).
  void setValues(std::uint32_t input_bits, std::int64_t shift, std::int64_t compensation,
                 std::int32_t addend, std::uint32_t result_bits);
  std::uint32_t rowBits(Row row) const;

  // Where the cell of `bit` (31 = sign ... 0) of a row is drawn.
  QRect cellRect(Row row, int bit) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 signals:
  void bitToggled(int bit);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  bool event(QEvent* event) override;

 private:
  // Bit under a point of the input row, or -1.
  int inputBitAt(const QPoint& pos) const;
  QString rowCaption(Row row) const;

  std::uint32_t bits_[kRowCount] = {0, 0, 0, 0};
  std::int64_t shift_ = 0;
  std::int64_t compensation_ = 0;
};

// The exact decimal expansion of a binary32 value (every float is a finite decimal), e.g.
// 0.100000001490116119384765625; "inf", "-inf", "nan" for the non-finite ones.
QString exact_decimal(std::uint32_t bits);
// The shortest usual form: %.9g, which always reads back to the same float.
QString round_trip_decimal(std::uint32_t bits);

}  // namespace amla::ui
