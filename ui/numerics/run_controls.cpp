#include "ui/numerics/run_controls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/common/input_error.h"
#include "core/common/memory_budget.h"
#include "core/numerics/amla_switches.h"
#include "core/numerics/kernel_blocking.h"
#include "core/numerics/numerics_variants.h"
#include "core/numerics/pasa_switches.h"

namespace amla::ui {

namespace {

const char* kErrorStyle = "color: #c62828;";
// The memory check names both sizes; its message goes under kv-len.
const char* kMemoryField = "rows x kv-len";

// The shortest text that reads back as exactly v (so 1e-6 shows as "1e-06", not 9.99...e-07),
// in plain notation for ordinary magnitudes ("30", not "3e+01").
QString number_text(double v) {
  const bool ordinary = v == 0 || (std::fabs(v) >= 1e-4 && std::fabs(v) < 1e6);
  for (int digits = 1; digits < 17; ++digits) {
    const QString text = QString::number(v, 'g', digits);
    if (text.toDouble() == v && !(ordinary && text.contains(QLatin1Char('e')))) return text;
  }
  return QString::number(v, 'g', 17);
}

QSpinBox* spin(int lo, int hi, int value, const char* object_name, QWidget* parent) {
  auto* box = new QSpinBox(parent);
  box->setRange(lo, hi);
  box->setValue(value);
  box->setObjectName(QString::fromLatin1(object_name));
  box->setKeyboardTracking(false);
  return box;
}

// A number longer than its field shows its start (a value's magnitude), not its last digits.
void show_start(QLineEdit* edit) { edit->setCursorPosition(0); }

QLineEdit* line(const QString& text, const char* object_name, QWidget* parent) {
  auto* edit = new QLineEdit(text, parent);
  edit->setObjectName(QString::fromLatin1(object_name));
  show_start(edit);
  return edit;
}

// Parses a double the way the CLI does: a plain decimal or scientific number, nothing else.
std::optional<double> parse_number(const QString& text) {
  bool ok = false;
  const double v = text.trimmed().toDouble(&ok);
  if (!ok) return std::nullopt;
  return v;
}

}  // namespace

RunControls::RunControls(QWidget* parent) : QWidget(parent) {
  const amla::InputSpec spec_defaults;
  const amla::KernelBlocking blocking_defaults;
  const amla::AmlaSwitches switch_defaults;

  distribution_combo_ = new QComboBox(this);
  distribution_combo_->setObjectName(QStringLiteral("distributionCombo"));
  for (const amla::DistributionInfo& info : amla::all_distributions()) {
    distribution_combo_->addItem(QString::fromLatin1(info.name), static_cast<int>(info.id));
    distribution_combo_->setItemData(distribution_combo_->count() - 1,
                                     QString::fromLatin1(info.description), Qt::ToolTipRole);
  }
  distribution_note_ = new QLabel(this);
  distribution_note_->setWordWrap(true);
  distribution_note_->setStyleSheet(QStringLiteral("color: #555;"));

  rows_spin_ = spin(1, 1 << 20, 128, "rowsSpin", this);
  rows_spin_->setToolTip(tr("Attention rows = heads x q_tokens"));
  kv_len_spin_ = spin(1, 1 << 26, 4096, "kvLenSpin", this);
  kv_len_spin_->setToolTip(tr("KV cache length S_k in tokens"));
  // The blocking's limits are the kernel's (kernel_blocking.h): the same KV block the
  // simulation accepts, in the Cube's 16-token steps.
  kv_block_spin_ =
      spin(kKvBlockMultiple, kMaxKvBlock, blocking_defaults.kv_block, "kvBlockSpin", this);
  kv_block_spin_->setSingleStep(kKvBlockMultiple);
  kv_block_spin_->setToolTip(tr("s2Base: KV tokens per task; every block boundary is a rescale"));
  rows_per_task_spin_ =
      spin(1, kMaxRowsPerTask, blocking_defaults.rows_per_task, "rowsPerTaskSpin", this);
  rows_per_task_spin_->setToolTip(tr("mBase: rows per task"));
  seed_edit_ = line(QString::number(spec_defaults.seed), "seedEdit", this);
  scale_edit_ = line(number_text(spec_defaults.scale), "scaleEdit", this);
  scale_edit_->setToolTip(tr("Softmax scale; FlashMLA's default is 1/sqrt(576)"));

  exponent_add_check_ = new QCheckBox(tr("exponent add (INT32)"), this);
  exponent_add_check_->setToolTip(
      tr("On: as_int32(O) += N. Off: O *= 2^dn by an exact float "
         "multiply (and the compensation as a float factor)."));
  exponent_add_check_->setObjectName(QStringLiteral("exponentAddCheck"));
  exponent_add_check_->setChecked(switch_defaults.exponent_add);
  compensation_check_ = new QCheckBox(tr("compensation"), this);
  compensation_check_->setToolTip(tr("The 1.5 e term; the field is the mantissa constant"));
  compensation_check_->setObjectName(QStringLiteral("compensationCheck"));
  compensation_check_->setChecked(switch_defaults.compensation);
  mantissa_edit_ = line(number_text(switch_defaults.mantissa_mean), "mantissaEdit", this);
  mantissa_edit_->setToolTip(tr("The mean of (1 + f) used in N = ... + mean * e * 2^23"));
  clamp_check_ = new QCheckBox(tr("clamp dn at"), this);
  clamp_check_->setObjectName(QStringLiteral("clampCheck"));
  clamp_check_->setChecked(switch_defaults.clamp);
  clamp_spin_ = spin(-126, 0, switch_defaults.clamp_value, "clampSpin", this);
  guard_check_ = new QCheckBox(tr("guard |O| >"), this);
  guard_check_->setObjectName(QStringLiteral("guardCheck"));
  guard_check_->setChecked(switch_defaults.guard);
  guard_edit_ = line(number_text(switch_defaults.guard_threshold), "guardEdit", this);
  epsilon_edit_ = line(number_text(switch_defaults.epsilon), "epsilonEdit", this);
  epsilon_edit_->setToolTip(tr("The shipped code's unexplained +1e-6 before the * 2^23 (0 = off)"));

  mean_edit_ = line(number_text(spec_defaults.mean), "meanEdit", this);
  mean_edit_->setToolTip(tr("pasa-uniform, pasa-hybrid, resonance: the mean of every element"));
  amplitude_edit_ = line(number_text(spec_defaults.amplitude), "amplitudeEdit", this);
  amplitude_edit_->setToolTip(
      tr("Am: uniform half-width, outlier sigma (hybrid) or the "
         "sinusoid's amplitude (resonance)"));
  phase_combo_ = new QComboBox(this);
  phase_combo_->setObjectName(QStringLiteral("phaseCombo"));
  for (auto p : {amla::ResonancePhase::kCoincide, amla::ResonancePhase::kOpposite}) {
    phase_combo_->addItem(QString::fromLatin1(amla::phase_name(p)), static_cast<int>(p));
  }

  const amla::PasaSwitches pasa_defaults;
  const auto defaults = amla::default_variants();
  for (const amla::VariantInfo& info : amla::all_variants()) {
    auto* check = new QCheckBox(QString::fromLatin1(info.label), this);
    check->setObjectName(QStringLiteral("variant_") + QString::fromLatin1(info.name));
    check->setToolTip(QString::fromLatin1(info.description));
    check->setChecked(std::find(defaults.begin(), defaults.end(), info.id) != defaults.end());
    variant_checks_.push_back(check);
  }
  beta_edit_ = line(number_text(pasa_defaults.beta), "betaEdit", this);
  beta_edit_->setToolTip(tr("PASA's shift fraction beta, in [0, 0.999]"));
  beta_preset_combo_ = new QComboBox(this);
  beta_preset_combo_->setObjectName(QStringLiteral("betaPresetCombo"));
  beta_preset_combo_->addItem(tr("preset..."), QVariant());
  for (double beta : {amla::kPasaBetaFp16, amla::kPasaBetaBf16, amla::kPasaBetaFine}) {
    beta_preset_combo_->addItem(number_text(beta), beta);
  }
  beta_preset_combo_->setToolTip(
      tr("The fixed points of PASA's step 9: 0.9375 (FP16 inputs), "
         "0.968994 (BF16 inputs), 0.984497"));
  connect(beta_preset_combo_, qOverload<int>(&QComboBox::activated), this, [this](int index) {
    const QVariant beta = beta_preset_combo_->itemData(index);
    if (beta.isValid()) beta_edit_->setText(number_text(beta.toDouble()));
    beta_preset_combo_->setCurrentIndex(0);
  });
  pasa_precision_combo_ = new QComboBox(this);
  pasa_precision_combo_->setObjectName(QStringLiteral("pasaPrecisionCombo"));
  for (const amla::PasaOption& o : amla::pasa_precision_options()) {
    pasa_precision_combo_->addItem(QString::fromLatin1(o.name));
    pasa_precision_combo_->setItemData(pasa_precision_combo_->count() - 1,
                                       QString::fromLatin1(o.description), Qt::ToolTipRole);
  }
  pasa_precision_combo_->setCurrentIndex(static_cast<int>(pasa_defaults.precision));
  pasa_mean_combo_ = new QComboBox(this);
  pasa_mean_combo_->setObjectName(QStringLiteral("pasaMeanCombo"));
  for (const amla::PasaOption& o : amla::pasa_mean_options()) {
    pasa_mean_combo_->addItem(QString::fromLatin1(o.name));
    pasa_mean_combo_->setItemData(pasa_mean_combo_->count() - 1, QString::fromLatin1(o.description),
                                  Qt::ToolTipRole);
  }
  pasa_mean_combo_->setCurrentIndex(static_cast<int>(pasa_defaults.mean));

  auto* inputs_box = new QGroupBox(tr("Inputs"), this);
  auto* inputs_form = new QFormLayout(inputs_box);
  inputs_form->addRow(tr("distribution"), distribution_combo_);
  inputs_form->addRow(distribution_note_);
  inputs_form->addRow(tr("rows"), withErrorLabel(QStringLiteral("rows"), rows_spin_));
  inputs_form->addRow(tr("kv-len"), withErrorLabel(QStringLiteral("kv-len"), kv_len_spin_));
  inputs_form->addRow(tr("seed"), withErrorLabel(QStringLiteral("seed"), seed_edit_));
  inputs_form->addRow(tr("scale"), withErrorLabel(QStringLiteral("scale"), scale_edit_));
  inputs_form->addRow(tr("mean"), withErrorLabel(QStringLiteral("mean"), mean_edit_));
  inputs_form->addRow(tr("amplitude"),
                      withErrorLabel(QStringLiteral("amplitude"), amplitude_edit_));
  inputs_form->addRow(tr("phase"), phase_combo_);

  auto* variants_box = new QGroupBox(tr("Variants"), this);
  auto* variants_layout = new QVBoxLayout(variants_box);
  auto* variants_grid = new QGridLayout;
  for (int i = 0; i < variant_checks_.size(); ++i) {
    variants_grid->addWidget(variant_checks_[i], i / 2, i % 2);
  }
  variants_layout->addLayout(variants_grid);
  auto* variants_error = new QWidget(this);
  variants_layout->addWidget(withErrorLabel(QStringLiteral("variants"), variants_error));

  auto* blocking_box = new QGroupBox(tr("Kernel blocking"), this);
  auto* blocking_form = new QFormLayout(blocking_box);
  blocking_form->addRow(tr("kv-block"), withErrorLabel(QStringLiteral("kv-block"), kv_block_spin_));
  blocking_form->addRow(tr("rows-per-task"),
                        withErrorLabel(QStringLiteral("rows-per-task"), rows_per_task_spin_));

  auto* switches_box = new QGroupBox(tr("AMLA switches"), this);
  auto* switches_form = new QFormLayout(switches_box);
  switches_form->addRow(exponent_add_check_);
  switches_form->addRow(compensation_check_,
                        withErrorLabel(QStringLiteral("mantissa-mean"), mantissa_edit_));
  switches_form->addRow(clamp_check_, withErrorLabel(QStringLiteral("clamp"), clamp_spin_));
  switches_form->addRow(guard_check_, withErrorLabel(QStringLiteral("guard"), guard_edit_));
  switches_form->addRow(tr("epsilon"), withErrorLabel(QStringLiteral("epsilon"), epsilon_edit_));

  auto* pasa_box = new QGroupBox(tr("PASA switches"), this);
  auto* pasa_form = new QFormLayout(pasa_box);
  pasa_form->addRow(tr("beta"), withErrorLabel(QStringLiteral("pasa-beta"), beta_edit_));
  pasa_form->addRow(tr("beta preset"), beta_preset_combo_);
  pasa_form->addRow(tr("precision"), pasa_precision_combo_);
  pasa_form->addRow(tr("row mean"), pasa_mean_combo_);

  run_button_ = new QPushButton(tr("Run"), this);
  run_button_->setObjectName(QStringLiteral("runButton"));
  run_button_->setDefault(true);
  cancel_button_ = new QPushButton(tr("Cancel"), this);
  cancel_button_->setObjectName(QStringLiteral("cancelButton"));
  cancel_button_->setEnabled(false);
  connect(run_button_, &QPushButton::clicked, this, &RunControls::onRunClicked);
  connect(cancel_button_, &QPushButton::clicked, this, &RunControls::cancelRequested);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(run_button_);
  buttons->addWidget(cancel_button_);

  progress_bar_ = new QProgressBar(this);
  progress_bar_->setObjectName(QStringLiteral("runProgress"));
  progress_bar_->setRange(0, 100);
  progress_bar_->setValue(0);
  status_label_ = new QLabel(this);
  status_label_->setObjectName(QStringLiteral("runStatus"));
  status_label_->setWordWrap(true);
  general_error_ = new QLabel(this);
  general_error_->setStyleSheet(kErrorStyle);
  general_error_->setWordWrap(true);
  general_error_->hide();

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(inputs_box);
  layout->addWidget(blocking_box);
  layout->addWidget(variants_box);
  layout->addWidget(switches_box);
  layout->addWidget(pasa_box);
  layout->addWidget(general_error_);
  layout->addLayout(buttons);
  layout->addWidget(progress_bar_);
  layout->addWidget(status_label_);
  layout->addStretch(1);

  // Every edit re-checks the whole form, since limits depend on each other (memory, blocks).
  connect(distribution_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          &RunControls::revalidate);
  for (QSpinBox* box :
       {rows_spin_, kv_len_spin_, kv_block_spin_, rows_per_task_spin_, clamp_spin_}) {
    connect(box, qOverload<int>(&QSpinBox::valueChanged), this, &RunControls::revalidate);
  }
  for (QLineEdit* edit : {seed_edit_, scale_edit_, mantissa_edit_, guard_edit_, epsilon_edit_,
                          mean_edit_, amplitude_edit_, beta_edit_}) {
    connect(edit, &QLineEdit::textChanged, this, &RunControls::revalidate);
  }
  for (QComboBox* combo : {phase_combo_, pasa_precision_combo_, pasa_mean_combo_}) {
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, &RunControls::revalidate);
  }
  for (QCheckBox* check : variant_checks_) {
    connect(check, &QCheckBox::toggled, this, &RunControls::revalidate);
  }
  for (QCheckBox* box : {exponent_add_check_, compensation_check_, clamp_check_, guard_check_}) {
    connect(box, &QCheckBox::toggled, this, &RunControls::revalidate);
  }
  connect(mantissa_edit_, &QLineEdit::textChanged, this, [this] {
    if (fieldError(QStringLiteral("mantissa-mean")).isEmpty())
      emit mantissaMeanChanged(mantissaMean());
  });
  revalidate();
}

