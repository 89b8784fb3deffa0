#include "ui/studio/config_panel.h"

#include "ui/common/qt_text.h"
#include "ui/common/screen_units.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_params.h"
#include "core/run/simulation_run.h"
#include "core/session/studio_session.h"

namespace amla::ui {

namespace {

const char kHardwareFileItem[] = "(hardware file)";
// Characters a closed choice box shows at least ("910C-package", "every request S_k").
constexpr int kComboMinimumCharacters = 10;

// The tooltip of a parameter: its help sentence, unit and range, with other parameters named
// by their labels.
QString param_tooltip(const ParamDef& p) {
  QString tip = QString::fromStdString(render_param_refs(std::string(p.help), ParamNaming::kLabel));
  tip += QStringLiteral("\n%1").arg(QString::fromStdString(param_range_text(p)));
  if (!p.unit.empty()) tip += QStringLiteral(" (%1)").arg(screen_unit(p.unit));
  tip += QStringLiteral("\nCLI: --%1   JSON: %2").arg(qs(p.flag), qs(p.id));
  return tip;
}

}  // namespace

ConfigPanel::ConfigPanel(QWidget* parent) : QWidget(parent) {
  current_ = amla::studio_default_config();

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

  // Machine: the one part of a run outside the parameter schema.
  auto* machine = new QGroupBox(tr("Machine"), inner);
  auto* machine_form = new QFormLayout(machine);
  preset_combo_ = new QComboBox(machine);
  for (const auto& name : amla::preset_names()) {
    preset_combo_->addItem(QString::fromStdString(name));
  }
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
  machine_form->addRow(tr("preset"), withErrorLabel(kPresetField, preset_row));
  editors_[kPresetField] = preset_combo_;
  layout->addWidget(machine);

  // One group per schema group, fields in schema order.
  QMap<QString, QFormLayout*> forms;
  for (const ParamDef& p : kernel_params()) {
    const QString group = qs(p.group);
    if (!forms.contains(group)) {
      auto* box = new QGroupBox(group, inner);
      forms[group] = new QFormLayout(box);
      layout->addWidget(box);
    }
    QFormLayout* form = forms[group];
    addParamField(form, p);
    if (p.id == "problem.kv_len") {
      // How S_k is used: one length for every request, or FlashMLA's drawn lengths.
      kv_mode_combo_ = new QComboBox(this);
      kv_mode_combo_->addItem(tr("every request S_k"));
      kv_mode_combo_->addItem(tr("FlashMLA: Normal(S_k, S_k/2)"));
      form->addRow(tr("lengths"), withErrorLabel(kLengthsField, kv_mode_combo_));
      kv_seed_spin_ = new QSpinBox(this);
      kv_seed_spin_->setRange(0, 1 << 30);
      kv_seed_spin_->setToolTip(tr("Seed of the drawn lengths (the same seed, the same lengths)"));
      form->addRow(tr("length seed"), withErrorLabel(kLengthSeedField, kv_seed_spin_));
    }
  }
  layout->addStretch(1);
  // The fields never scroll sideways (a field cut at the panel's edge is unreadable): the panel
  // is as wide as its widest row (set with the values) and scrolls only down.
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  // A choice's longest item would set the panel's width: the closed box shows a readable part,
  // the open list all of it.
  for (QComboBox* combo : inner->findChildren<QComboBox*>()) {
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(kComboMinimumCharacters);
  }

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
  for (QComboBox* combo : {preset_combo_, kv_mode_combo_}) {
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

void ConfigPanel::addParamField(QFormLayout* form, const ParamDef& p) {
  ParamField field{&p};
  QWidget* editor = nullptr;
  if (p.type == ParamType::kChoice) {
    field.combo = new QComboBox(this);
    for (const auto name : p.choices) field.combo->addItem(qs(name));
    connect(field.combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, &p] {
      last_edited_ = qs(p.id);
      revalidate();
    });
    editor = field.combo;
  } else {
    field.spin = new QSpinBox(this);
    field.spin->setRange(static_cast<int>(p.min), static_cast<int>(p.max));
    field.spin->setSingleStep(static_cast<int>(p.multiple_of));
    field.spin->setKeyboardTracking(false);
    QSpinBox* spin = field.spin;
    const auto show_unit = [spin, &p] {
      if (!p.unit.empty())
        spin->setSuffix(QStringLiteral(" ") + screen_count_unit(p.unit, spin->value()));
    };
    show_unit();
    connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, [this, &p, show_unit] {
      show_unit();  // "1 part", "2 parts"
      last_edited_ = qs(p.id);
      revalidate();
    });
    editor = field.spin;
  }
  editor->setToolTip(param_tooltip(p));
  form->addRow(qs(p.label), withErrorLabel(qs(p.id), editor));
  param_fields_.push_back(field);
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

// At its field the label already names the parameter: show the value and the reason, with
// other parameters named by their labels. Elsewhere, the whole sentence.
void ConfigPanel::showInputError(const InputError& e) {
  const QString field = QString::fromStdString(e.field());
  if (error_labels_.contains(field)) {
    setFieldError(field, QString::fromStdString(e.value() + ": " +
                                                render_param_refs(e.limit(), ParamNaming::kLabel)));
    // A rule between fields also shows at the field just changed, when the rule names it.
    const std::string ref = "{" + last_edited_.toStdString() + "}";
    if (last_edited_ != field && e.limit().find(ref) != std::string::npos) {
      setFieldError(last_edited_,
                    QString::fromStdString(render_input_error(e, ParamNaming::kLabel)));
    }
  } else {
    setFieldError(field, QString::fromStdString(render_input_error(e, ParamNaming::kLabel)));
  }
}

void ConfigPanel::setConfig(const RunConfig& config) {
  current_ = config;
  refreshFromConfig();
}

// Puts current_ into the editors without re-triggering validation for every field.
void ConfigPanel::refreshFromConfig() {
  updating_ = true;
  const int preset_index = preset_combo_->findText(QString::fromStdString(current_.hardware.name));
  if (preset_index >= 0) {
    preset_combo_->setCurrentIndex(preset_index);
  } else {
    if (preset_combo_->findText(kHardwareFileItem) < 0) preset_combo_->addItem(kHardwareFileItem);
    preset_combo_->setCurrentText(kHardwareFileItem);
  }
  for (const ParamField& f : param_fields_) {
    const long long v = f.param->get(current_.kernel);
    if (f.combo) f.combo->setCurrentIndex(static_cast<int>(v));
    if (f.spin) f.spin->setValue(static_cast<int>(v));
  }
  kv_mode_combo_->setCurrentIndex(current_.kernel.problem.kv_lens.empty() ? 0 : 1);
  updating_ = false;
  revalidate();
  // As wide as the widest row with these values, so no field is cut at the panel's edge; a
  // character more for the rounding of text widths at 150% and 200% scaling.
  if (auto* scroll = findChild<QScrollArea*>()) {
    scroll->setMinimumWidth(scroll->widget()->minimumSizeHint().width() +
                            scroll->verticalScrollBar()->sizeHint().width() +
                            fontMetrics().averageCharWidth());
  }
}

void ConfigPanel::loadHardwareFile() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Load hardware"), QString(),
                                                    tr("Hardware JSON (*.json)"));
  if (path.isEmpty()) return;
  try {
    current_.hardware = amla::load_hardware_file(path.toStdString());
    setFieldError(kPresetField, QString());
    refreshFromConfig();
  } catch (const InputError& e) {
    setFieldError(kPresetField, QString::fromStdString(e.what()));
  }
}

