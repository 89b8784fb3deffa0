#include "ui/studio/config_panel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/plan.h"
#include "core/run/simulation_run.h"

namespace amla::ui {

namespace {
const char kHardwareFileItem[] = "(hardware file)";
}

ConfigPanel::ConfigPanel(QWidget* parent) : QWidget(parent) {
  current_.hardware = amla::find_preset("910C-package");
  current_.kernel.problem.kv_len = 4096;

  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(4, 4, 4, 4);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* inner = new QWidget(scroll);
  auto* layout = new QVBoxLayout(inner);
  layout->setContentsMargins(0, 0, 0, 0);
  scroll->setWidget(inner);
  outer->addWidget(scroll, 1);

  // Machine.
  auto* machine = new QGroupBox(tr("Machine"), inner);
  auto* machine_form = new QFormLayout(machine);
  preset_combo_ = new QComboBox(machine);
  for (const auto& name : amla::preset_names())
    preset_combo_->addItem(QString::fromStdString(name));
  preset_combo_->setCurrentText(QStringLiteral("910C-package"));
  preset_combo_->setToolTip(
      tr("Hardware preset (resources/presets); or load a hardware JSON file"));
  auto* hw_button = new QPushButton(tr("Load..."), machine);
  hw_button->setToolTip(
      tr("Load a hardware file (amla-cli presets --show NAME --out FILE, edited)"));
  auto* preset_row = new QWidget(machine);
  auto* preset_layout = new QHBoxLayout(preset_row);
  preset_layout->setContentsMargins(0, 0, 0, 0);
  preset_layout->addWidget(preset_combo_, 1);
  preset_layout->addWidget(hw_button);
  machine_form->addRow(tr("preset"), withErrorLabel("--preset", preset_row));
  editors_["--preset"] = preset_combo_;
  layout->addWidget(machine);

  // Problem.
  auto* problem = new QGroupBox(tr("Problem"), inner);
  auto* problem_form = new QFormLayout(problem);
  addIntField(problem_form, "--batch", tr("batch"), 1, 65536,
              [](RunConfig& c) -> int& { return c.kernel.problem.batch; });
  addIntField(
      problem_form, "--q-tokens", tr("q_tokens"), 1, 16,
      [](RunConfig& c) -> int& { return c.kernel.problem.q_tokens; },
      tr("query tokens per request (2..4 with multi-token prediction)"));
  addIntField(problem_form, "--heads", tr("heads"), 1, 1024,
              [](RunConfig& c) -> int& { return c.kernel.problem.heads; });
  kv_mode_combo_ = new QComboBox(problem);
  kv_mode_combo_->addItem(tr("every request S_k"));
  kv_mode_combo_->addItem(tr("FlashMLA: Normal(S_k, S_k/2)"));
  problem_form->addRow(tr("lengths"), withErrorLabel("--kv-lens", kv_mode_combo_));
  editors_["--kv-lens"] = kv_mode_combo_;
  addIntField(
      problem_form, "--kv-len", tr("S_k"), 1, 1 << 24,
      [](RunConfig& c) -> int& { return c.kernel.problem.kv_len; },
      tr("KV sequence length (the mean when lengths are drawn)"));
  kv_seed_spin_ = new QSpinBox(problem);
  kv_seed_spin_->setRange(0, 1 << 30);
  problem_form->addRow(tr("length seed"), withErrorLabel("--kv-seed", kv_seed_spin_));
  layout->addWidget(problem);

  // Kernel.
  auto* kernel = new QGroupBox(tr("Kernel"), inner);
  auto* kernel_form = new QFormLayout(kernel);
  variant_combo_ = new QComboBox(kernel);
  variant_combo_->addItem(tr("amla"));
  variant_combo_->addItem(tr("baseline"));
  variant_combo_->setToolTip(
      tr("amla: INT32 exponent add on O in GM; baseline: the Vector core "
         "reads, multiplies and writes back O every block"));
  kernel_form->addRow(tr("variant"), withErrorLabel("--variant", variant_combo_));
  preload_combo_ = new QComboBox(kernel);
  preload_combo_->addItems({"0", "1", "2"});
  preload_combo_->setCurrentIndex(2);
  kernel_form->addRow(tr("preload"), withErrorLabel("--preload", preload_combo_));
  kv_split_combo_ = new QComboBox(kernel);
  kv_split_combo_->addItems({"balanced", "auto", "fixed", "none"});
  kv_split_combo_->setToolTip(
      tr("balanced: same KV blocks per core (FlashMLA); auto: split only "
         "when jobs < cores; fixed: kv-splits parts; none: whole jobs"));
  kernel_form->addRow(tr("KV split"), withErrorLabel("--kv-split", kv_split_combo_));
  addIntField(
      kernel_form, "--kv-splits", tr("KV splits"), 1, 1024,
      [](RunConfig& c) -> int& { return c.kernel.tiling.kv_splits; },
      tr("parts per job with the fixed policy"));
  layout->addWidget(kernel);

  // Tiling.
  auto* tiling = new QGroupBox(tr("Tiling"), inner);
  auto* tf = new QFormLayout(tiling);
  using RC = RunConfig;
  addIntField(
      tf, "--rows-per-task", tr("rows per task (mBase)"), 1, 4096,
      [](RC& c) -> int& { return c.kernel.tiling.blocking.rows_per_task; },
      tr("also drives the Numerics page's blocking"));
  addIntField(
      tf, "--kv-block", tr("KV block (s2Base)"), 16, 65536,
      [](RC& c) -> int& { return c.kernel.tiling.blocking.kv_block; },
      tr("also drives the Numerics page's blocking"));
  addIntField(tf, "--m-tile", tr("m tile"), 16, 1024,
              [](RC& c) -> int& { return c.kernel.tiling.m_tile; });
  addIntField(tf, "--l1-k-split", tr("L1 k split"), 16, 4096,
              [](RC& c) -> int& { return c.kernel.tiling.l1_k_split; });
  addIntField(tf, "--mm1-n-tile", tr("MM1 n tile"), 16, 4096,
              [](RC& c) -> int& { return c.kernel.tiling.mm1_n_tile; });
  addIntField(tf, "--mm1-k-slice", tr("MM1 k slice"), 16, 4096,
              [](RC& c) -> int& { return c.kernel.tiling.mm1_k_slice; });
  addIntField(tf, "--mm2-k-split", tr("MM2 k split"), 16, 4096,
              [](RC& c) -> int& { return c.kernel.tiling.mm2_k_split; });
  addIntField(tf, "--mm2-n-tile", tr("MM2 n tile"), 16, 4096,
              [](RC& c) -> int& { return c.kernel.tiling.mm2_n_tile; });
  addIntField(tf, "--mm2-k-slice", tr("MM2 k slice"), 16, 4096,
              [](RC& c) -> int& { return c.kernel.tiling.mm2_k_slice; });
  addIntField(tf, "--qp-buffers", tr("QP buffers (L1)"), 1, 64,
              [](RC& c) -> int& { return c.kernel.tiling.qp_buffers; });
  addIntField(tf, "--kv-buffers", tr("KV buffers (L1)"), 1, 64,
              [](RC& c) -> int& { return c.kernel.tiling.kv_buffers; });
  addIntField(tf, "--l0ab-buffers", tr("L0A/L0B buffers"), 1, 8,
              [](RC& c) -> int& { return c.kernel.tiling.l0ab_buffers; });
  addIntField(tf, "--l0c-buffers", tr("L0C buffers"), 1, 8,
              [](RC& c) -> int& { return c.kernel.tiling.l0c_buffers; });
  addIntField(tf, "--ub-chunk", tr("UB chunk (bytes)"), 1024, 1 << 20,
              [](RC& c) -> int& { return c.kernel.tiling.ub_chunk_bytes; });
  addIntField(tf, "--ub-input-buffers", tr("UB input buffers"), 1, 8,
              [](RC& c) -> int& { return c.kernel.tiling.ub_input_buffers; });
  addIntField(tf, "--gm-slots", tr("GM slots"), 1, 8,
              [](RC& c) -> int& { return c.kernel.tiling.gm_slots; });
  layout->addWidget(tiling);
  layout->addStretch(1);

  // Run controls, always visible below the scroll area.
  general_error_ = new QLabel(this);
  general_error_->setWordWrap(true);
  general_error_->setStyleSheet(QStringLiteral("color: #c62828;"));
  general_error_->hide();
  outer->addWidget(general_error_);
  auto* buttons = new QHBoxLayout();
  run_button_ = new QPushButton(tr("Run"), this);
  run_button_->setDefault(true);
  cancel_button_ = new QPushButton(tr("Cancel"), this);
  cancel_button_->setEnabled(false);
  buttons->addWidget(run_button_);
  buttons->addWidget(cancel_button_);
  outer->addLayout(buttons);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 100);
  progress_->setValue(0);
  outer->addWidget(progress_);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  outer->addWidget(status_);