QWidget* RunControls::withErrorLabel(const QString& field, QWidget* editor) {
  auto* holder = new QWidget(this);
  auto* column = new QVBoxLayout(holder);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(1);
  column->addWidget(editor);
  auto* error = new QLabel(holder);
  error->setObjectName(field + QStringLiteral("Error"));
  error->setStyleSheet(kErrorStyle);
  error->setWordWrap(true);
  error->hide();
  column->addWidget(error);
  error_labels_.insert(field, error);
  return holder;
}

void RunControls::setFieldError(const QString& field, const QString& message) {
  QLabel* label = error_labels_.value(
      field == QLatin1String(kMemoryField) ? QStringLiteral("kv-len") : field, nullptr);
  if (label == nullptr) label = general_error_;
  label->setText(message);
  label->show();
}

void RunControls::clearFieldErrors() {
  for (QLabel* label : error_labels_) {
    label->clear();
    label->hide();
  }
  general_error_->clear();
  general_error_->hide();
}

QString RunControls::fieldError(const QString& field) const {
  QLabel* label = error_labels_.value(field, nullptr);
  return label ? label->text() : general_error_->text();
}

double RunControls::mantissaMean() const {
  return parse_number(mantissa_edit_->text()).value_or(amla::AmlaSwitches{}.mantissa_mean);
}