void ConfigPanel::revalidate() {
  if (updating_) return;
  for (auto* label : error_labels_) label->hide();
  general_error_->hide();
  RunConfig c = current_;
  valid_ = true;
  const QString preset = preset_combo_->currentText();
  if (preset != kHardwareFileItem) {
    try {
      c.hardware = amla::find_preset(preset.toStdString());
    } catch (const InputError& e) {
      valid_ = false;
      setFieldError(kPresetField, QString::fromStdString(e.what()));
    }
  }
  for (const ParamField& f : param_fields_) {
    f.param->set(c.kernel, f.combo ? f.combo->currentIndex() : f.spin->value());
  }
  const bool drawn = kv_mode_combo_->currentIndex() == 1;
  kv_seed_spin_->setEnabled(drawn);
  Problem& problem = c.kernel.problem;
  problem.kv_lens.clear();
  if (drawn) {
    try {
      problem.kv_lens = amla::draw_kv_lengths(problem.batch, problem.kv_len,
                                              static_cast<std::uint64_t>(kv_seed_spin_->value()));
    } catch (const InputError& e) {
      valid_ = false;
      setFieldError(kLengthsField, QString::fromStdString(e.what()));
    }
  }
  current_ = c;
  try {
    // The check a run makes before it starts, so a hopeless size is marked before Run.
    amla::preflight_check(
        c.hardware, c.kernel,
        memory_budget_bytes_ ? memory_budget_bytes_ : amla::default_memory_budget_bytes());
  } catch (const InputError& e) {
    valid_ = false;
    // The trace's size follows from the problem: say so at S_k.
    if (e.field() == "trace") {
      setFieldError(QStringLiteral("problem.kv_len"), QString::fromStdString(e.what()));
    } else {
      showInputError(e);
    }
  }
  run_button_->setEnabled(valid_ && !running_);
  emit configEdited();
}

void ConfigPanel::setMemoryBudget(std::uint64_t bytes) {
  memory_budget_bytes_ = bytes;
  revalidate();
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
  setFieldError(
      error_labels_.contains(field) ? field : QString(),
      QString::fromStdString(render_param_refs(message.toStdString(), ParamNaming::kLabel)));
}

}  // namespace amla::ui
