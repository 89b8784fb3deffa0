#include "ui/numerics/numerics_page.h"

#include <algorithm>

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "core/numerics/accuracy_standards.h"
#include "ui/common/adaptive_splitter.h"
#include "ui/common/export_dialog.h"
#include "ui/numerics/bit_view.h"
#include "ui/numerics/heatmap_panel.h"
#include "ui/numerics/heatmap_plot.h"
#include "ui/numerics/metrics_view.h"
#include "ui/numerics/pasa_grid_panel.h"
#include "ui/numerics/pasa_state_model.h"
#include "ui/numerics/run_controls.h"
#include "ui/numerics/state_table_model.h"
#include "ui/numerics/step_through_panel.h"

namespace amla::ui {

namespace {

QGroupBox* titled(const QString& title, QWidget* content, QWidget* parent) {
  auto* box = new QGroupBox(title, parent);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(content);
  return box;
}

}  // namespace

NumericsPage::NumericsPage(QWidget* parent) : QWidget(parent) {
  worker_ = new NumericsWorker(this);
  controls_ = new RunControls(this);
  bit_view_ = new BitView(this);
  heatmaps_ = new HeatmapPanel(this);
  metrics_ = new MetricsView(this);

  auto* controls_scroll = new QScrollArea(this);
  controls_scroll->setWidget(controls_);
  controls_scroll->setWidgetResizable(true);
  controls_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  controls_scroll->setMinimumWidth(300);

  auto* bit_scroll = new QScrollArea(this);
  bit_scroll->setWidget(bit_view_);
  bit_scroll->setWidgetResizable(true);
  bit_scroll->setFrameShape(QFrame::NoFrame);
  // All 32 bit cells in view: on a small screen the page scrolls, not the bit row.
  bit_scroll->setMinimumSize(bit_view_->minimumSizeHint());

  // Side by side on a wide screen; stacked on a narrow one, so the bit view keeps its 32 cells.
  auto* top = new AdaptiveSplitter(this);
  // The run's heatmaps, and PASA's (mean, Am) grid beside them.
  pasa_grid_ = new PasaGridPanel(this);
  auto* views = new QTabWidget(this);
  views->setObjectName(QStringLiteral("numericsViews"));
  views->addTab(heatmaps_, tr("Heatmaps"));
  views->addTab(pasa_grid_, tr("PASA grid"));
  top->addWidget(views);
  top->addWidget(titled(tr("Bit view: F * 2^n as an INT32 add"), bit_scroll, this));
  top->setStretchFactor(0, 1);
  top->setStretchFactor(1, 0);
  top->setSizes({680, 620});

  // The accuracy tables and the step-through of one row share the wide lower left.
  step_through_ = new StepThroughPanel(this);
  auto* step_scroll = new QScrollArea(this);
  step_scroll->setWidget(step_through_);
  step_scroll->setWidgetResizable(true);
  step_scroll->setFrameShape(QFrame::NoFrame);
  lower_tabs_ = new QTabWidget(this);
  lower_tabs_->setObjectName(QStringLiteral("numericsLowerTabs"));
  lower_tabs_->addTab(metrics_, tr("Accuracy"));
  lower_tabs_->addTab(step_scroll, tr("Step-through"));
  lower_tabs_->setTabToolTip(1, tr("One row, KV block by KV block: its state, the integer add on "
                                   "one element bit by bit, and its error"));
  auto* bottom = new QSplitter(Qt::Horizontal, this);
  // Room for the run summary under the accuracy table when a narrow column wraps it.
  metrics_->setMinimumHeight(metrics_->minimumSizeHint().height() +
                             4 * metrics_->fontMetrics().lineSpacing());
  bottom->addWidget(lower_tabs_);
  bottom->addWidget(titled(tr("State per KV block"), buildStatePanel(), this));
  bottom->setStretchFactor(0, 1);
  bottom->setStretchFactor(1, 0);
  bottom->setSizes({1000, 320});  // the accuracy table has a column per variant

  auto* right = new QSplitter(Qt::Vertical, this);
  right->addWidget(top);
  right->addWidget(bottom);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 2);
  right->setSizes({520, 420});

