#include "ui/sweep/sweep_page.h"

#include <algorithm>

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>
#include <map>

#include "core/common/input_error.h"
#include "core/store/result_store.h"
#include "core/sweep/knobs.h"
#include "ui/common/wrapping_label.h"
#include "ui/sweep/sweep_format.h"
#include "ui/sweep/sweep_heatmap.h"

namespace amla::ui {

namespace {

const char* kErrorStyle = "color: #c62828;";

// Values worth trying first for the knobs people sweep most; other knobs start at their value in
// the studio's configuration.
const std::map<std::string, QString>& default_values() {
  static const std::map<std::string, QString> values = {
      {"rows-per-task", QStringLiteral("64,128,256")},
      {"kv-block", QStringLiteral("256,512,1024")},
      {"preload", QStringLiteral("0,1,2")},
      {"q-tokens", QStringLiteral("1,2,4")},
      {"variant", QStringLiteral("amla,baseline")},
      {"kv-split", QStringLiteral("none,auto,balanced")},
      {"batch", QStringLiteral("16,32,64,128")},
      {"kv-len", QStringLiteral("1024,4096,16384")},
      {"qp-buffers", QStringLiteral("2,3,4")},
      {"kv-buffers", QStringLiteral("2,3,4")},
      {"gm-slots", QStringLiteral("1,2,3")},
      {"m-tile", QStringLiteral("64,128")},
  };
  return values;
}

QLabel* error_label(QWidget* parent, const QString& name) {
  auto* label = new QLabel(parent);
  label->setObjectName(name);
  label->setStyleSheet(QString::fromLatin1(kErrorStyle));
  label->setWordWrap(true);
  label->hide();
  return label;
}

void show_error(QLabel* label, const QString& text) {
  label->setText(text);
  label->setVisible(!text.isEmpty());
}

}  // namespace

SweepPage::SweepPage(QWidget* parent)
    : QWidget(parent),
      worker_(new SweepWorker(this)),
      live_timer_(new QTimer(this)),
      live_clock_(std::make_unique<QElapsedTimer>()) {
  auto* layout = new QHBoxLayout(this);
  auto* controls = new QGroupBox(tr("Sweep"), this);
  controls->setMaximumWidth(360);
  // Word-wrapped labels (errors, status) sit in the box layout: a form row would keep them to
  // one line.
  auto* column = new QVBoxLayout(controls);

  first_ = addParameterFields(1, false, QStringLiteral("rows-per-task"),
                              default_values().at("rows-per-task"));
  second_ =
      addParameterFields(2, true, QStringLiteral("kv-block"), default_values().at("kv-block"));
  for (const ParameterFields* f : {&first_, &second_}) {
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(f == &first_ ? tr("Parameter 1") : tr("Parameter 2"), f->knob);
    form->addRow(tr("values"), f->values);
    column->addLayout(form);
    column->addWidget(f->error);
  }

  auto* settings = new QFormLayout;
  settings->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  metric_ = new QComboBox(controls);
  metric_->setObjectName(QStringLiteral("metricCombo"));
  for (const amla::MetricDef* m : amla::sweep_metrics()) {
    metric_->addItem(sweep_metric_label(m->key), QString::fromStdString(m->key));
    metric_->setItemData(metric_->count() - 1, QString::fromStdString(m->description),
                         Qt::ToolTipRole);
  }
  metric_->setCurrentIndex(metric_->findData(QString::fromStdString(amla::SweepOptions{}.metric)));
  metric_->setToolTip(
      tr("AMLA max error runs the numerics emulation of each cell's "
         "(rows per task, KV block) decomposition as well"));
  settings->addRow(tr("Metric"), metric_);

  jobs_ = new QSpinBox(controls);
  jobs_->setObjectName(QStringLiteral("jobsSpin"));
  jobs_->setRange(1, std::max(256, QThread::idealThreadCount()));
  jobs_->setValue(std::max(1, QThread::idealThreadCount()));
  jobs_->setToolTip(tr("cells simulated at the same time"));
  settings->addRow(tr("Jobs"), jobs_);
  column->addLayout(settings);

  run_ = new QPushButton(tr("Run"), controls);
  run_->setObjectName(QStringLiteral("runButton"));
  cancel_ = new QPushButton(tr("Cancel"), controls);
  cancel_->setObjectName(QStringLiteral("cancelButton"));
  cancel_->setEnabled(false);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(run_);
  buttons->addWidget(cancel_);
  column->addLayout(buttons);

  progress_ = new QProgressBar(controls);
  progress_->setObjectName(QStringLiteral("progressBar"));
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(tr("%v / %m cells"));
  column->addWidget(progress_);

  status_ = new WrappingLabel(controls);
  status_->setText(tr("Choose the knobs to sweep and press Run."));
  status_->setObjectName(QStringLiteral("statusLabel"));
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  column->addWidget(status_);

  compare_best_ = new QPushButton(tr("Compare with best"), controls);
  compare_best_->setObjectName(QStringLiteral("compareBestButton"));
  compare_best_->setToolTip(tr("Open the best cell's run next to the current run (A/B compare)"));
  compare_best_->setEnabled(false);
  column->addWidget(compare_best_);

  open_store_ = new QPushButton(tr("Open store..."), controls);
  open_store_->setObjectName(QStringLiteral("openStoreButton"));
  open_store_->setToolTip(
      tr("Show a result store (amla-cli sweep --store FILE.db): any two of its knobs"));
  column->addWidget(open_store_);
  store_box_ = new QGroupBox(tr("Store"), controls);
  store_box_->setObjectName(QStringLiteral("storeBox"));
  auto* store_column = new QVBoxLayout(store_box_);
  store_label_ = new WrappingLabel(store_box_);
  store_label_->setObjectName(QStringLiteral("storeLabel"));
  store_column->addWidget(store_label_);
  auto* axes = new QFormLayout;
  axes->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  store_rows_ = new QComboBox(store_box_);
  store_rows_->setObjectName(QStringLiteral("storeRowsKnob"));
  store_columns_ = new QComboBox(store_box_);
  store_columns_->setObjectName(QStringLiteral("storeColumnsKnob"));
  axes->addRow(tr("Rows"), store_rows_);
  axes->addRow(tr("Columns"), store_columns_);
  store_column->addLayout(axes);
  store_fixed_form_ = new QFormLayout;
  store_fixed_form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  store_column->addLayout(store_fixed_form_);
  store_box_->hide();
  column->addWidget(store_box_);
  column->addStretch(1);

  heatmap_ = new SweepHeatmap(this);
  heatmap_->setObjectName(QStringLiteral("sweepHeatmap"));
  // Narrow beside the heatmap, never narrower than its widest field (the metric names).
  controls->setMaximumWidth(
      std::max(controls->maximumWidth(), controls->minimumSizeHint().width()));
  layout->addWidget(controls);
  layout->addWidget(heatmap_, 1);

  connect(run_, &QPushButton::clicked, this, &SweepPage::startSweep);
  connect(cancel_, &QPushButton::clicked, this, &SweepPage::cancelSweep);
  connect(compare_best_, &QPushButton::clicked, this, [this] {
    if (result_ && result_->best >= 0) {
      emit compareWithBestRequested(result_->cells[static_cast<std::size_t>(result_->best)].config);
    }
  });
  connect(heatmap_, &SweepHeatmap::cellClicked, this, &SweepPage::onCellClicked);
  // The job reports whole percents of the cells; for up to 100 cells the cell count is exact:
  // the percent of cell d lies in (100 (d - 1) / cells, 100 d / cells].
  connect(worker_, &SweepWorker::progressChanged, this, [this](int percent) {
    progress_->setValue(static_cast<int>(std::ceil(percent * progress_->maximum() / 100.0)));
  });
  connect(worker_, &SweepWorker::finished, this, [this] { onFinished(worker_->sweep()); });
  connect(worker_, &SweepWorker::cellFinished, this, &SweepPage::onCellFinished);
  // Cells may finish hundreds a second: the heatmap is redrawn at most ten times a second.
  live_timer_->setSingleShot(true);
  live_timer_->setInterval(100);
  connect(live_timer_, &QTimer::timeout, this, &SweepPage::refreshLiveHeatmap);
  connect(open_store_, &QPushButton::clicked, this, &SweepPage::chooseStoreFile);
  for (QComboBox* axis : {store_rows_, store_columns_}) {
    connect(axis, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this] {
      if (!updating_store_controls_) rebuildStoreChoosers({});
    });
  }
  connect(metric_, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this] {
    if (store_ && !isRunning() && heatmap_->result() && heatmap_->result() != result_.get()) {
      redrawStoreSlice();
    }
  });
  connect(worker_, &SweepWorker::failed, this, &SweepPage::onFailed);
  connect(worker_, &SweepWorker::cancelled, this, &SweepPage::onCancelled);
  validate();
}

