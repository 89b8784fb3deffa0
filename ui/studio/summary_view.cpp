#include "ui/studio/summary_view.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/run/explain.h"
#include "core/run/metric_catalogue.h"
#include "ui/common/adaptive_splitter.h"
#include "ui/common/no_trace_notice.h"
#include "ui/common/screen_units.h"
#include "ui/help/explanation_popup.h"
#include "ui/sensitivity/sensitivity_panel.h"
#include "ui/sensitivity/tornado_plot.h"
#include "ui/studio/roofline_plot.h"
#include "ui/studio/share_bar_delegate.h"

namespace amla::ui {

namespace {

QTableWidgetItem* cell(const QString& text, bool right = false) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  if (right) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

}  // namespace

SummaryView::SummaryView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  headline_ = new QLabel(tr("No run yet."), this);
  headline_->setWordWrap(true);
  QFont big = headline_->font();
  big.setPointSizeF(big.pointSizeF() * 1.2);
  headline_->setFont(big);
  layout->addWidget(headline_);
  // The tables beside the plots on a wide screen, above them on a narrow one.
  auto* split = new AdaptiveSplitter(this);
  auto* tables = new QWidget(split);
  auto* tables_layout = new QVBoxLayout(tables);
  tables_layout->setContentsMargins(0, 0, 0, 0);
  metrics_ = new QTableWidget(0, 2, tables);
  metrics_->setHorizontalHeaderLabels({tr("metric"), tr("value")});
  metrics_->horizontalHeader()->setStretchLastSection(true);
  metrics_->verticalHeader()->hide();
  // A catalogue metric's cell (its key in Qt::UserRole): hover gives its one-line description,
  // a click the whole entry.
  const auto explain_cells = [this](QTableWidget* table) {
    connect(table, &QTableWidget::cellClicked, this, [table](int row, int column) {
      const QTableWidgetItem* item = table->item(row, column);
      if (item == nullptr) return;
      const MetricDef* def = find_metric(item->data(Qt::UserRole).toString().toStdString());
      if (def == nullptr) return;
      const QRect r = table->visualItemRect(item);
      show_explanation(table, table->viewport()->mapToGlobal(r.bottomLeft()),
                       metric_explanation_html(*def));
    });
  };
  explain_cells(metrics_);
  tables_layout->addWidget(metrics_, 3);
  pipes_ = new QTableWidget(0, 4, tables);
  pipes_->setHorizontalHeaderLabels(
      {tr("unit, pipe"), tr("busy"), tr("bubbles"), tr("idle in bubbles")});
  pipes_->horizontalHeader()->setStretchLastSection(true);
  pipes_->verticalHeader()->hide();
  explain_cells(pipes_);
  tables_layout->addWidget(pipes_, 2);
  // Why: the critical path's attribution as bars, the bound, the advice.
  auto* why = new QGroupBox(tr("Why"), tables);
  auto* why_layout = new QVBoxLayout(why);
  why_bound_ = new QLabel(why);
  why_bound_->setWordWrap(true);
  why_layout->addWidget(why_bound_);
  why_ = new QTableWidget(0, 3, why);
  why_->setHorizontalHeaderLabels({tr("critical path"), tr("\u00b5s"), tr("share")});
  why_->horizontalHeader()->setStretchLastSection(true);
  why_->verticalHeader()->hide();
  why_->setItemDelegateForColumn(2, new ShareBarDelegate(why_));
  why_->setToolTip(
      tr("The chain of ops walked back from the last to finish through whatever released each "
         "one; every cycle of the makespan goes to one category, so the shares add up to 100%."));
  why_layout->addWidget(why_, 1);
  why_advice_ = new QLabel(why);
  why_advice_->setWordWrap(true);
  why_advice_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  why_advice_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  why_layout->addWidget(why_advice_);
  tables_layout->addWidget(why, 3);
  // The roofline and, a tab away, which hardware assumption the run hangs on.
  plots_ = new QTabWidget(split);
  roofline_ = new RooflinePlot(plots_);
  sensitivity_ = new SensitivityPanel(plots_);
  plots_->addTab(roofline_, tr("Roofline"));
  plots_->addTab(sensitivity_, tr("Sensitivity"));
  split->addWidget(tables);
  split->addWidget(plots_);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  metrics_->setWordWrap(true);
  layout->addWidget(split, 1);
}