std::optional<NumericsRequest> RunControls::buildRequest() {
  NumericsRequest request;
  bool ok = true;
  const auto parse_failed = [&](const QString& field, const QString& text, const QString& limit) {
    setFieldError(field, QStringLiteral("%1: '%2' (%3)").arg(field, text, limit));
    ok = false;
  };

  amla::InputSpec& spec = request.spec;
  spec.distribution =
      static_cast<amla::InputDistribution>(distribution_combo_->currentData().toInt());
  spec.rows = rows_spin_->value();
  spec.kv_len = kv_len_spin_->value();
  bool seed_ok = false;
  spec.seed = seed_edit_->text().trimmed().toULongLong(&seed_ok, 0);
  if (!seed_ok)
    parse_failed(QStringLiteral("seed"), seed_edit_->text(), tr("an integer in [0, 2^64 - 1]"));
  if (auto scale = parse_number(scale_edit_->text())) {
    spec.scale = *scale;
  } else {
    parse_failed(QStringLiteral("scale"), scale_edit_->text(),
                 tr("expected a number, e.g. 0.0416667"));
  }

  spec.phase = static_cast<amla::ResonancePhase>(phase_combo_->currentData().toInt());
  if (auto mean = parse_number(mean_edit_->text())) {
    spec.mean = *mean;
  } else {
    parse_failed(QStringLiteral("mean"), mean_edit_->text(), tr("expected a number"));
  }
  if (auto amplitude = parse_number(amplitude_edit_->text())) {
    spec.amplitude = *amplitude;
  } else {
    parse_failed(QStringLiteral("amplitude"), amplitude_edit_->text(), tr("expected a number"));
  }

  amla::NumericsConfig& config = request.config;
  config.variants.clear();
  for (int i = 0; i < variant_checks_.size(); ++i) {
    if (variant_checks_[i]->isChecked()) {
      config.variants.push_back(amla::all_variants()[static_cast<std::size_t>(i)].id);
    }
  }
  if (config.variants.empty()) {
    parse_failed(QStringLiteral("variants"), tr("none"), tr("choose at least one variant"));
  }
  config.pasa.precision = static_cast<amla::PasaPrecision>(pasa_precision_combo_->currentIndex());
  config.pasa.mean = static_cast<amla::PasaMeanReduction>(pasa_mean_combo_->currentIndex());
  if (auto beta = parse_number(beta_edit_->text())) {
    config.pasa.beta = *beta;
  } else {
    parse_failed(QStringLiteral("pasa-beta"), beta_edit_->text(),
                 tr("expected a number in [0, 0.999]"));
  }
  config.blocking.kv_block = kv_block_spin_->value();
  config.blocking.rows_per_task = rows_per_task_spin_->value();
  // The hazard distributions put their score rise at the start of the second KV block.
  spec.jump_token = std::min(spec.kv_len, config.blocking.kv_block);

  amla::AmlaSwitches& sw = config.switches;
  sw.exponent_add = exponent_add_check_->isChecked();
  sw.compensation = compensation_check_->isChecked();
  sw.clamp = clamp_check_->isChecked();
  sw.clamp_value = clamp_spin_->value();
  sw.guard = guard_check_->isChecked();
  const struct {
    QLineEdit* edit;
    const char* field;
    double* target;
  } numbers[] = {{mantissa_edit_, "mantissa-mean", &sw.mantissa_mean},
                 {guard_edit_, "guard", &sw.guard_threshold},
                 {epsilon_edit_, "epsilon", &sw.epsilon}};
  for (const auto& n : numbers) {
    if (auto v = parse_number(n.edit->text())) {
      *n.target = *v;
    } else {
      parse_failed(QString::fromLatin1(n.field), n.edit->text(), tr("expected a number"));
    }
  }
  if (!ok) return std::nullopt;

  // The same validators the core runs, so the GUI refuses exactly what the CLI refuses.
  try {
    amla::validate_input_spec(spec);
    amla::validate_blocking(config.blocking);
    amla::validate_switches(sw);
    amla::validate_pasa_switches(config.pasa);
    const int extra = static_cast<int>(
        std::count_if(config.variants.begin(), config.variants.end(), [](amla::NumericsVariant v) {
          return v == amla::NumericsVariant::kFp16 || v == amla::NumericsVariant::kPasa;
        }));
    amla::check_memory_budget(
        kMemoryField, std::to_string(spec.rows) + " x " + std::to_string(spec.kv_len),
        amla::numerics_memory_bytes(spec.rows, spec.kv_len, config.blocking, extra),
        amla::default_memory_budget_bytes());
  } catch (const amla::InputError& e) {
    setFieldError(QString::fromStdString(e.field()), QString::fromStdString(e.what()));
    return std::nullopt;
  }
  return request;
}

