#include "ui/sensitivity/tornado_item.h"

#include <qwt_painter.h>
#include <qwt_scale_map.h>

#include <QFontMetricsF>
#include <QPainter>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <utility>

#include "ui/buffers/plot_style.h"

namespace amla::ui {

namespace {

// Each bar takes this much of its half of the row, so neighbouring rows stay apart.
constexpr double kBarFill = 0.8;
// The legend keeps this far from the canvas's left and right edges.
constexpr double kLegendInset = 6;

// The canvas's y extent of a row's bar: the minus end in the upper half of the row, the plus end
// in the lower half (rows run down). first < second is not promised.
std::pair<double, double> bar_extent(const QwtScaleMap& y_map, int row, bool minus) {
  const double top = minus ? row - 0.5 * kBarFill : static_cast<double>(row);
  const double bottom = minus ? static_cast<double>(row) : row + 0.5 * kBarFill;
  return {y_map.transform(top), y_map.transform(bottom)};
}

QString percent_text(double delta, bool minus) {
  return QStringLiteral("%1%2%")
      .arg(minus ? QChar(0x2212) : QChar('+'))
      .arg(100.0 * delta, 0, 'g', 3);
}

}  // namespace

TornadoItem::TornadoItem() {
  setZ(10);
  setItemAttribute(QwtPlotItem::AutoScale, true);
}

QColor TornadoItem::minusColor() { return QColor(0x3b, 0x6e, 0xb4); }
QColor TornadoItem::plusColor() { return QColor(0xe0, 0x7b, 0x39); }

void TornadoItem::setResult(std::shared_ptr<const amla::SensitivityResult> result) {
  result_ = std::move(result);
  shown_rows_ = result_ ? static_cast<int>(result_->params.size()) : 0;
  itemChanged();
}

void TornadoItem::setShownRows(int rows) {
  const int all = result_ ? static_cast<int>(result_->params.size()) : 0;
  shown_rows_ = std::clamp(rows, 0, all);
  itemChanged();
}

int TornadoItem::rtti() const { return QwtPlotItem::Rtti_PlotUserItem + 41; }

QRectF TornadoItem::boundingRect() const {
  if (!result_ || result_->params.empty()) return QRectF(1.0, 1.0, -2.0, -2.0);  // invalid
  double lo = result_->makespan_us, hi = lo;
  for (const amla::SensitivityParam& p : result_->params) {
    for (const amla::SensitivityEnd* e : {&p.minus, &p.plus}) {
      if (!e->makespan_us) continue;
      lo = std::min(lo, *e->makespan_us);
      hi = std::max(hi, *e->makespan_us);
    }
  }
  return QRectF(lo, -0.5, hi - lo, static_cast<double>(result_->params.size()));
}

namespace {

// The value labels' font, measured at the screen's resolution: the plot's coordinates are the
// screen's pixels also when exporting (Qwt's renderer scales the painter to the device), and
// QwtPainter draws the text at that size on any device (QPainter's own would scale it again).
QFont label_font() { return plot_font(9); }

}  // namespace

double TornadoItem::minRowPitch() { return 2 * QFontMetricsF(label_font()).height() + 2; }

void TornadoItem::draw(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
                       const QRectF& canvas_rect) const {
  if (!result_) return;
  painter->save();
  painter->setFont(label_font());
  for (int row = 0; row < shown_rows_; ++row) {
    const amla::SensitivityParam& p = result_->params[static_cast<std::size_t>(row)];
    drawBar(painter, x_map, y_map, row, p.minus, true);
    drawBar(painter, x_map, y_map, row, p.plus, false);
  }
  for (const Label& label : labels(x_map, y_map, canvas_rect)) {
    if (label.on_plate) {
      const double h = QFontMetricsF(label_font()).height();
      const QRectF text_box(label.rect.left(), label.rect.center().y() - h / 2, label.rect.width(),
                            h);
      painter->fillRect(text_box.adjusted(-2, 0, 2, 0), QColor(255, 255, 255, 215));
    }
    painter->setPen(label.inside_bar ? Qt::white : QColor(0x30, 0x30, 0x30));
    QwtPainter::drawText(painter, label.rect, Qt::AlignVCenter | Qt::AlignLeft, label.text);
  }
  drawLegend(painter, legendRect(y_map, canvas_rect), legendTexts(canvas_rect));
  painter->restore();
}

void TornadoItem::drawBar(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
                          int row, const amla::SensitivityEnd& end, bool minus) const {
  if (!end.makespan_us) return;
  const auto [y0, y1] = bar_extent(y_map, row, minus);
  const double base_x = x_map.transform(result_->makespan_us);
  const double end_x = x_map.transform(*end.makespan_us);
  const QColor color = minus ? minusColor() : plusColor();
  const QRectF bar(QPointF(std::min(base_x, end_x), std::min(y0, y1)),
                   QPointF(std::max(base_x, end_x), std::max(y0, y1)));
  painter->setPen(QPen(color.darker(130), 0.8));
  painter->setBrush(color);
  // A bar of no width still shows as a tick at the baseline.
  painter->drawRect(bar.width() < 1 ? bar.adjusted(-0.5, 0, 0.5, 0) : bar);
}

std::vector<TornadoItem::Label> TornadoItem::labels(const QwtScaleMap& x_map,
                                                    const QwtScaleMap& y_map,
                                                    const QRectF& canvas_rect) const {
  std::vector<Label> out;
  if (!result_) return out;
  const QFontMetricsF metrics(label_font());
  const double base_x = x_map.transform(result_->makespan_us);
  constexpr double kGap = 4;
  for (int row = 0; row < shown_rows_; ++row) {
    const amla::SensitivityParam& p = result_->params[static_cast<std::size_t>(row)];
    // A move that leaves the value as it is (a zero) is not rerun either way: one label says so.
    const bool unchanged = p.minus.makespan_us && p.plus.makespan_us && p.minus.same_as_baseline &&
                           p.plus.same_as_baseline;
    for (const bool minus : {true, false}) {
      if (unchanged && !minus) continue;
      const amla::SensitivityEnd& end = minus ? p.minus : p.plus;
      // Centred on its half of the row: the two labels of a row are half a row apart, so a row
      // of minRowPitch() keeps them clear of each other wherever they go.
      const double y0 = y_map.transform(minus ? row - 0.5 : static_cast<double>(row));
      const double y1 = y_map.transform(minus && !unchanged ? static_cast<double>(row) : row + 0.5);
      Label label;
      double end_x = base_x;
      bool to_right = true;
      if (end.makespan_us) {
        const double change = *end.makespan_us - result_->makespan_us;
        // Which end it is, the bar's colour and the legend say (and the percent in the not-run
        // case, where no bar is drawn).
        if (unchanged) {
          label.text = QStringLiteral("%1 \u00b5s either way (value unchanged)")
                           .arg(*end.makespan_us, 0, 'f', 2);
        } else {
          label.text = QStringLiteral("%1 \u00b5s (%2%3)")
                           .arg(*end.makespan_us, 0, 'f', 2)
                           .arg(change >= 0 ? QStringLiteral("+") : QString())
                           .arg(change, 0, 'f', 2);
          if (end.same_as_baseline) label.text += QStringLiteral(", value unchanged");
        }
        end_x = x_map.transform(*end.makespan_us);
        to_right = *end.makespan_us >= result_->makespan_us;
      } else {
        label.text =
            QStringLiteral("%1: not run (%2)")
                .arg(percent_text(result_->delta, minus), QString::fromStdString(end.error));
      }
      // Wider than the canvas (a long reason on a narrow figure): cut, with an ellipsis.
      label.text = metrics.elidedText(label.text, Qt::ElideRight,
                                      std::max(0.0, canvas_rect.width() - 2 * kGap));
      const double width = metrics.horizontalAdvance(label.text);
      const auto at = [&](double left) {
        return QRectF(left, std::min(y0, y1), width, std::fabs(y1 - y0));
      };
      const auto fits = [&](const QRectF& r) {
        return r.left() >= canvas_rect.left() && r.right() <= canvas_rect.right();
      };
      const QRectF outside = at(to_right ? end_x + kGap : end_x - kGap - width);
      const QRectF across = at(to_right ? base_x - kGap - width : base_x + kGap);
      const QRectF inside = at(to_right ? end_x - kGap - width : end_x + kGap);
      if (fits(outside)) {
        label.rect = outside;
      } else if (fits(across)) {
        label.rect = across;
      } else if (std::fabs(end_x - base_x) >= width + 2 * kGap) {
        label.rect = inside;
        label.inside_bar = true;
      } else {
        // Nowhere whole: kept inside the canvas.
        label.rect =
            at(std::max(canvas_rect.left(), std::min(outside.left(), canvas_rect.right() - width)));
        label.on_plate = true;
      }
      out.push_back(label);
    }
  }
  return out;
}

QString TornadoItem::legendText(bool minus, bool brief) const {
  return QStringLiteral("%1: %2x %3")
      .arg(percent_text(result_->delta, minus))
      .arg(brief ? QString() : QStringLiteral("parameter "))
      .arg(1 + (minus ? -1 : 1) * result_->delta);
}

namespace {

// The legend's entries laid out from `origin`, a line holding as many as fit `width`: the
// rectangle of each entry (swatch and text).
std::vector<QRectF> legend_entries(const QFontMetricsF& metrics, const QStringList& texts,
                                   const QPointF& origin, double width) {
  const double line = metrics.height();
  std::vector<QRectF> out;
  double x = origin.x(), y = origin.y();
  for (const QString& text : texts) {
    const double w = line + metrics.horizontalAdvance(text);
    if (x > origin.x() && x + w > origin.x() + width) {
      x = origin.x();
      y += line;
    }
    out.emplace_back(x, y, w, line);
    x += w + line;
  }
  return out;
}

}  // namespace

QStringList TornadoItem::legendTexts(const QRectF& canvas_rect) const {
  const QFontMetricsF metrics(label_font());
  const QStringList long_texts{legendText(true, false), legendText(false, false)};
  const std::vector<QRectF> entries =
      legend_entries(metrics, long_texts, QPointF(0, 0), canvas_rect.width() - 2 * kLegendInset);
  const bool one_line = entries.back().top() == entries.front().top();
  return one_line ? long_texts : QStringList{legendText(true, true), legendText(false, true)};
}

double TornadoItem::legendRowsFor(double canvas_width) const {
  if (!result_) return 0;
  const QFontMetricsF metrics(label_font());
  const QRectF canvas(0, 0, canvas_width, 1);
  const std::vector<QRectF> entries =
      legend_entries(metrics, legendTexts(canvas), QPointF(0, 0), canvas_width - 2 * kLegendInset);
  const double lines = 1 + (entries.back().top() - entries.front().top()) / metrics.height();
  return (lines * metrics.height() + 4) / minRowPitch();
}

void TornadoItem::setLegendRows(double rows) {
  legend_rows_ = rows;
  itemChanged();
}

QRectF TornadoItem::legendRect(const QwtScaleMap& y_map, const QRectF& canvas_rect) const {
  if (!result_) return {};
  const QFontMetricsF metrics(label_font());
  const QStringList texts = legendTexts(canvas_rect);
  const std::vector<QRectF> entries =
      legend_entries(metrics, texts, QPointF(canvas_rect.left() + kLegendInset, 0),
                     canvas_rect.width() - 2 * kLegendInset);
  QRectF box;
  for (const QRectF& r : entries) box = box.united(r);
  // Centred in the band above row 0, between the axis's top and the first bar.
  const double band_top = y_map.transform(-0.5 - legend_rows_);
  const double band_bottom = y_map.transform(-0.5);
  box.moveTop((band_top + band_bottom - box.height()) / 2);
  return box;
}

void TornadoItem::drawLegend(QPainter* painter, const QRectF& rect,
                             const QStringList& texts) const {
  if (rect.isEmpty()) return;
  const QFontMetricsF metrics(label_font());
  const double line = metrics.height();
  const std::vector<QRectF> entries =
      legend_entries(metrics, texts, rect.topLeft(), std::max(rect.width(), 1.0));
  for (int k = 0; k < texts.size(); ++k) {
    const QRectF& r = entries[static_cast<std::size_t>(k)];
    painter->setPen(Qt::NoPen);
    painter->setBrush(k == 0 ? minusColor() : plusColor());
    painter->drawRect(QRectF(r.left(), r.top() + 0.2 * line, 0.7 * line, 0.6 * line));
    painter->setPen(QColor(0x30, 0x30, 0x30));
    QwtPainter::drawText(painter, QPointF(r.left() + line, r.top() + metrics.ascent()), texts[k]);
  }
}

}  // namespace amla::ui