QwtPlot* SummaryView::currentPlot() const {
  if (plots_->currentWidget() == sensitivity_) return sensitivity_->plot();
  return roofline_;
}

void SummaryView::showSensitivity() { plots_->setCurrentWidget(sensitivity_); }

QString SummaryView::metricText(const QString& name) const {
  for (int r = 0; r < metrics_->rowCount(); ++r) {
    if (metrics_->item(r, 0)->text() == name) return metrics_->item(r, 1)->text();
  }
  return {};
}

QString SummaryView::whyBound() const { return why_bound_->text(); }
int SummaryView::whyRows() const { return why_->rowCount(); }
QString SummaryView::whyAdvice() const { return why_advice_->text(); }

void SummaryView::setRun(SimulationPtr run) {
  metrics_->setRowCount(0);
  pipes_->setRowCount(0);
  why_->setRowCount(0);
  why_bound_->clear();
  why_advice_->clear();
  // A profile's FLOPs are unknown: the plot says it has no point on any roof.
  roofline_->setRun(run.get());
  sensitivity_->setRun(run);
  if (!run) {
    headline_->setText(tr("No run yet."));
    return;
  }
  const SimulationMetrics& m = run->metrics;
  const Problem& p = run->config.problem;
  if (run->is_profile()) {
    // A profile carries no FLOPs and no configuration: its time and its busiest pipe only.
    headline_->setText(tr("<b>%1</b>: %2 \u00b5s on %3 cores; busiest pipe <b>%4</b> (%5% busy)")
                           .arg(QString::fromStdString(run_kind_label(*run)).toHtmlEscaped())
                           .arg(m.makespan_us, 0, 'f', 2)
                           .arg(run->trace.cores)
                           .arg(QString::fromStdString(m.bound_unit_pipe()))
                           .arg(100.0 * m.bound_busy, 0, 'f', 1));
  } else {
    headline_->setText(tr("<b>%1</b>, %2: %3 TFLOPS = <b>%4%</b> of the Cube peak; "
                          "bound: <b>%5</b> (%6 %7% busy)")
                           .arg(QString::fromStdString(run->hardware.name))
                           .arg(QString::fromStdString(run_kind_label(*run)))
                           .arg(m.tflops, 0, 'f', 1)
                           .arg(100.0 * m.flops_utilization, 0, 'f', 1)
                           .arg(QString::fromStdString(m.bound))
                           .arg(QString::fromStdString(m.bound_unit_pipe()))
                           .arg(100.0 * m.bound_busy, 0, 'f', 1));
  }
  // The problem and the plan, then every run-level metric of the catalogue, each with its
  // description as the tooltip.
  metrics_->setRowCount(0);
  const auto add_row = [this](const QString& name, const QString& value, const QString& tip) {
    const int r = metrics_->rowCount();
    metrics_->insertRow(r);
    metrics_->setItem(r, 0, cell(name));
    metrics_->setItem(r, 1, cell(value));
    metrics_->item(r, 0)->setToolTip(tip);
    metrics_->item(r, 1)->setToolTip(tip);
  };
  if (run->is_profile()) {
    add_row(tr("source"), QString::fromStdString(run->profile_source),
            tr("The profile this run was imported from: its problem and tiling are unknown"));
  } else {
    add_row(tr("problem"),
            tr("batch %1, q_tokens %2, heads %3, S_k %4")
                .arg(p.batch)
                .arg(p.q_tokens)
                .arg(p.heads)
                .arg(p.kv_lens.empty() ? QString::number(p.kv_len) : tr("per request")),
            tr("The attention the kernel computed"));
    add_row(tr("plan"),
            tr("%1 jobs, %2 tasks, %3 combines on %4 AI cores")
                .arg(run->plan.jobs.size())
                .arg(run->plan.tasks.size())
                .arg(run->plan.combines.size())
                .arg(run->plan.cores),
            tr("How the work was cut and spread over the cores"));
  }
  const MetricSource source{m, std::nullopt};
  for (const MetricDef& def : metric_catalogue()) {
    // The roofline's per-level figures are in the plot beside the table; its limit stays here.
    const bool roof_detail = def.group == MetricGroup::kRoofline && !def.is_text();
    if (def.group == MetricGroup::kPipes || roof_detail || def.needs_numerics()) continue;
    const QString value = screen_text(def.is_text() ? def.text(source)
                                                    : format_metric(def, *def.value(source), true));
    add_row(QString::fromStdString(def.label), value,
            QString::fromStdString(def.description) + tr(" Click for more."));
    for (int column = 0; column < 2; ++column) {
      metrics_->item(metrics_->rowCount() - 1, column)
          ->setData(Qt::UserRole, QString::fromStdString(def.key));
    }
  }
  metrics_->resizeColumnToContents(0);
  metrics_->resizeRowsToContents();

  // Busy, bubbles and idle time per unit and pipe: never averaged across units.
  for (const Unit unit : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
    for (int i = 0; i < kPipeCount; ++i) {
      const auto pipe = static_cast<Pipe>(i);
      if (!unit_has_pipe(unit, pipe)) continue;
      const int r = pipes_->rowCount();
      pipes_->insertRow(r);
      pipes_->setItem(r, 0,
                      cell(QStringLiteral("%1 %2").arg(QString::fromLatin1(unit_name(unit)),
                                                       QString::fromLatin1(pipe_name(pipe)))));
      const std::string prefix = pipe_busy_key(unit, pipe);
      const std::string base = prefix.substr(0, prefix.size() - std::string("busy").size());
      int column = 1;
      for (const char* aspect : {"busy", "bubbles", "idle_cycles"}) {
        const MetricDef& def = *find_metric(base + aspect);
        QTableWidgetItem* item =
            cell(screen_text(format_metric(def, *def.value(source), true)), true);
        item->setToolTip(QString::fromStdString(def.description) + tr(" Click for more."));
        item->setData(Qt::UserRole, QString::fromStdString(def.key));
        pipes_->setItem(r, column++, item);
      }
    }
  }
  pipes_->resizeColumnsToContents();
  showWhy(*run);
}