  connect(run_button_, &QPushButton::clicked, this, [this] {
    if (valid_ && !running_) emit runRequested(current_);
  });
  connect(cancel_button_, &QPushButton::clicked, this, &ConfigPanel::cancelRequested);
  connect(hw_button, &QPushButton::clicked, this, &ConfigPanel::loadHardwareFile);
  for (QComboBox* combo :
       {preset_combo_, variant_combo_, preload_combo_, kv_split_combo_, kv_mode_combo_}) {
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { revalidate(); });
  }
  connect(kv_seed_spin_, qOverload<int>(&QSpinBox::valueChanged), this, [this] { revalidate(); });
  refreshFromConfig();
}

QWidget* ConfigPanel::withErrorLabel(const QString& field, QWidget* editor) {
  auto* box = new QWidget(this);
  auto* v = new QVBoxLayout(box);
  v->setContentsMargins(0, 0, 0, 0);
  v->setSpacing(1);
  v->addWidget(editor);
  auto* error = new QLabel(box);
  error->setWordWrap(true);
  error->setStyleSheet(QStringLiteral("color: #c62828; font-size: 9pt;"));
  error->hide();
  v->addWidget(error);
  error_labels_[field] = error;
  editors_[field] = editor;
  return box;
}

void ConfigPanel::addIntField(QFormLayout* form, const QString& field, const QString& label,
                              int min, int max, std::function<int&(RunConfig&)> value,
                              const QString& tip) {
  auto* spin = new QSpinBox(this);
  spin->setRange(min, max);
  spin->setKeyboardTracking(false);
  spin->setToolTip(tip.isEmpty() ? field : field + QStringLiteral(": ") + tip);
  form->addRow(label, withErrorLabel(field, spin));
  int_fields_.push_back({field, spin, std::move(value)});
  connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, [this] { revalidate(); });
}

