#include "ui/sensitivity/sensitivity_panel.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/common/background_job.h"
#include "ui/common/export_dialog.h"
#include "ui/sensitivity/tornado_plot.h"

namespace amla::ui {

SensitivityPanel::SensitivityPanel(QWidget* parent)
    : QWidget(parent),
      job_(new BackgroundJob(tr("use a smaller batch or sequence length, or fewer runs at once"),
                             this)) {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QHBoxLayout();
  controls->addWidget(new QLabel(tr("Move each [E] / [F] parameter by \u00b1"), this));
  delta_ = new QDoubleSpinBox(this);
  delta_->setRange(100.0 * amla::kMinSensitivityDelta, 100.0 * amla::kMaxSensitivityDelta);
  delta_->setDecimals(1);
  delta_->setSuffix(QStringLiteral(" %"));
  delta_->setValue(100.0 * amla::kDefaultSensitivityDelta);
  delta_->setToolTip(
      tr("Each estimated or fitted hardware parameter is set to value x (1 - d) "
         "and value x (1 + d) and the run repeated."));
  controls->addWidget(delta_);
  controls->addWidget(new QLabel(tr("runs at once"), this));
  jobs_ = new QSpinBox(this);
  jobs_->setRange(1, amla::kMaxSensitivityJobs);
  jobs_->setValue(std::clamp(QThread::idealThreadCount(), 1, amla::kMaxSensitivityJobs));
  jobs_->setToolTip(tr("Simulations run in parallel; the memory budget is shared among them."));
  controls->addWidget(jobs_);
  controls->addStretch(1);
  layout->addLayout(controls);
  // The buttons on a line of their own: one line of everything was wider than a laptop's page.
  auto* actions = new QHBoxLayout();
  run_ = new QPushButton(tr("Run sensitivity"), this);
  cancel_ = new QPushButton(tr("Cancel"), this);
  export_ = new QPushButton(tr("Export..."), this);
  actions->addWidget(run_);
  actions->addWidget(cancel_);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 100);
  actions->addWidget(progress_, 1);
  actions->addWidget(export_);
  layout->addLayout(actions);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  layout->addWidget(status_);
  plot_ = new TornadoPlot(this);
  layout->addWidget(plot_, 1);

  connect(run_, &QPushButton::clicked, this, &SensitivityPanel::start);
  connect(cancel_, &QPushButton::clicked, this, &SensitivityPanel::cancel);
  connect(export_, &QPushButton::clicked, this, [this] { open_export_dialog(plot_, this); });
  connect(job_, &BackgroundJob::progressChanged, progress_, &QProgressBar::setValue);
  connect(job_, &BackgroundJob::finished, this, &SensitivityPanel::onFinished);
  connect(job_, &BackgroundJob::failed, this, &SensitivityPanel::onFailed);
  connect(job_, &BackgroundJob::cancelled, this, &SensitivityPanel::onCancelled);
  setRun(nullptr);
}

bool SensitivityPanel::isRunning() const { return job_->isRunning(); }
QString SensitivityPanel::statusText() const { return status_->text(); }
bool SensitivityPanel::canExport() const { return export_->isEnabled(); }

void SensitivityPanel::setRun(SimulationPtr run) {
  job_->cancel();  // its result would belong to the previous configuration
  ++generation_;
  config_.reset();
  if (run) config_ = amla::RunConfig{run->hardware, run->config};
  plot_->setResult(nullptr, QString());
  progress_->setValue(0);
  status_->setText(run ? tr("Which assumption does this run hang on? Run sensitivity repeats it "
                            "with each estimated or fitted parameter moved.")
                       : tr("No run yet."));
  setRunning(false);
}

QString SensitivityPanel::subject() const {
  if (!config_) return {};
  return QStringLiteral("%1, %2, preload %3")
      .arg(QString::fromStdString(config_->hardware.name))
      .arg(QString::fromLatin1(amla::variant_name(config_->kernel.variant)))
      .arg(config_->kernel.tiling.preload);
}

void SensitivityPanel::start() {
  if (!config_ || job_->isRunning()) return;
  amla::SensitivityOptions options;
  options.delta = delta_->value() / 100.0;
  options.jobs = jobs_->value();
  const amla::RunConfig config = *config_;
  if (!job_->start([config, options](const amla::JobControl& control) {
        return amla::run_sensitivity(config.hardware, config.kernel, options, control);
      })) {
    return;
  }
  started_generation_ = generation_;
  status_->setText(tr("Running: the baseline and each parameter at both ends..."));
  setRunning(true);
}

void SensitivityPanel::cancel() {
  if (!job_->isRunning()) return;
  job_->cancel();
  status_->setText(tr("Cancelling..."));
}

void SensitivityPanel::onFinished() {
  if (started_generation_ != generation_) {
    setRunning(false);
    return;
  }
  const auto result = job_->result<amla::SensitivityResult>();
  plot_->setResult(result, subject());
  setRunning(false);  // after the chart is set: Export... needs it
  if (result && !result->params.empty()) {
    const amla::SensitivityParam& top = result->params.front();
    status_->setText(
        tr("%1 runs. The makespan hangs most on %2 %3: %4 \u00b5s between its two ends.")
            .arg(result->runs)
            .arg(QString::fromStdString(top.name), QString::fromStdString(top.source))
            .arg(top.swing_us, 0, 'f', 2));
  }
  emit runCompleted(true);
}

void SensitivityPanel::onFailed(const QString&, const QString& message) {
  setRunning(false);
  if (started_generation_ != generation_) return;
  status_->setText(tr("Sensitivity failed: %1").arg(message));
  emit runCompleted(false);
}

void SensitivityPanel::onCancelled() {
  setRunning(false);
  if (started_generation_ != generation_) return;
  progress_->setValue(0);
  status_->setText(tr("Cancelled."));
  emit runCompleted(false);
}

void SensitivityPanel::setRunning(bool running) {
  run_->setEnabled(!running && config_.has_value());
  cancel_->setEnabled(running);
  delta_->setEnabled(!running);
  jobs_->setEnabled(!running);
  export_->setEnabled(!running && plot_->result() != nullptr);
}

}  // namespace amla::ui
