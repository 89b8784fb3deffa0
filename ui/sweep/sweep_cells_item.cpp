#include "ui/sweep/sweep_cells_item.h"

#include <qwt_color_map.h>
#include <qwt_scale_map.h>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>
#include <algorithm>
#include <cmath>

#include "ui/sweep/sweep_color_map.h"
#include "ui/sweep/sweep_format.h"

namespace amla::ui {

namespace {

const QColor kInvalidFill(0xee, 0xee, 0xee);
const QColor kPendingFill(0xf7, 0xf7, 0xf7);
const QColor kHatch(0x9e, 0x9e, 0x9e);
const QColor kInvalidText(0x61, 0x61, 0x61);
const QColor kBestOutline(0xe5, 0x39, 0x35);

// Diagonal lines cut to the cell by arithmetic, not by a clip region: SVG output ignores clipping,
// and lines scale with the cell in PNG, SVG and PDF alike where a brush pattern would not.
void hatch(QPainter* painter, const QRectF& rect) {
  painter->save();
  painter->setPen(QPen(kHatch, 1.2));
  const double spacing = std::clamp(rect.height() / 8.0, 6.0, 14.0);
  // Line k rises from (x0, bottom) at 45 degrees: (x0 + t, bottom - t) for t in [0, height].
  for (double x0 = rect.left() - rect.height(); x0 < rect.right(); x0 += spacing) {
    const double t0 = std::max(0.0, rect.left() - x0);
    const double t1 = std::min(rect.height(), rect.right() - x0);
    if (t1 <= t0) continue;
    painter->drawLine(QPointF(x0 + t0, rect.bottom() - t0), QPointF(x0 + t1, rect.bottom() - t1));
  }
  painter->restore();
}

// A five-pointed star of outer radius r centred at c.
QPainterPath star(const QPointF& c, double r) {
  QPainterPath path;
  for (int i = 0; i < 10; ++i) {
    const double radius = i % 2 == 0 ? r : r * 0.42;
    const double angle = -M_PI / 2 + i * M_PI / 5;
    const QPointF p(c.x() + radius * std::cos(angle), c.y() + radius * std::sin(angle));
    if (i == 0) {
      path.moveTo(p);
    } else {
      path.lineTo(p);
    }
  }
  path.closeSubpath();
  return path;
}

// The largest pixel size (up to `cap`) at which every line of `text` fits in `box`.
int fitting_pixel_size(const QFont& base, const QString& text, const QSizeF& box, int cap) {
  const QStringList lines = text.split(QLatin1Char('\n'));
  for (int px = cap; px >= 7; --px) {
    QFont font = base;
    font.setPixelSize(px);
    const QFontMetricsF metrics(font);
    bool fits = metrics.height() * lines.size() <= box.height();
    for (const QString& line : lines) fits = fits && metrics.horizontalAdvance(line) <= box.width();
    if (fits) return px;
  }
  return 0;  // too small to read: leave the cell without text rather than print noise
}

}  // namespace

SweepCellsItem::SweepCellsItem() : QwtPlotItem(QwtText(QStringLiteral("sweep cells"))) {
  setZ(10);
  setItemAttribute(QwtPlotItem::AutoScale, false);
}

SweepCellsItem::~SweepCellsItem() = default;

void SweepCellsItem::setResult(std::shared_ptr<const amla::SweepResult> result, int columns,
                               const QwtInterval& values, bool higher_is_better) {
  result_ = std::move(result);
  columns_ = std::max(columns, 1);
  values_ = values;
  color_map_ = std::make_unique<SweepColorMap>(higher_is_better);
  itemChanged();
}

int SweepCellsItem::rtti() const { return QwtPlotItem::Rtti_PlotUserItem + 41; }

QRectF SweepCellsItem::boundingRect() const {
  if (!result_ || result_->cells.empty()) return QwtPlotItem::boundingRect();
  const int rows = static_cast<int>((result_->cells.size() + columns_ - 1) / columns_);
  return QRectF(-0.5, -0.5, columns_, rows);
}

void SweepCellsItem::draw(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
                          const QRectF&) const {
  if (!result_) return;
  for (int i = 0; i < static_cast<int>(result_->cells.size()); ++i) {
    const int ix = i % columns_, iy = i / columns_;
    const QRectF rect = QRectF(QPointF(x_map.transform(ix - 0.5), y_map.transform(iy - 0.5)),
                               QPointF(x_map.transform(ix + 0.5), y_map.transform(iy + 0.5)))
                            .normalized();
    drawCell(painter, rect, i);
  }
  // The outline last, so no neighbour paints over it.
  if (result_->best >= 0) {
    const int ix = result_->best % columns_, iy = result_->best / columns_;
    const QRectF rect = QRectF(QPointF(x_map.transform(ix - 0.5), y_map.transform(iy - 0.5)),
                               QPointF(x_map.transform(ix + 0.5), y_map.transform(iy + 0.5)))
                            .normalized();
    const double width = std::clamp(std::min(rect.width(), rect.height()) / 25.0, 2.0, 4.0);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(kBestOutline, width, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    painter->drawRect(rect.adjusted(width / 2, width / 2, -width / 2, -width / 2));
    const double r = std::clamp(std::min(rect.width(), rect.height()) / 7.0, 4.0, 11.0);
    // Red on a white edge: visible on every colour of the map, light or dark.
    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(kBestOutline);
    painter->drawPath(star(QPointF(rect.right() - width - r - 2, rect.top() + width + r + 2), r));
    painter->restore();
  }
}

void SweepCellsItem::drawCell(QPainter* painter, const QRectF& rect, int index) const {
  const amla::SweepCell& cell = result_->cells[static_cast<std::size_t>(index)];
  if (cell.pending) {
    // No result yet (or another shard's): a plain light cell, nothing written in it.
    painter->save();
    painter->setPen(QPen(Qt::white, 1.0));
    painter->setBrush(kPendingFill);
    painter->drawRect(rect);
    painter->restore();
    return;
  }
  const double value = cell.valid ? amla::sweep_metric_value(cell, result_->metric) : NAN;
  QColor fill = kInvalidFill;
  if (cell.valid && !std::isnan(value)) fill = QColor::fromRgba(color_map_->rgb(values_, value));
  painter->save();
  painter->setPen(Qt::NoPen);
  painter->setBrush(fill);
  painter->drawRect(rect);
  if (!cell.valid) hatch(painter, rect);
  // A thin white grid separates cells of similar colour.
  painter->setPen(QPen(Qt::white, 1.0));
  painter->setBrush(Qt::NoBrush);
  painter->drawRect(rect);

  const QString text = sweep_cell_text(*result_, index);
  const QSizeF box(rect.width() * 0.84, rect.height() * 0.8);
  // Invalid cells say less and say it smaller: the hatching is the message, the text the hint.
  const int cap = cell.valid ? 22 : 14;
  QFont font = painter->font();
  font.setBold(cell.valid);
  const int px = fitting_pixel_size(font, text, box, cap);
  if (px > 0) {
    font.setPixelSize(px);
    painter->setFont(font);
    const QColor ink = cell.valid ? text_color_on(fill) : kInvalidText;
    if (!cell.valid) {
      // A backing plate keeps the words legible over the hatching.
      const QFontMetricsF metrics(font);
      double w = 0;
      for (const QString& line : text.split(QLatin1Char('\n'))) {
        w = std::max(w, metrics.horizontalAdvance(line));
      }
      const double h = metrics.height() * (text.count(QLatin1Char('\n')) + 1);
      QRectF plate(0, 0, w + 8, h + 4);
      plate.moveCenter(rect.center());
      painter->setPen(Qt::NoPen);
      painter->setBrush(QColor(0xee, 0xee, 0xee, 230));
      painter->drawRoundedRect(plate, 3, 3);
    }
    painter->setPen(ink);
    painter->drawText(rect, Qt::AlignCenter, text);
  }
  painter->restore();
}

}  // namespace amla::ui
