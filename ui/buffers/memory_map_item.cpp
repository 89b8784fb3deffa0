#include "ui/buffers/memory_map_item.h"

#include <qwt_graphic.h>
#include <qwt_legend_data.h>
#include <qwt_painter.h>
#include <qwt_scale_map.h>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/buffers/op_kind_palette.h"
#include "ui/buffers/plot_style.h"

namespace amla::ui {

MemoryMapItem::MemoryMapItem()
    : QwtPlotItem(QwtText(QStringLiteral("memory map"))),
      index_(std::make_shared<MemoryMapIndex>()) {
  setItemAttribute(QwtPlotItem::Legend, true);
  setItemAttribute(QwtPlotItem::AutoScale, false);
  setLegendIconSize(QSize(14, 10));
  setZ(10);
}

void MemoryMapItem::setTrack(const amla::SimulationRun* run, int track, const TimeUnit& time) {
  run_ = run;
  time_ = time;
  if (run == nullptr || track < 0 || track >= static_cast<int>(run->trace.buffers.size())) {
    run_ = nullptr;
    index_ = std::make_shared<MemoryMapIndex>();
    bytes_ = ByteUnit{};
  } else {
    index_ = std::make_shared<MemoryMapIndex>(build_memory_map_index(run->trace, track));
    bytes_ = byte_unit_for(run->trace.buffers[static_cast<std::size_t>(track)].capacity);
  }
  legendChanged();
  itemChanged();
}

std::vector<MemoryMapBar> MemoryMapItem::bars(const QwtScaleMap& x_map) const {
  if (run_ == nullptr) return {};
  const double pixels = std::fabs(x_map.p2() - x_map.p1());
  const double t0 = time_.toCycles(std::min(x_map.s1(), x_map.s2()));
  const double t1 = time_.toCycles(std::max(x_map.s1(), x_map.s2()));
  if (pixels < 1) return {};
  return layout_memory_map(run_->trace, *index_, t0, t1, (t1 - t0) / pixels);
}

QRectF MemoryMapItem::barRect(const MemoryMapBar& bar, const QwtScaleMap& x_map,
                              const QwtScaleMap& y_map) const {
  const MemoryMapRow& row = index_->rows[static_cast<std::size_t>(bar.row)];
  double x0 = x_map.transform(time_.fromCycles(bar.start));
  double x1 = x_map.transform(time_.fromCycles(bar.end));
  // Never thinner than a pixel: a folded or instantaneous tensor stays visible.
  if (x1 - x0 < 1) x1 = x0 + 1;
  const double y0 = y_map.transform(row.offset / bytes_.bytes_per_unit);
  const double y1 = y_map.transform((row.offset + row.size) / bytes_.bytes_per_unit);
  QRectF rect(QPointF(x0, std::min(y0, y1)), QPointF(x1, std::max(y0, y1)));
  // A gap between neighbouring slots, when there is room for one.
  if (rect.height() > 6) rect.adjust(0, 1, 0, -1);
  return rect;
}

void MemoryMapItem::draw(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
                         const QRectF& canvas_rect) const {
  if (run_ == nullptr) return;
  const std::vector<MemoryMapBar> all = bars(x_map);
  const QFont font = plot_font(7);
  // Plot coordinates are the screen's pixels also when exporting (Qwt's renderer scales the
  // painter to the device): measure at the screen's resolution and draw through QwtPainter,
  // which keeps the text at that size on any device.
  const QFontMetricsF metrics(font);
  painter->save();
  painter->setFont(font);
  painter->setRenderHint(QPainter::Antialiasing, false);
  for (const MemoryMapBar& bar : all) {
    const QRectF rect = barRect(bar, x_map, y_map).intersected(canvas_rect);
    if (rect.isEmpty()) continue;
    const QColor colour = op_kind_color(bar.kind);
    painter->fillRect(rect, colour);
    if (rect.width() < 4) continue;
    painter->setPen(colour.darker(150));
    painter->drawRect(rect.adjusted(0, 0, -1, -1));
    // Label the tensor when the bar has room for the text.
    const amla::SlotInterval& s =
        run_->trace.slot_intervals[static_cast<std::size_t>(bar.interval)];
    const QString text =
        bar.count > 1 ? QStringLiteral("%1 x%2").arg(amla::op_kind_name(bar.kind)).arg(bar.count)
                      : QStringLiteral("%1 t%2").arg(amla::op_kind_name(s.producer)).arg(s.task);
    if (metrics.horizontalAdvance(text) + 6 <= rect.width() &&
        metrics.height() + 2 <= rect.height()) {
      painter->setPen(colour.lightness() > 150 ? Qt::black : Qt::white);
      QwtPainter::drawText(painter, rect.adjusted(3, 0, -3, 0), Qt::AlignLeft | Qt::AlignVCenter,
                           text);
    }
  }
  painter->restore();
}

QRectF MemoryMapItem::boundingRect() const {
  if (run_ == nullptr || index_->track < 0) return QwtPlotItem::boundingRect();
  const amla::BufferTrack& t = run_->trace.buffers[static_cast<std::size_t>(index_->track)];
  const double end = t.time.empty() ? 0 : time_.fromCycles(static_cast<double>(t.time.back()));
  return QRectF(0, 0, end, t.capacity / bytes_.bytes_per_unit);
}

std::vector<amla::OpKind> MemoryMapItem::legendKinds() const {
  std::vector<amla::OpKind> kinds;
  for (int k = 0; k < amla::kOpKindCount; ++k) {
    if (index_->intervals_per_kind[static_cast<std::size_t>(k)] > 0) {
      kinds.push_back(static_cast<amla::OpKind>(k));
    }
  }
  return kinds;
}

QList<QwtLegendData> MemoryMapItem::legendData() const {
  QList<QwtLegendData> entries;
  for (amla::OpKind kind : legendKinds()) {
    QwtLegendData data;
    const auto count = index_->intervals_per_kind[static_cast<std::size_t>(kind)];
    QwtText title(QStringLiteral("%1 (%2)").arg(amla::op_kind_name(kind)).arg(count));
    title.setFont(plot_font(8));
    data.setValue(QwtLegendData::TitleRole, QVariant::fromValue(title));
    data.setValue(QwtLegendData::IconRole,
                  QVariant::fromValue(legendIcon(entries.size(), legendIconSize())));
    entries.append(data);
  }
  return entries;
}

QwtGraphic MemoryMapItem::legendIcon(int index, const QSizeF& size) const {
  const std::vector<amla::OpKind> kinds = legendKinds();
  QwtGraphic icon;
  if (index < 0 || index >= static_cast<int>(kinds.size()) || size.isEmpty()) return icon;
  icon.setDefaultSize(size);
  icon.setRenderHint(QwtGraphic::RenderPensUnscaled, true);
  QPainter painter(&icon);
  const QColor colour = op_kind_color(kinds[static_cast<std::size_t>(index)]);
  painter.fillRect(QRectF(QPointF(0, 0), size), colour);
  painter.setPen(colour.darker(150));
  painter.drawRect(QRectF(QPointF(0, 0), size).adjusted(0, 0, -1, -1));
  return icon;
}

}  // namespace amla::ui