  auto* outer = new QSplitter(Qt::Horizontal, this);
  outer->addWidget(controls_scroll);
  outer->addWidget(right);
  outer->setStretchFactor(0, 0);
  outer->setStretchFactor(1, 1);
  outer->setSizes({controls_scroll->minimumWidth(), 1300});

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(outer);

  connect(controls_, &RunControls::runRequested, this, &NumericsPage::startRun);
  connect(controls_, &RunControls::requestChanged, pasa_grid_, &PasaGridPanel::setRequest);
  pasa_grid_->setRequest(controls_->request());
  connect(controls_, &RunControls::cancelRequested, this, &NumericsPage::cancelRun);
  connect(controls_, &RunControls::mantissaMeanChanged, heatmaps_, &HeatmapPanel::setMantissaMean);
  connect(worker_, &NumericsWorker::progressChanged, controls_, &RunControls::setProgress);
  connect(worker_, &NumericsWorker::finished, this, [this] { onRunFinished(worker_->run()); });
  connect(worker_, &NumericsWorker::failed, this, &NumericsPage::onRunFailed);
  connect(worker_, &NumericsWorker::cancelled, this, &NumericsPage::onRunCancelled);
  connect(heatmaps_, &HeatmapPanel::probeSelected, bit_view_, &BitView::setProbeFrom);
  connect(heatmaps_, &HeatmapPanel::rowSelected, this, &NumericsPage::showStateRow);
  connect(heatmaps_, &HeatmapPanel::blockAddSelected, this,
          [this](int row, int block, int column, const QString& context) {
            lower_tabs_->setCurrentIndex(1);
            step_through_->load(row, block, column, context);
          });
  connect(step_through_, &StepThroughPanel::probeSelected, bit_view_, &BitView::setProbeFrom);
  connect(step_through_, &StepThroughPanel::blockShown, this, &NumericsPage::showStateRow);
  connect(state_row_spin_, qOverload<int>(&QSpinBox::valueChanged), step_through_,
          &StepThroughPanel::setRow);
  // Selecting a block in the state table steps the step-through there.
  connect(state_table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (current.isValid()) step_through_->setBlock(current.row());
          });
  connect(heatmaps_, &HeatmapPanel::exportRequested, this,
          [this](QwtPlot* plot) { open_export_dialog(plot, this); });
}

QWidget* NumericsPage::buildStatePanel() {
  auto* panel = new QWidget(this);
  state_model_ = new StateTableModel(this);
  state_row_spin_ = new QSpinBox(panel);
  state_row_spin_->setObjectName(QStringLiteral("stateRowSpin"));
  state_row_spin_->setRange(0, 0);
  state_row_spin_->setToolTip(tr("Attention row (head x query token) whose AMLA state is shown"));
  connect(state_row_spin_, qOverload<int>(&QSpinBox::valueChanged), state_model_,
          &StateTableModel::setRow);

  state_table_ = new QTableView(panel);
  state_table_->setObjectName(QStringLiteral("stateTable"));
  state_table_->setModel(state_model_);
  state_table_->setAlternatingRowColors(true);
  state_table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  state_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  state_table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

  pasa_state_model_ = new PasaStateModel(this);
  connect(state_row_spin_, qOverload<int>(&QSpinBox::valueChanged), pasa_state_model_,
          &PasaStateModel::setRow);
  pasa_state_table_ = new QTableView(panel);
  pasa_state_table_->setObjectName(QStringLiteral("pasaStateTable"));
  pasa_state_table_->setModel(pasa_state_model_);
  pasa_state_table_->setAlternatingRowColors(true);
  pasa_state_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  pasa_state_table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  pasa_state_table_->setToolTip(tr("Rows in red: a new inf/NaN appeared in that KV block"));
  state_tabs_ = new QTabWidget(panel);
  state_tabs_->setObjectName(QStringLiteral("stateTabs"));
  state_tabs_->addTab(state_table_, tr("AMLA"));
  state_tabs_->addTab(pasa_state_table_, tr("PASA"));

  auto* row_line = new QHBoxLayout;
  row_line->addWidget(new QLabel(tr("row"), panel));
  row_line->addWidget(state_row_spin_);
  row_line->addStretch(1);
  auto* layout = new QVBoxLayout(panel);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(row_line);
  layout->addWidget(state_tabs_, 1);
  return panel;
}

