#include "ui/buffers/memory_map_plot.h"

#include <qwt_legend.h>
#include <qwt_plot_grid.h>
#include <qwt_scale_map.h>
#include <QHelpEvent>
#include <QToolTip>

#include "ui/buffers/plot_style.h"

namespace amla::ui {

MemoryMapPlot::MemoryMapPlot(QWidget* parent) : QwtPlot(parent), item_(new MemoryMapItem()) {
  style_strip_plot(this);
  setAxisMaxMajor(QwtPlot::yLeft, 4);
  auto* grid = new QwtPlotGrid();
  grid->setMajorPen(QColor(0xe4, 0xe4, 0xe4), 0, Qt::DotLine);
  grid->enableY(false);
  grid->attach(this);
  item_->attach(this);

  auto* legend = new QwtLegend();
  legend->setMaxColumns(0);  // as many as fit: one or two lines under the plot
  insertLegend(legend, QwtPlot::BottomLegend);
  canvas()->setMouseTracking(true);
  canvas()->installEventFilter(this);
  setMinimumHeight(160);
}

void MemoryMapPlot::setTrack(const amla::SimulationRun* run, int track, const TimeUnit& time) {
  item_->setTrack(run, track, time);
  setAxisTitle(QwtPlot::xBottom, axis_title(QStringLiteral("time (%1)").arg(time.name)));
  if (item_->run() == nullptr) {
    setTitle(QwtText());
    replot();
    return;
  }
  const amla::BufferTrack& t = run->trace.buffers[static_cast<std::size_t>(track)];
  QwtText title(QStringLiteral("Memory map: %1 of core %2 (%3 slots, %4 tensors)")
                    .arg(QString::fromStdString(t.name))
                    .arg(t.core)
                    .arg(item_->index().rows.size())
                    .arg(item_->index().interval_count));
  title.setFont(plot_font(9, true));
  title.setRenderFlags(Qt::AlignCenter | Qt::TextWordWrap);  // wraps in a narrow figure
  setTitle(title);
  setAxisTitle(QwtPlot::yLeft,
               axis_title(QStringLiteral("offset (%1)").arg(item_->byteUnit().name)));
  // Offset 0 at the top, as memory maps are read.
  setAxisScale(QwtPlot::yLeft, t.capacity / item_->byteUnit().bytes_per_unit, 0);
  replot();
}

void MemoryMapPlot::setTimeRange(double x0, double x1) {
  setAxisScale(QwtPlot::xBottom, x0, x1);
  replot();
}

std::vector<MemoryMapBar> MemoryMapPlot::visibleBars() const {
  return item_->bars(canvasMap(QwtPlot::xBottom));
}

QString MemoryMapPlot::describeAt(const QPoint& canvas_pos) const {
  const QwtScaleMap x = canvasMap(QwtPlot::xBottom);
  const QwtScaleMap y = canvasMap(QwtPlot::yLeft);
  const QPointF p(canvas_pos);
  // The bar under the point, else the nearest in its row within two pixels.
  const MemoryMapBar* best = nullptr;
  double best_distance = 2.5;
  const std::vector<MemoryMapBar> all = item_->bars(x);
  for (const MemoryMapBar& bar : all) {
    const QRectF r = item_->barRect(bar, x, y);
    if (p.y() < r.top() || p.y() > r.bottom()) continue;
    const double d =
        p.x() < r.left() ? r.left() - p.x() : (p.x() > r.right() ? p.x() - r.right() : 0);
    if (d < best_distance) {
      best_distance = d;
      best = &bar;
    }
  }
  return best ? describeBar(*best) : QString();
}

QString MemoryMapPlot::describeBar(const MemoryMapBar& bar) const {
  const amla::SimulationRun& run = *item_->run();
  const amla::SlotInterval& s = run.trace.slot_intervals[static_cast<std::size_t>(bar.interval)];
  const TimeUnit us = time_unit(run.trace.clock_ghz, true);
  auto span = [&](double a, double b) {
    return QStringLiteral("%1 - %2 µs (cycles %3 - %4)")
        .arg(us.fromCycles(a), 0, 'f', 3)
        .arg(us.fromCycles(b), 0, 'f', 3)
        .arg(static_cast<qint64>(a))
        .arg(static_cast<qint64>(b));
  };
  QString task = QStringLiteral("task %1").arg(s.task);
  if (s.task >= 0 && s.task < static_cast<int>(run.plan.tasks.size())) {
    const amla::Task& t = run.plan.tasks[static_cast<std::size_t>(s.task)];
    const amla::Job& job = run.plan.jobs[static_cast<std::size_t>(t.job)];
    task += QStringLiteral(" (batch %1, rows %2-%3, KV block %4)")
                .arg(job.batch)
                .arg(job.row0)
                .arg(job.row0 + job.rows - 1)
                .arg(t.kv_block);
  }
  QString text = QStringLiteral("%1 tensor, %2\nslot %3 at offset %4, %5\n%6")
                     .arg(amla::op_kind_name(s.producer), task)
                     .arg(s.slot)
                     .arg(format_bytes(static_cast<double>(run.trace.place_of(s).offset)),
                          format_bytes(static_cast<double>(run.trace.place_of(s).size)),
                          span(static_cast<double>(s.start), static_cast<double>(s.end)));
  if (bar.count > 1) {
    text = QStringLiteral(
               "%1 tensors folded into this bar (zoom in to separate them),\n"
               "mostly %2, %3\nlongest: %4")
               .arg(bar.count)
               .arg(amla::op_kind_name(bar.kind), span(bar.start, bar.end), text);
  }
  return text;
}

bool MemoryMapPlot::eventFilter(QObject* watched, QEvent* event) {
  if (watched == canvas() && event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QString text = describeAt(help->pos());
    if (text.isEmpty()) {
      QToolTip::hideText();
    } else {
      QToolTip::showText(help->globalPos(), text, canvas());
    }
    return true;
  }
  return QwtPlot::eventFilter(watched, event);
}

}  // namespace amla::ui
