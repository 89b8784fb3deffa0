#pragma once
// The bit view (float.exposed style, for AMLA): pick or type a value F, a shift n and a
// compensation addend, see F, the addend N, F + N as INT32 and the changed bits cell by cell,
// next to the exact F * 2^n, the ULP distance between the two and the hazard classification.
#include <QWidget>

#include "core/numerics/float_bits.h"
#include "core/numerics/heatmaps.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace amla::ui {

class BitCells;

class BitView : public QWidget {
  Q_OBJECT

 public:
  explicit BitView(QWidget* parent = nullptr);

  const amla::BitProbe& probe() const { return probe_; }
  const amla::RescaleReport& report() const { return report_; }
  QString classificationText() const;
  // Where the current probe came from ("preset ...", "heatmap ...", "edited").
  QString probeSource() const;
  // Empty when the value field parses; otherwise the InputError message shown beside it.
  QString inputError() const;

  // Loads hazard_presets()[index].
  void selectPreset(int index);
  BitCells* cells() const { return cells_; }

 public slots:
  void setProbe(const amla::BitProbe& probe);
  // Loads a probe and says where it came from.
  void setProbeFrom(const amla::BitProbe& probe, const QString& source);

 signals:
  void probeChanged(const amla::BitProbe& probe);

 private slots:
  void onValueEdited(const QString& text);
  void onShiftChanged(int shift);
  void onCompensationChanged(int compensation);
  void onPresetActivated(int combo_index);
  void onBitToggled(int bit);

 private:
  void showProbe();  // probe_ -> widgets (signals blocked)
  void recompute();  // probe_ -> report_ -> cells and labels
  void markEdited();

  amla::BitProbe probe_;
  amla::RescaleReport report_{};
  QString source_;

  QComboBox* preset_combo_;
  QLineEdit* value_edit_;
  QLabel* value_error_;
  QSpinBox* shift_spin_;
  QSpinBox* compensation_spin_;
  BitCells* cells_;
  QLabel* source_label_;
  QLabel* input_exact_label_;
  QLabel* reference_label_;
  QLabel* reference_exact_label_;
  QLabel* result_exact_label_;
  QLabel* ulp_label_;
  QLabel* class_label_;
};

// What the value field shows for a bit pattern: a decimal when it reads back to the same bits,
// otherwise the hex pattern (NaN payloads).
QString value_text_for(std::uint32_t bits);

}  // namespace amla::ui