void RunControls::revalidate() {
  distribution_note_->setText(distribution_combo_->currentData(Qt::ToolTipRole).toString());
  mantissa_edit_->setEnabled(compensation_check_->isChecked());
  clamp_spin_->setEnabled(clamp_check_->isChecked());
  guard_edit_->setEnabled(guard_check_->isChecked());
  clearFieldErrors();
  current_ = buildRequest();
  emit requestChanged(current_);
  run_button_->setEnabled(current_.has_value() && !running_);
  const auto d = static_cast<amla::InputDistribution>(distribution_combo_->currentData().toInt());
  const bool uses_mean = d == amla::InputDistribution::kPasaUniform ||
                         d == amla::InputDistribution::kPasaHybrid ||
                         d == amla::InputDistribution::kResonance;
  mean_edit_->setEnabled(uses_mean);
  amplitude_edit_->setEnabled(uses_mean);
  phase_combo_->setEnabled(d == amla::InputDistribution::kResonance);
  const bool pasa_on = variant_checks_[static_cast<int>(amla::NumericsVariant::kPasa)]->isChecked();
  for (QWidget* w :
       {static_cast<QWidget*>(beta_edit_), static_cast<QWidget*>(beta_preset_combo_),
        static_cast<QWidget*>(pasa_precision_combo_), static_cast<QWidget*>(pasa_mean_combo_)}) {
    w->setEnabled(pasa_on);
  }
  run_button_->setToolTip(current_ ? tr("Run the golden and the chosen variants")
                                   : tr("Fix the fields marked in red first"));
}