void SummaryView::showWhy(const SimulationRun& run) {
  why_->setVisible(true);
  if (run.is_profile()) {
    why_bound_->setText(tr("Busiest: <b>%1</b>, %2% busy")
                            .arg(QString::fromStdString(run.metrics.bound_unit_pipe()))
                            .arg(100.0 * run.metrics.bound_busy, 0, 'f', 1));
    why_advice_->setText(
        tr("The critical path and the advice need the kernel's tasks and hand-offs, which an "
           "imported profile does not carry: compare it with a simulated run instead."));
    return;
  }
  const RunExplanation e = explain_run(run);
  QString bound = tr("Bound: <b>%1</b>, %2% busy (the busiest unit and pipe of the table)")
                      .arg(QString::fromStdString(run.metrics.bound_unit_pipe()))
                      .arg(100.0 * run.metrics.bound_busy, 0, 'f', 1);
  // Without a trace there is no path to attribute: the advice comes from the metrics alone.
  const bool no_trace = kept_no_trace(&run);
  if (no_trace) {
    bound += QStringLiteral("<br>") +
             tr("No critical path: the run kept no trace (%1).")
                 .arg(QString::fromStdString(run.trace.trace_dropped).toHtmlEscaped());
  }
  why_bound_->setText(bound);
  why_->setVisible(!no_trace);
  // Without the table the advice takes its room, read from the top.
  if (auto* why_layout = qobject_cast<QBoxLayout*>(why_advice_->parentWidget()->layout())) {
    why_layout->setStretchFactor(why_advice_, no_trace ? 1 : 0);
  }
  for (const AttributionEntry& a : e.attribution) {
    if (a.us <= 0) continue;
    const int r = why_->rowCount();
    why_->insertRow(r);
    why_->setItem(r, 0, cell(QString::fromLatin1(path_category_label(a.category))));
    why_->setItem(r, 1, cell(QString::number(a.us, 'f', 2), true));
    QTableWidgetItem* share = cell(QStringLiteral("%1%").arg(100.0 * a.share, 0, 'f', 1));
    share->setData(ShareBarDelegate::kShareRole, a.share);
    why_->setItem(r, 2, share);
  }
  why_->resizeColumnsToContents();
  QStringList advice;
  for (const std::string& a : e.advice) advice << QString::fromStdString(a).toHtmlEscaped();
  why_advice_->setText(QStringLiteral("<ul><li>") + advice.join(QStringLiteral("</li><li>")) +
                       QStringLiteral("</li></ul>"));
}

}  // namespace amla::ui