QWidget* ConfigPanel::fieldEditor(const QString& field) const { return editors_.value(field); }

QString ConfigPanel::fieldError(const QString& field) const {
  const QLabel* label = error_labels_.value(field);
  return label && !label->isHidden() ? label->text() : QString();
}

void ConfigPanel::setFieldError(const QString& field, const QString& message) {
  if (QLabel* label = error_labels_.value(field)) {
    label->setText(message);
    label->setVisible(!message.isEmpty());
  } else if (!message.isEmpty()) {
    general_error_->setText(message);
    general_error_->show();
  }
}

void ConfigPanel::setConfig(const RunConfig& config) {
  current_ = config;
  hardware_file_.clear();
  refreshFromConfig();
}

// Puts current_ into the editors without re-triggering validation for every field.
void ConfigPanel::refreshFromConfig() {
  updating_ = true;
  RunConfig c = current_;
  const int preset_index = preset_combo_->findText(QString::fromStdString(c.hardware.name));
  if (preset_index >= 0) {
    preset_combo_->setCurrentIndex(preset_index);
  } else {
    if (preset_combo_->findText(kHardwareFileItem) < 0) preset_combo_->addItem(kHardwareFileItem);
    preset_combo_->setCurrentText(kHardwareFileItem);
  }
  for (auto& f : int_fields_) f.spin->setValue(f.value(c));
  variant_combo_->setCurrentIndex(c.kernel.variant == KernelVariant::kAmla ? 0 : 1);
  preload_combo_->setCurrentIndex(std::clamp(c.kernel.tiling.preload, 0, 2));
  kv_split_combo_->setCurrentText(QString::fromLatin1(kv_split_name(c.kernel.tiling.kv_split)));
  kv_mode_combo_->setCurrentIndex(c.kernel.problem.kv_lens.empty() ? 0 : 1);
  updating_ = false;
  revalidate();
}

