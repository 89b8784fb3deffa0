#include "ui/studio/summary_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/common/memory_budget.h"
#include "ui/studio/roofline_plot.h"

namespace amla::ui {

namespace {

QTableWidgetItem* cell(const QString& text, bool right = false) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  if (right) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

QString bytes(double b) { return QString::fromStdString(amla::format_bytes(b)); }

}  // namespace

SummaryView::SummaryView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  headline_ = new QLabel(tr("No run yet."), this);
  headline_->setWordWrap(true);
  QFont big = headline_->font();
  big.setPointSizeF(big.pointSizeF() * 1.2);
  headline_->setFont(big);
  layout->addWidget(headline_);
  auto* split = new QSplitter(Qt::Horizontal, this);
  auto* tables = new QWidget(split);
  auto* tables_layout = new QVBoxLayout(tables);
  tables_layout->setContentsMargins(0, 0, 0, 0);
  metrics_ = new QTableWidget(0, 2, tables);
  metrics_->setHorizontalHeaderLabels({tr("metric"), tr("value")});
  metrics_->horizontalHeader()->setStretchLastSection(true);
  metrics_->verticalHeader()->hide();
  tables_layout->addWidget(metrics_, 3);
  pipes_ = new QTableWidget(0, 4, tables);
  pipes_->setHorizontalHeaderLabels({tr("pipe"), tr("busy"), tr("bubbles"), tr("idle in bubbles")});
  pipes_->horizontalHeader()->setStretchLastSection(true);
  pipes_->verticalHeader()->hide();
  tables_layout->addWidget(pipes_, 2);
  roofline_ = new RooflinePlot(split);
  split->addWidget(tables);
  split->addWidget(roofline_);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  metrics_->setWordWrap(true);
  layout->addWidget(split, 1);
}

QwtPlot* SummaryView::currentPlot() const { return roofline_; }

QString SummaryView::metricText(const QString& name) const {
  for (int r = 0; r < metrics_->rowCount(); ++r) {
    if (metrics_->item(r, 0)->text() == name) return metrics_->item(r, 1)->text();
  }
  return {};
}

void SummaryView::setRun(SimulationPtr run) {
  metrics_->setRowCount(0);
  pipes_->setRowCount(0);
  roofline_->setRun(run.get());
  if (!run) {
    headline_->setText(tr("No run yet."));
    return;
  }
  const SimulationMetrics& m = run->metrics;
  const Problem& p = run->config.problem;
  headline_->setText(tr("<b>%1</b>, %2, preload %3: %4 TFLOPS = <b>%5%</b> of the Cube peak; "
                        "bound: <b>%6</b>")
                         .arg(QString::fromStdString(run->hardware.name))
                         .arg(QString::fromLatin1(variant_name(run->config.variant)))
                         .arg(run->config.tiling.preload)
                         .arg(m.tflops, 0, 'f', 1)
                         .arg(100.0 * m.flops_utilization, 0, 'f', 1)
                         .arg(QString::fromStdString(m.bound)));
  const QList<QPair<QString, QString>> rows = {
      {tr("problem"), tr("batch %1, q_tokens %2, heads %3, S_k %4")
                          .arg(p.batch)
                          .arg(p.q_tokens)
                          .arg(p.heads)
                          .arg(p.kv_lens.empty() ? QString::number(p.kv_len) : tr("per request"))},
      {tr("makespan"),
       tr("%1 us (%2 cycles)").arg(m.makespan_us, 0, 'f', 2).arg(m.makespan_cycles)},
      {tr("total FLOPs"), QString::number(m.total_flops, 'g', 6)},
      {tr("TFLOPS"), QString::number(m.tflops, 'f', 1)},
      {tr("Cube peak TFLOPS"), QString::number(m.peak_tflops, 'f', 1)},
      {tr("FLOPS utilisation"), QString::number(100.0 * m.flops_utilization, 'f', 1) + "%"},
      {tr("HBM traffic"), bytes(m.hbm_bytes)},
      {tr("HBM bandwidth"), tr("%1 GB/s (%2% of %3)")
                                .arg(m.hbm_gb_per_s, 0, 'f', 0)
                                .arg(100.0 * m.hbm_bandwidth_utilization, 0, 'f', 1)
                                .arg(run->hardware.hbm_total_gb_per_s(), 0, 'f', 0)},
      {tr("L2 traffic"), tr("%1 (%2% of L2 bandwidth)")
                             .arg(bytes(m.l2_bytes))
                             .arg(100.0 * m.l2_bandwidth_utilization, 0, 'f', 1)},
      {tr("bound"), QString::fromStdString(m.bound)},
      {tr("load balance"), tr("Cube busy per core %1% .. %2% (max/mean %3)")
                               .arg(100.0 * m.core_cube_busy_min, 0, 'f', 1)
                               .arg(100.0 * m.core_cube_busy_max, 0, 'f', 1)
                               .arg(m.load_imbalance, 0, 'f', 3)},
      {tr("plan"), tr("%1 jobs, %2 tasks, %3 combines on %4 AI cores")
                       .arg(run->plan.jobs.size())
                       .arg(run->plan.tasks.size())
                       .arg(run->plan.combines.size())
                       .arg(run->plan.cores)},
      {tr("ops simulated"), tr("%1 in %2 s").arg(m.events).arg(run->wall_seconds, 0, 'f', 2)},
  };
  metrics_->setRowCount(rows.size());
  for (int r = 0; r < rows.size(); ++r) {
    metrics_->setItem(r, 0, cell(rows[r].first));
    metrics_->setItem(r, 1, cell(rows[r].second));
  }
  metrics_->resizeColumnToContents(0);
  metrics_->resizeRowsToContents();
  pipes_->setRowCount(kPipeCount);
  for (int i = 0; i < kPipeCount; ++i) {
    const PipeStats& ps = m.pipes[static_cast<std::size_t>(i)];
    pipes_->setItem(i, 0, cell(QString::fromLatin1(pipe_name(static_cast<Pipe>(i)))));
    pipes_->setItem(i, 1, cell(QString::number(100.0 * ps.busy_fraction, 'f', 1) + "%", true));
    pipes_->setItem(i, 2, cell(QString::number(ps.bubbles), true));
    pipes_->setItem(i, 3, cell(tr("%1 cycles").arg(ps.bubble_cycles, 0, 'f', 0), true));
  }
  pipes_->resizeColumnsToContents();
}

}  // namespace amla::ui
