#include "ui/buffers/occupancy_item.h"

#include <qwt_painter.h>
#include <qwt_scale_map.h>
#include <QFontMetricsF>
#include <QPainter>
#include <QPolygonF>
#include <algorithm>
#include <cmath>

#include "ui/buffers/plot_style.h"

namespace amla::ui {

namespace {

QPointF to_canvas(const QPointF& p, const QwtScaleMap& x, const QwtScaleMap& y) {
  return {x.transform(p.x()), y.transform(p.y())};
}

// Points of a series in canvas coordinates, in order.
QPolygonF polyline(const QwtSeriesData<QPointF>& series, const QwtScaleMap& x,
                   const QwtScaleMap& y) {
  QPolygonF line;
  line.reserve(static_cast<int>(series.size()));
  for (size_t i = 0; i < series.size(); ++i) line << to_canvas(series.sample(i), x, y);
  return line;
}

// Closes a line down to y = 0 so it can be filled as an area.
QPolygonF area_under(QPolygonF line, const QwtScaleMap& y) {
  if (line.isEmpty()) return line;
  const double base = y.transform(0);
  line << QPointF(line.last().x(), base) << QPointF(line.first().x(), base);
  return line;
}

}  // namespace

OccupancyItem::OccupancyItem(std::shared_ptr<OccupancyCache> cache)
    : QwtPlotItem(QwtText(QStringLiteral("occupancy"))),
      cache_(std::move(cache)),
      steps_(cache_),
      band_(cache_),
      floor_(cache_, BucketLineSeries::Statistic::kMin),
      mean_(cache_, BucketLineSeries::Statistic::kMean) {
  setItemAttribute(QwtPlotItem::AutoScale, false);
  setRenderHint(QwtPlotItem::RenderAntialiased, true);
  setZ(5);
}

void OccupancyItem::draw(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
                         const QRectF& canvas_rect) const {
  if (cache_->track() == nullptr) return;
  const int pixels = std::max(1, static_cast<int>(std::lround(std::fabs(x_map.p2() - x_map.p1()))));
  const TimeUnit& unit = cache_->timeUnit();
  cache_->update(unit.toCycles(std::min(x_map.s1(), x_map.s2())),
                 unit.toCycles(std::max(x_map.s1(), x_map.s2())), pixels);

  QColor light = color_;
  light.setAlpha(70);
  QColor medium = color_;
  medium.setAlpha(125);
  const QPen line_pen(color_.darker(130), 1.2);

  painter->save();
  if (cache_->detailed()) {
    // Horizontal at each value until the next step, then vertical: the value from time[i]
    // until time[i+1], as BufferTrack defines it.
    QPolygonF line;
    line.reserve(2 * static_cast<int>(steps_.size()));
    for (size_t i = 0; i < steps_.size(); ++i) {
      const QPointF p = to_canvas(steps_.sample(i), x_map, y_map);
      if (!line.isEmpty()) line << QPointF(p.x(), line.last().y());
      line << p;
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(medium);
    painter->drawPolygon(area_under(line, y_map));
    painter->setPen(line_pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPolyline(line);
  } else {
    // Always-held floor, then the min..max band of each pixel, then the time-weighted mean.
    painter->setPen(Qt::NoPen);
    painter->setBrush(light);
    painter->drawPolygon(area_under(polyline(floor_, x_map, y_map), y_map));
    QPolygonF band;
    band.reserve(2 * static_cast<int>(band_.size()));
    for (size_t i = 0; i < band_.size(); ++i) {
      const QwtIntervalSample s = band_.sample(i);
      band << to_canvas({s.value, s.interval.maxValue()}, x_map, y_map);
    }
    for (size_t i = band_.size(); i-- > 0;) {
      const QwtIntervalSample s = band_.sample(i);
      band << to_canvas({s.value, s.interval.minValue()}, x_map, y_map);
    }
    painter->setBrush(medium);
    painter->drawPolygon(band);
    painter->setPen(line_pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPolyline(polyline(mean_, x_map, y_map));
    if (key_shown_) {
      const QFont font = plot_font(7);
      painter->setFont(font);
      painter->setPen(QColor(0x55, 0x55, 0x55));
      const QString key = QStringLiteral(
          "per pixel: light = held throughout, band = min to max, line = time-weighted mean");
      // Measured at the screen's resolution, the plot's coordinates also when exporting;
      // QwtPainter draws it at that size on any device.
      const QRectF box = QFontMetricsF(font).boundingRect(canvas_rect.adjusted(0, 2, 0, 0),
                                                          Qt::AlignHCenter | Qt::AlignTop, key);
      painter->fillRect(box.adjusted(-4, 0, 4, 0), QColor(255, 255, 255, 210));
      QwtPainter::drawText(painter, box, Qt::AlignCenter, key);
    }
  }
  painter->restore();
}

}  // namespace amla::ui