void ConfigPanel::loadHardwareFile() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Load hardware"), QString(),
                                                    tr("Hardware JSON (*.json)"));
  if (path.isEmpty()) return;
  try {
    current_.hardware = amla::load_hardware_file(path.toStdString());
    hardware_file_ = path;
    setFieldError("--preset", QString());
    refreshFromConfig();
  } catch (const InputError& e) {
    setFieldError("--preset", QString::fromStdString(e.what()));
  }
}

void ConfigPanel::revalidate() {
  if (updating_) return;
  for (auto* label : error_labels_) label->hide();
  general_error_->hide();
  RunConfig c = current_;
  const QString preset = preset_combo_->currentText();
  if (preset != kHardwareFileItem) {
    try {
      c.hardware = amla::find_preset(preset.toStdString());
    } catch (const InputError& e) {
      setFieldError("--preset", QString::fromStdString(e.what()));
    }
  }
  for (auto& f : int_fields_) f.value(c) = f.spin->value();
  c.kernel.variant =
      variant_combo_->currentIndex() == 0 ? KernelVariant::kAmla : KernelVariant::kBaseline;
  c.kernel.tiling.preload = preload_combo_->currentIndex();
  c.kernel.tiling.kv_split =
      amla::parse_kv_split("--kv-split", kv_split_combo_->currentText().toStdString());
  if (kv_mode_combo_->currentIndex() == 1) {
    c.kernel.problem.kv_lens = amla::draw_kv_lengths(
        c.kernel.problem.batch, std::max(1, std::min(c.kernel.problem.kv_len, 1 << 23)),
        static_cast<std::uint64_t>(kv_seed_spin_->value()));
  } else {
    c.kernel.problem.kv_lens.clear();
  }
  kv_seed_spin_->setEnabled(kv_mode_combo_->currentIndex() == 1);
  current_ = c;
  valid_ = true;
  try {
    amla::validate_kernel_config(c.kernel, c.hardware);
    // The same early memory check the run does, so a hopeless size is marked before Run.
    const std::int64_t tasks = amla::count_tasks(c.kernel);
    amla::check_memory_budget("--kv-len", std::to_string(tasks) + " tasks",
                              amla::trace_memory_bytes(tasks * 100),
                              amla::default_memory_budget_bytes());
  } catch (const InputError& e) {
    valid_ = false;
    setFieldError(QString::fromStdString(e.field()), QString::fromStdString(e.what()));
  }
  run_button_->setEnabled(valid_ && !running_);
  if (!updating_) emit configEdited();
}

void ConfigPanel::setRunning(bool running) {
  running_ = running;
  run_button_->setEnabled(valid_ && !running);
  cancel_button_->setEnabled(running);
}

void ConfigPanel::setProgress(int percent) { progress_->setValue(percent); }

void ConfigPanel::setStatus(const QString& text, bool is_error) {
  status_->setText(text);
  status_->setStyleSheet(is_error ? QStringLiteral("color: #c62828;") : QString());
}

void ConfigPanel::showRunError(const QString& field, const QString& message) {
  if (error_labels_.contains(field)) {
    setFieldError(field, message);
  } else {
    general_error_->setText(message);
    general_error_->show();
  }
}

}  // namespace amla::ui