SweepPage::ParameterFields SweepPage::addParameterFields(int number, bool optional,
                                                         const QString& knob,
                                                         const QString& values) {
  ParameterFields f{};
  f.knob = new QComboBox(this);
  f.knob->setObjectName(QStringLiteral("param%1Knob").arg(number));
  if (optional) f.knob->addItem(tr("(none)"), QString());
  for (const auto& info : amla::run_knobs()) {
    f.knob->addItem(QString::fromStdString(info.name), QString::fromStdString(info.name));
    f.knob->setItemData(f.knob->count() - 1, QString::fromStdString(info.description),
                        Qt::ToolTipRole);
  }
  f.knob->setCurrentIndex(f.knob->findData(knob));
  f.values = new QLineEdit(values, this);
  f.values->setObjectName(QStringLiteral("param%1Values").arg(number));
  f.values->setPlaceholderText(tr("comma-separated values"));
  f.error = error_label(this, QStringLiteral("param%1Error").arg(number));
  connect(f.knob, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this, f] { onKnobChanged(f); });
  connect(f.values, &QLineEdit::textChanged, this, [this] { validate(); });
  return f;
}

void SweepPage::onKnobChanged(const ParameterFields& fields) {
  const std::string knob = fields.knob->currentData().toString().toStdString();
  if (!knob.empty()) {
    const auto it = default_values().find(knob);
    fields.values->setText(it != default_values().end()
                               ? it->second
                               : QString::fromStdString(amla::knob_value(base_, knob)));
  }
  validate();
}