std::optional<NumericsRequest> RunControls::request() const { return current_; }

void RunControls::onRunClicked() {
  if (current_ && !running_) emit runRequested(*current_);
}

void RunControls::setRunning(bool running) {
  running_ = running;
  run_button_->setEnabled(current_.has_value() && !running_);
  cancel_button_->setEnabled(running_);
}

void RunControls::setProgress(int percent) { progress_bar_->setValue(percent); }

void RunControls::setStatus(const QString& text, bool is_error) {
  status_label_->setText(text);
  status_label_->setStyleSheet(is_error ? QString::fromLatin1(kErrorStyle) : QString());
}

void RunControls::setBlocking(int rows_per_task, int kv_block) {
  rows_per_task_spin_->setValue(rows_per_task);
  kv_block_spin_->setValue(kv_block);
}

void RunControls::setRequest(const NumericsRequest& request) {
  // One revalidation at the end, not one per field (each field's signal would re-check all).
  const QList<QWidget*> fields = findChildren<QWidget*>();
  for (QWidget* w : fields) w->blockSignals(true);
  const amla::InputSpec& spec = request.spec;
  distribution_combo_->setCurrentIndex(
      distribution_combo_->findData(static_cast<int>(spec.distribution)));
  rows_spin_->setValue(spec.rows);
  kv_len_spin_->setValue(spec.kv_len);
  seed_edit_->setText(QString::number(spec.seed));
  scale_edit_->setText(number_text(spec.scale));
  mean_edit_->setText(number_text(spec.mean));
  amplitude_edit_->setText(number_text(spec.amplitude));
  phase_combo_->setCurrentIndex(phase_combo_->findData(static_cast<int>(spec.phase)));
  const amla::NumericsConfig& config = request.config;
  kv_block_spin_->setValue(config.blocking.kv_block);
  rows_per_task_spin_->setValue(config.blocking.rows_per_task);
  for (int i = 0; i < variant_checks_.size(); ++i) {
    const amla::NumericsVariant id = amla::all_variants()[static_cast<std::size_t>(i)].id;
    variant_checks_[i]->setChecked(std::find(config.variants.begin(), config.variants.end(), id) !=
                                   config.variants.end());
  }
  beta_edit_->setText(number_text(config.pasa.beta));
  pasa_precision_combo_->setCurrentIndex(static_cast<int>(config.pasa.precision));
  pasa_mean_combo_->setCurrentIndex(static_cast<int>(config.pasa.mean));
  const amla::AmlaSwitches& sw = config.switches;
  exponent_add_check_->setChecked(sw.exponent_add);
  compensation_check_->setChecked(sw.compensation);
  mantissa_edit_->setText(number_text(sw.mantissa_mean));
  clamp_check_->setChecked(sw.clamp);
  clamp_spin_->setValue(sw.clamp_value);
  guard_check_->setChecked(sw.guard);
  guard_edit_->setText(number_text(sw.guard_threshold));
  epsilon_edit_->setText(number_text(sw.epsilon));
  for (QLineEdit* edit : {seed_edit_, scale_edit_, mean_edit_, amplitude_edit_, beta_edit_,
                          mantissa_edit_, guard_edit_, epsilon_edit_}) {
    show_start(edit);
  }
  for (QWidget* w : fields) w->blockSignals(false);
  revalidate();
  emit mantissaMeanChanged(mantissaMean());
}

}  // namespace amla::ui
