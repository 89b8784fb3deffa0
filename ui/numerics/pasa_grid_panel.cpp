#include "ui/numerics/pasa_grid_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/common/background_job.h"
#include "ui/numerics/heatmap_plot.h"

namespace amla::ui {

namespace {

using Points = std::vector<amla::PasaGridPoint>;

}  // namespace

PasaGridPanel::PasaGridPanel(QWidget* parent) : QWidget(parent) {
  job_ = new BackgroundJob(tr("use fewer rows or a shorter KV length"), this);
  distribution_combo_ = new QComboBox(this);
  distribution_combo_->setObjectName(QStringLiteral("gridDistributionCombo"));
  for (auto d : {amla::InputDistribution::kPasaUniform, amla::InputDistribution::kPasaHybrid,
                 amla::InputDistribution::kResonance}) {
    distribution_combo_->addItem(QString::fromLatin1(amla::distribution_name(d)),
                                 static_cast<int>(d));
  }
  run_button_ = new QPushButton(tr("Run grid"), this);
  run_button_->setObjectName(QStringLiteral("gridRunButton"));
  run_button_->setToolTip(
      tr("16 runs: mean in {0, 10, 20, 30} x Am in {0.5, 5, 10, 20}, with "
         "the sizes, blocking, seed and PASA switches of the run controls"));
  cancel_button_ = new QPushButton(tr("Cancel"), this);
  cancel_button_->setEnabled(false);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 100);
  status_ = new QLabel(tr("Runs fp16 and pasa over PASA's grid."), this);
  status_->setObjectName(QStringLiteral("gridStatus"));
  status_->setWordWrap(true);
  fp16_plot_ = new HeatmapPlot(this);
  fp16_plot_->setObjectName(QStringLiteral("gridFp16Plot"));
  pasa_plot_ = new HeatmapPlot(this);
  pasa_plot_->setObjectName(QStringLiteral("gridPasaPlot"));
  fp16_plot_->setGrid(amla::pasa_grid_heatmap({}, amla::NumericsVariant::kFp16));
  pasa_plot_->setGrid(amla::pasa_grid_heatmap({}, amla::NumericsVariant::kPasa));

  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("input"), this));
  bar->addWidget(distribution_combo_);
  bar->addWidget(run_button_);
  bar->addWidget(cancel_button_);
  bar->addWidget(progress_, 1);
  auto* plots = new QHBoxLayout;
  plots->addWidget(fp16_plot_, 1);
  plots->addWidget(pasa_plot_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(bar);
  layout->addLayout(plots, 1);
  layout->addWidget(status_);

  connect(run_button_, &QPushButton::clicked, this, &PasaGridPanel::startGrid);
  connect(cancel_button_, &QPushButton::clicked, job_, &BackgroundJob::cancel);
  connect(job_, &BackgroundJob::progressChanged, progress_, &QProgressBar::setValue);
  connect(job_, &BackgroundJob::finished, this, &PasaGridPanel::onFinished);
  connect(job_, &BackgroundJob::failed, this, [this](const QString&, const QString& message) {
    run_button_->setEnabled(request_.has_value());
    cancel_button_->setEnabled(false);
    status_->setText(tr("Grid failed: %1").arg(message));
    emit gridCompleted(false);
  });
  connect(job_, &BackgroundJob::cancelled, this, [this] {
    run_button_->setEnabled(request_.has_value());
    cancel_button_->setEnabled(false);
    status_->setText(tr("Grid cancelled."));
    emit gridCompleted(false);
  });
  setRequest(std::nullopt);
}

void PasaGridPanel::setRequest(std::optional<NumericsRequest> request) {
  request_ = std::move(request);
  run_button_->setEnabled(request_.has_value() && !job_->isRunning());
  if (!request_) run_button_->setToolTip(tr("Fix the fields marked in red first"));
}

bool PasaGridPanel::isRunning() const { return job_->isRunning(); }

QString PasaGridPanel::status() const { return status_->text(); }

void PasaGridPanel::startGrid() {
  if (!request_ || job_->isRunning()) return;
  NumericsRequest request = *request_;
  request.spec.distribution =
      static_cast<amla::InputDistribution>(distribution_combo_->currentData().toInt());
  request.config.variants = {amla::NumericsVariant::kFp16, amla::NumericsVariant::kPasa};
  if (!job_->start([request](const amla::JobControl& control) {
        return amla::run_pasa_grid(request.spec, request.config, control);
      })) {
    return;
  }
  run_button_->setEnabled(false);
  cancel_button_->setEnabled(true);
  progress_->setValue(0);
  status_->setText(tr("Running the grid: %1 rows x %2 tokens per point...")
                       .arg(request.spec.rows)
                       .arg(request.spec.kv_len));
}

void PasaGridPanel::onFinished() {
  run_button_->setEnabled(request_.has_value());
  cancel_button_->setEnabled(false);
  const auto points = job_->result<Points>();
  if (!points) return;
  fp16_plot_->setGrid(amla::pasa_grid_heatmap(*points, amla::NumericsVariant::kFp16));
  pasa_plot_->setGrid(amla::pasa_grid_heatmap(*points, amla::NumericsVariant::kPasa));
  std::uint64_t fp16_overflowed = 0, pasa_overflowed = 0;
  for (const auto& p : *points) {
    for (const auto& c : p.cells) {
      if (c.overflow_count == 0) continue;
      (c.variant == amla::NumericsVariant::kFp16 ? fp16_overflowed : pasa_overflowed) += 1;
    }
  }
  status_->setText(tr("Grid done: FP16 overflowed at %1 of 16 points, PASA at %2.")
                       .arg(fp16_overflowed)
                       .arg(pasa_overflowed));
  emit gridCompleted(true);
}

}  // namespace amla::ui