QwtPlot* SweepPage::currentPlot() const { return heatmap_; }

amla::SweepPageState SweepPage::controlsState() const {
  amla::SweepPageState state;
  for (const ParameterFields* f : {&first_, &second_}) {
    const QString knob = f->knob->currentData().toString();
    if (!knob.isEmpty())
      state.parameters.push_back({knob.toStdString(), f->values->text().toStdString()});
  }
  state.metric = metric_->currentData().toString().toStdString();
  state.jobs = jobs_->value();
  return state;
}

QString SweepPage::setControlsState(const amla::SweepPageState& state) {
  QStringList unknown;
  const ParameterFields* fields[] = {&first_, &second_};
  for (std::size_t i = 0; i < 2; ++i) {
    const ParameterFields& f = *fields[i];
    const QString knob =
        i < state.parameters.size() ? QString::fromStdString(state.parameters[i].knob) : QString();
    const int index = f.knob->findData(knob);
    if (index < 0) {
      unknown << tr("sweep knob '%1'").arg(knob);
      continue;
    }
    f.knob->setCurrentIndex(index);  // fills the knob's default values; the saved ones follow
    if (!knob.isEmpty()) f.values->setText(QString::fromStdString(state.parameters[i].values));
  }
  const int metric = metric_->findData(QString::fromStdString(state.metric));
  if (metric >= 0) {
    metric_->setCurrentIndex(metric);
  } else {
    unknown << tr("sweep metric '%1'").arg(QString::fromStdString(state.metric));
  }
  jobs_->setValue(state.jobs);
  validate();
  return unknown.join(QStringLiteral(", "));
}

void SweepPage::setBaseConfig(const amla::RunConfig& config) {
  base_ = config;
  validate();
}

bool SweepPage::isRunning() const { return worker_->isRunning(); }

std::optional<std::vector<amla::SweepParameter>> SweepPage::validate() {
  std::vector<amla::SweepParameter> params;
  bool ok = true;
  for (const ParameterFields* f : {&first_, &second_}) {
    const QString knob = f->knob->currentData().toString();
    f->values->setEnabled(!knob.isEmpty());
    if (knob.isEmpty()) {
      show_error(f->error, {});
      continue;
    }
    try {
      amla::SweepParameter p =
          amla::parse_sweep_parameter((knob + QLatin1Char('=') + f->values->text()).toStdString());
      // Values are checked here too, so a typo shows at its field rather than failing the sweep.
      amla::RunConfig probe = base_;
      for (const auto& v : p.values) amla::apply_knob(probe, p.name, v);
      if (!params.empty() && params.front().name == p.name) {
        throw amla::InputError("--param " + p.name, "given twice", "sweep two different knobs");
      }
      params.push_back(std::move(p));
      show_error(f->error, {});
    } catch (const amla::InputError& e) {
      show_error(f->error, QString::fromStdString(e.what()));
      ok = false;
    }
  }
  run_->setEnabled(ok && !isRunning());
  if (!ok) return std::nullopt;
  return params;
}

