#include "ui/numerics/bit_view.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "core/common/input_error.h"
#include "core/kernel/op_catalogue.h"
#include "ui/help/explanation_popup.h"
#include "ui/numerics/bit_cells.h"
#include "ui/numerics/hazard_presets.h"

namespace amla::ui {

namespace {

constexpr int kShiftLimit = 300;
constexpr int kCompensationLimit = 1 << 30;
const char* kErrorStyle = "color: #c62828;";

QLabel* value_label(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  label->setWordWrap(true);
  return label;
}

}  // namespace

QString value_text_for(std::uint32_t bits) {
  const QString decimal = round_trip_decimal(bits);
  try {
    if (amla::parse_float_bits("value", decimal.toStdString()) == bits) return decimal;
  } catch (const amla::InputError&) {
  }
  return QString::fromStdString(amla::hex32(bits));
}

BitView::BitView(QWidget* parent) : QWidget(parent) {
  preset_combo_ = new QComboBox(this);
  preset_combo_->setObjectName(QStringLiteral("bitPresetCombo"));
  preset_combo_->addItem(tr("Custom value (type, click bits, or click a heatmap cell)"));
  for (const HazardPreset& preset : hazard_presets()) {
    preset_combo_->addItem(QString::fromLatin1(preset.name));
    // Hovering a case says what its class of integer add means (the op catalogue's words).
    const amla::RescaleReport r = amla::analyze_exponent_add(
        preset.probe.input_bits, preset.probe.shift, preset.probe.compensation);
    const amla::CatalogueEntry& words = amla::rescale_class_entry(r.classification);
    preset_combo_->setItemData(preset_combo_->count() - 1,
                               QString::fromStdString(words.name + ": " + words.meaning),
                               Qt::ToolTipRole);
  }
  preset_combo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  connect(preset_combo_, qOverload<int>(&QComboBox::activated), this, &BitView::onPresetActivated);

  value_edit_ = new QLineEdit(this);
  value_edit_->setObjectName(QStringLiteral("bitValueEdit"));
  value_edit_->setToolTip(tr("A decimal number, inf, -inf, nan, -0 or a bit pattern 0xXXXXXXXX"));
  connect(value_edit_, &QLineEdit::textEdited, this, &BitView::onValueEdited);
  value_error_ = new QLabel(this);
  value_error_->setStyleSheet(kErrorStyle);
  value_error_->setWordWrap(true);
  value_error_->hide();

  shift_spin_ = new QSpinBox(this);
  shift_spin_->setObjectName(QStringLiteral("bitShiftSpin"));
  shift_spin_->setRange(-kShiftLimit, kShiftLimit);
  shift_spin_->setToolTip(tr("Exponent shift n: the add multiplies by 2^n"));
  connect(shift_spin_, qOverload<int>(&QSpinBox::valueChanged), this, &BitView::onShiftChanged);

  compensation_spin_ = new QSpinBox(this);
  compensation_spin_->setObjectName(QStringLiteral("bitCompensationSpin"));
  compensation_spin_->setRange(-kCompensationLimit, kCompensationLimit);
  compensation_spin_->setToolTip(
      tr("Added to the INT32 image below the exponent (AMLA's round(1.5 e 2^23))"));
  connect(compensation_spin_, qOverload<int>(&QSpinBox::valueChanged), this,
          &BitView::onCompensationChanged);

  preset_combo_->setMinimumContentsLength(30);
  shift_spin_->setMinimumWidth(70);
  compensation_spin_->setMinimumWidth(100);

  auto* inputs = new QGridLayout;
  inputs->addWidget(new QLabel(tr("Preset"), this), 0, 0);
  inputs->addWidget(preset_combo_, 0, 1, 1, 5);
  inputs->addWidget(new QLabel(tr("Value F"), this), 1, 0);
  inputs->addWidget(value_edit_, 1, 1);
  inputs->addWidget(new QLabel(tr("shift n"), this), 1, 2, Qt::AlignRight);
  inputs->addWidget(shift_spin_, 1, 3);
  inputs->addWidget(new QLabel(tr("compensation"), this), 1, 4, Qt::AlignRight);
  inputs->addWidget(compensation_spin_, 1, 5);
  inputs->addWidget(value_error_, 2, 1, 1, 5);
  inputs->setColumnStretch(1, 1);
  // Keep the fields no wider than the bit cells, so the panel needs no horizontal scrolling.
  value_edit_->setMinimumWidth(110);

  cells_ = new BitCells(this);
  connect(cells_, &BitCells::bitToggled, this, &BitView::onBitToggled);

  source_label_ = new QLabel(this);
  source_label_->setStyleSheet(QStringLiteral("color: #555;"));
  source_label_->setWordWrap(true);
  input_exact_label_ = value_label(this);
  reference_label_ = value_label(this);
  reference_exact_label_ = value_label(this);
  result_exact_label_ = value_label(this);
  ulp_label_ = value_label(this);
  class_label_ = value_label(this);
  class_label_->setObjectName(QStringLiteral("bitClassLabel"));
  class_label_->setWordWrap(false);
  explain_on_click(class_label_, [this] {
    return catalogue_entry_html(amla::rescale_class_entry(report_.classification));
  });

  auto* info = new QGridLayout;
  int row = 0;
  const auto add_info = [&](const QString& name, QLabel* label) {
    auto* name_label = new QLabel(name, this);
    name_label->setAlignment(Qt::AlignRight | Qt::AlignTop);
    info->addWidget(name_label, row, 0);
    info->addWidget(label, row, 1, label == class_label_ ? Qt::AlignLeft : Qt::Alignment());
    ++row;
  };
  add_info(tr("F, exactly:"), input_exact_label_);
  add_info(tr("F * 2^n (float multiply):"), reference_label_);
  add_info(tr("exactly:"), reference_exact_label_);
  add_info(tr("integer add, exactly:"), result_exact_label_);
  add_info(tr("ULP distance:"), ulp_label_);
  add_info(tr("classification:"), class_label_);
  info->setColumnStretch(1, 1);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(inputs);
  layout->addWidget(cells_, 0, Qt::AlignLeft);
  layout->addLayout(info);
  layout->addWidget(source_label_);
  layout->addStretch(1);

  selectPreset(0);
}

QString BitView::classificationText() const { return class_label_->text(); }
QString BitView::probeSource() const { return source_; }
QString BitView::inputError() const { return value_error_->text(); }

void BitView::selectPreset(int index) {
  const auto& presets = hazard_presets();
  if (index < 0 || index >= static_cast<int>(presets.size())) return;
  setProbeFrom(presets[index].probe,
               tr("preset: %1").arg(QString::fromLatin1(presets[index].name)));
  QSignalBlocker block(preset_combo_);
  preset_combo_->setCurrentIndex(index + 1);
}

void BitView::setProbe(const amla::BitProbe& probe) { setProbeFrom(probe, tr("set")); }

void BitView::setProbeFrom(const amla::BitProbe& probe, const QString& source) {
  probe_ = probe;
  probe_.shift = std::clamp<std::int64_t>(probe_.shift, -kShiftLimit, kShiftLimit);
  probe_.compensation =
      std::clamp<std::int64_t>(probe_.compensation, -kCompensationLimit, kCompensationLimit);
  source_ = source;
  {
    QSignalBlocker block(preset_combo_);
    preset_combo_->setCurrentIndex(0);
  }
  value_error_->clear();
  value_error_->hide();
  showProbe();
  recompute();
}

void BitView::showProbe() {
  QSignalBlocker b1(value_edit_), b2(shift_spin_), b3(compensation_spin_);
  value_edit_->setText(value_text_for(probe_.input_bits));
  shift_spin_->setValue(static_cast<int>(probe_.shift));
  compensation_spin_->setValue(static_cast<int>(probe_.compensation));
}

void BitView::markEdited() {
  source_ = tr("edited");
  QSignalBlocker block(preset_combo_);
  preset_combo_->setCurrentIndex(0);
}

void BitView::onValueEdited(const QString& text) {
  try {
    probe_.input_bits = amla::parse_float_bits("value", text.trimmed().toStdString());
  } catch (const amla::InputError& e) {
    // Keep showing the last valid value; the reason sits right under the field.
    value_error_->setText(QString::fromStdString(e.what()));
    value_error_->show();
    return;
  }
  value_error_->clear();
  value_error_->hide();
  markEdited();
  recompute();
}

void BitView::onShiftChanged(int shift) {
  probe_.shift = shift;
  markEdited();
  recompute();
}

void BitView::onCompensationChanged(int compensation) {
  probe_.compensation = compensation;
  markEdited();
  recompute();
}

void BitView::onPresetActivated(int combo_index) {
  if (combo_index >= 1) selectPreset(combo_index - 1);
}

void BitView::onBitToggled(int bit) {
  probe_.input_bits ^= std::uint32_t{1} << bit;
  value_error_->clear();
  value_error_->hide();
  markEdited();
  showProbe();
  recompute();
}

void BitView::recompute() {
  report_ = amla::analyze_exponent_add(probe_.input_bits, probe_.shift, probe_.compensation);
  cells_->setValues(report_.input_bits, probe_.shift, probe_.compensation, report_.addend,
                    report_.result_bits);

  reference_label_->setText(QStringLiteral("%1    %2")
                                .arg(round_trip_decimal(report_.reference_bits),
                                     QString::fromStdString(amla::hex32(report_.reference_bits))));
  input_exact_label_->setText(exact_decimal(report_.input_bits));
  reference_exact_label_->setText(exact_decimal(report_.reference_bits));
  result_exact_label_->setText(exact_decimal(report_.result_bits));
  if (report_.ulp_distance) {
    ulp_label_->setText(QString::number(*report_.ulp_distance));
  } else {
    ulp_label_->setText(tr("undefined (a NaN has no place on the float line)"));
  }
  const bool hazard = amla::is_hazard(report_.classification);
  const amla::CatalogueEntry& words = amla::rescale_class_entry(report_.classification);
  class_label_->setText(QString::fromStdString(words.name));
  class_label_->setStyleSheet(hazard ? QStringLiteral("color: white; background: #c62828; "
                                                      "font-weight: bold; padding: 1px 4px;")
                                     : QStringLiteral("color: #2e7d32; font-weight: bold;"));
  class_label_->setToolTip(tr("%1 (%2): %3 Click for more.")
                               .arg(hazard ? tr("Hazard") : tr("Safe"),
                                    QString::fromStdString(words.key),
                                    QString::fromStdString(words.meaning)));
  source_label_->setText(tr("Source: %1").arg(source_));
  emit probeChanged(probe_);
}

}  // namespace amla::ui