QwtPlot* NumericsPage::currentPlot() const { return heatmaps_->currentPlot(); }

bool NumericsPage::isRunning() const { return worker_->isRunning(); }

void NumericsPage::startRun() {
  const auto request = controls_->request();
  if (!request || worker_->isRunning()) return;
  worker_->start(*request);
  controls_->setRunning(true);
  controls_->setStatus(
      tr("Running %1 rows x %2 tokens...").arg(request->spec.rows).arg(request->spec.kv_len),
      false);
}

void NumericsPage::cancelRun() {
  if (!worker_->isRunning()) return;
  worker_->cancel();
  controls_->setStatus(tr("Cancelling..."), false);
}

void NumericsPage::onRunFinished(RunPtr run) {
  run_ = std::move(run);
  controls_->setRunning(false);
  metrics_->setRun(*run_);
  state_model_->setRun(run_);
  state_row_spin_->setRange(0, std::max(run_->rows - 1, 0));
  state_table_->resizeColumnsToContents();
  // AMLA's state (m, n, dn, c) stays in view however narrow the page.
  int state_width = state_table_->verticalHeader()->sizeHint().width() +
                    2 * state_table_->frameWidth() +
                    state_table_->verticalScrollBar()->sizeHint().width();
  for (int column = 0; column < std::min(4, state_model_->columnCount()); ++column) {
    state_width += state_table_->columnWidth(column);
  }
  state_table_->setMinimumWidth(state_width);
  pasa_state_model_->setRun(run_);
  const bool has_pasa = run_->has(amla::NumericsVariant::kPasa);
  state_tabs_->setTabEnabled(1, has_pasa);
  state_tabs_->setTabToolTip(1, has_pasa ? tr("PASA's shift and recovery terms per KV block")
                                         : tr("Choose the PASA variant to see its terms"));
  if (has_pasa) state_tabs_->setCurrentIndex(1);
  heatmaps_->setRun(run_);
  heatmaps_->setMantissaMean(run_->switches.mantissa_mean);
  step_through_->setRun(run_, worker_->inputs());
  // Each criterion with its own verdict (the table below has the figures).
  QStringList verdicts;
  for (amla::NumericsVariant v : run_->variants) {
    const amla::VariantInfo& info = amla::variant_info(v);
    const amla::VariantResult& r = run_->result(v);
    QString text = QStringLiteral("%1: %2").arg(
        QString::fromLatin1(info.label),
        QString::fromStdString(amla::criteria_verdicts(
            amla::evaluate_criteria(r.metrics, run_->baseline.metrics, info.output))));
    if (r.overflow.total() > 0) text += tr(" (%1 overflows)").arg(r.overflow.total());
    verdicts << text;
  }
  controls_->setStatus(tr("Done in %1 s. %2.")
                           .arg(run_->seconds, 0, 'f', 2)
                           .arg(verdicts.join(QStringLiteral("; "))),
                       false);
  emit runCompleted(true);
}

void NumericsPage::onRunFailed(const QString& field, const QString& message) {
  controls_->setRunning(false);
  controls_->setProgress(0);
  controls_->setStatus(tr("Run failed."), true);
  controls_->showRunError(field, message);
  emit runCompleted(false);
}

void NumericsPage::onRunCancelled() {
  controls_->setRunning(false);
  controls_->setProgress(0);
  controls_->setStatus(tr("Cancelled; the previous results stay on screen."), false);
  emit runCompleted(false);
}

void NumericsPage::showStateRow(int row, int block) {
  state_row_spin_->setValue(row);
  if (block >= 0 && block < state_model_->rowCount()) {
    state_table_->selectRow(block);
    state_table_->scrollTo(state_model_->index(block, 0));
  }
}

}  // namespace amla::ui