void SweepPage::startSweep() {
  if (isRunning()) return;
  const auto params = validate();
  if (!params) return;
  SweepRequest request;
  request.base = base_;
  request.params = *params;
  request.metric = metric_->currentData().toString().toStdString();
  request.jobs = jobs_->value();
  int total = 1;
  for (const auto& p : request.params) total *= static_cast<int>(p.values.size());
  if (!worker_->start(request)) return;
  progress_->setRange(0, total);
  progress_->setValue(0);
  // The heatmap shows the grid at once and fills in as cells finish.
  live_ = std::make_shared<amla::SweepResult>(
      amla::plan_sweep(request.base, request.params, request.metric));
  live_done_ = 0;
  live_clock_->start();
  heatmap_->setResult(std::make_shared<const amla::SweepResult>(*live_));
  showStatus(tr("Sweeping %1 cells on %2 jobs...").arg(total).arg(request.jobs), false);
  setRunning(true);
}

void SweepPage::cancelSweep() {
  if (!isRunning()) return;
  worker_->cancel();
  cancel_->setEnabled(false);
  showStatus(tr("Cancelling..."), false);
}

void SweepPage::setRunning(bool running) {
  cancel_->setEnabled(running);
  for (const ParameterFields* f : {&first_, &second_}) f->knob->setEnabled(!running);
  metric_->setEnabled(!running);
  jobs_->setEnabled(!running);
  compare_best_->setEnabled(!running && result_ && result_->best >= 0);
  open_store_->setEnabled(!running);
  store_box_->setEnabled(!running);
  if (running) {
    run_->setEnabled(false);
  } else {
    validate();
  }
}

void SweepPage::showStatus(const QString& text, bool error) {
  status_->setText(text);
  status_->setStyleSheet(error ? QString::fromLatin1(kErrorStyle) : QString());
}

void SweepPage::onCellFinished(int index, SweepCellPtr cell) {
  if (!live_ || !isRunning() || index < 0 || index >= static_cast<int>(live_->cells.size())) {
    return;
  }
  live_->cells[static_cast<std::size_t>(index)] = *cell;
  ++live_done_;
  if (!live_timer_->isActive()) live_timer_->start();
}

void SweepPage::refreshLiveHeatmap() {
  if (!live_ || !isRunning()) return;
  live_->best = amla::best_sweep_cell(*live_);
  heatmap_->setResult(std::make_shared<const amla::SweepResult>(*live_));
  const double seconds = static_cast<double>(live_clock_->elapsed()) / 1000.0;
  const int total = static_cast<int>(live_->cells.size());
  QString text = tr("Sweeping: %1 of %2 cells").arg(live_done_).arg(total);
  if (live_done_ > 0 && seconds > 0) {
    const double rate = live_done_ / seconds;
    text += tr(", %1 cells/s, about %2 s left")
                .arg(rate, 0, 'f', rate >= 10 ? 0 : 2)
                .arg(std::lround((total - live_done_) / rate));
  }
  showStatus(text, false);
}

void SweepPage::onFinished(SweepResultPtr result) {
  live_timer_->stop();
  live_.reset();
  result_ = std::move(result);
  heatmap_->setResult(result_);
  setRunning(false);
  showStatus(sweep_status(*result_), false);
  emit sweepFinished(true);
}

void SweepPage::onFailed(const QString&, const QString& message) {
  live_timer_->stop();
  live_.reset();
  heatmap_->setResult(result_);
  setRunning(false);
  showStatus(tr("Sweep failed: %1").arg(message), true);
  emit sweepFinished(false);
}

void SweepPage::onCancelled() {
  live_timer_->stop();
  live_.reset();
  heatmap_->setResult(result_);
  setRunning(false);
  progress_->setValue(0);
  showStatus(
      result_ ? tr("Cancelled; the heatmap still shows the previous sweep.") : tr("Cancelled."),
      false);
  emit sweepFinished(false);
}

void SweepPage::onCellClicked(int index) {
  // The cell as shown: the finished sweep's, the running one's or the store's.
  const amla::SweepResult* shown = heatmap_->result();
  if (!shown || index < 0 || index >= static_cast<int>(shown->cells.size())) return;
  const amla::SweepCell& cell = shown->cells[static_cast<std::size_t>(index)];
  if (cell.pending) {
    showStatus(tr("No result for this cell yet."), false);
    return;
  }
  if (!cell.valid) {
    showStatus(tr("Invalid cell: %1").arg(QString::fromStdString(cell.reason)), true);
    return;
  }
  emit openRunRequested(cell.config);
}

