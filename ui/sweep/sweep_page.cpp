#include "ui/sweep/sweep_page.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>
#include <cmath>
#include <map>

#include "core/common/input_error.h"
#include "core/sweep/knobs.h"
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

SweepPage::SweepPage(QWidget* parent) : QWidget(parent), worker_(new SweepWorker(this)) {
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

  status_ = new QLabel(tr("Choose the knobs to sweep and press Run."), controls);
  status_->setObjectName(QStringLiteral("statusLabel"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  column->addWidget(status_);

  compare_best_ = new QPushButton(tr("Compare with best"), controls);
  compare_best_->setObjectName(QStringLiteral("compareBestButton"));
  compare_best_->setToolTip(tr("Open the best cell's run next to the current run (A/B compare)"));
  compare_best_->setEnabled(false);
  column->addWidget(compare_best_);
  column->addStretch(1);

  heatmap_ = new SweepHeatmap(this);
  heatmap_->setObjectName(QStringLiteral("sweepHeatmap"));
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

void SweepPage::onFinished(SweepResultPtr result) {
  result_ = std::move(result);
  heatmap_->setResult(result_);
  setRunning(false);
  showStatus(sweep_status(*result_), false);
  emit sweepFinished(true);
}

void SweepPage::onFailed(const QString&, const QString& message) {
  setRunning(false);
  showStatus(tr("Sweep failed: %1").arg(message), true);
  emit sweepFinished(false);
}

void SweepPage::onCancelled() {
  setRunning(false);
  progress_->setValue(0);
  showStatus(
      result_ ? tr("Cancelled; the heatmap still shows the previous sweep.") : tr("Cancelled."),
      false);
  emit sweepFinished(false);
}

void SweepPage::onCellClicked(int index) {
  if (!result_ || index < 0 || index >= static_cast<int>(result_->cells.size())) return;
  const amla::SweepCell& cell = result_->cells[static_cast<std::size_t>(index)];
  if (!cell.valid) {
    showStatus(tr("Invalid cell: %1").arg(QString::fromStdString(cell.reason)), true);
    return;
  }
  emit openRunRequested(cell.config);
}

}  // namespace amla::ui