void SweepPage::chooseStoreFile() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open result store"), QString(),
                                                    tr("Result stores (*.db);;All files (*)"));
  if (!path.isEmpty()) openStore(path);
}

bool SweepPage::openStore(const QString& path) {
  std::shared_ptr<const amla::StoreContents> contents;
  try {
    amla::ResultStore store("store", path.toStdString(), false);
    contents = std::make_shared<const amla::StoreContents>(amla::read_store_contents(store));
  } catch (const amla::InputError& e) {
    showStatus(tr("Cannot open the store: %1").arg(QString::fromStdString(e.what())), true);
    return false;
  }
  if (contents->knobs.empty()) {
    showStatus(tr("%1 holds %2 cells that differ in no knob: nothing to draw.")
                   .arg(path)
                   .arg(contents->cells.size()),
               true);
    return false;
  }
  store_ = std::move(contents);
  updating_store_controls_ = true;
  store_rows_->clear();
  store_columns_->clear();
  store_columns_->addItem(tr("(none)"), QString());
  for (const amla::StoreKnob& k : store_->knobs) {
    const QString name = QString::fromStdString(k.name);
    const QString label = tr("%1 (%2 values)").arg(name).arg(k.values.size());
    store_rows_->addItem(label, name);
    store_columns_->addItem(label, name);
  }
  store_rows_->setCurrentIndex(0);
  store_columns_->setCurrentIndex(store_->knobs.size() > 1 ? 2 : 0);
  updating_store_controls_ = false;
  QString text = tr("%1: %2 cells").arg(path).arg(store_->cells.size());
  if (store_->unreadable > 0) {
    text += tr(" (%1 unreadable, left out)").arg(store_->unreadable);
  }
  if (store_->other_model > 0) {
    text += tr(" (%1 from an earlier model, left out: a sweep into this store runs them again)")
                .arg(store_->other_model);
  }
  store_label_->setText(text);
  store_box_->show();
  rebuildStoreChoosers({});
  return true;
}

void SweepPage::showStoreSlice(const QString& rows, const QString& columns,
                               const std::map<std::string, std::string>& fixed) {
  if (!store_) return;
  updating_store_controls_ = true;
  store_rows_->setCurrentIndex(store_rows_->findData(rows));
  store_columns_->setCurrentIndex(std::max(0, store_columns_->findData(columns)));
  updating_store_controls_ = false;
  rebuildStoreChoosers(fixed);
}

void SweepPage::rebuildStoreChoosers(const std::map<std::string, std::string>& fixed) {
  if (!store_) return;
  while (store_fixed_form_->rowCount() > 0) store_fixed_form_->removeRow(0);
  store_fixed_.clear();
  const std::string rows = store_rows_->currentData().toString().toStdString();
  const std::string columns = store_columns_->currentData().toString().toStdString();
  for (const amla::StoreKnob& k : store_->knobs) {
    if (k.name == rows || k.name == columns) continue;
    auto* chooser = new QComboBox(store_box_);
    chooser->setObjectName(QStringLiteral("storeFixed_%1").arg(QString::fromStdString(k.name)));
    for (const std::string& v : k.values) chooser->addItem(QString::fromStdString(v));
    const auto it = fixed.find(k.name);
    if (it != fixed.end()) chooser->setCurrentText(QString::fromStdString(it->second));
    connect(chooser, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
            &SweepPage::redrawStoreSlice);
    store_fixed_form_->addRow(QString::fromStdString(k.name), chooser);
    store_fixed_.emplace_back(k.name, chooser);
  }
  redrawStoreSlice();
}

void SweepPage::redrawStoreSlice() {
  if (!store_ || isRunning()) return;
  const QString rows = store_rows_->currentData().toString();
  const QString columns = store_columns_->currentData().toString();
  if (rows == columns) {
    showStatus(tr("Choose two different knobs for the rows and the columns."), true);
    return;
  }
  std::map<std::string, std::string> fixed;
  for (const auto& [name, chooser] : store_fixed_)
    fixed[name] = chooser->currentText().toStdString();
  try {
    const auto slice = std::make_shared<const amla::SweepResult>(
        amla::store_slice(*store_, rows.toStdString(), columns.toStdString(), fixed,
                          metric_->currentData().toString().toStdString()));
    heatmap_->setResult(slice);
    showStatus(
        tr("Store: %1 of %2 cells of this grid stored").arg(slice->reused).arg(slice->cells.size()),
        false);
  } catch (const amla::InputError& e) {
    showStatus(QString::fromStdString(e.what()), true);
  }
}

}  // namespace amla::ui
