#pragma once
// The Numerics page's input panel: problem size and distribution (with PASA's mean, amplitude and
// phase), kernel blocking, the variants to run, every AMLA switch, PASA's switches, and
// Run / Cancel with a progress bar. Each field is checked as it changes (by the same
// validators the core and CLI use); a bad value shows its reason in red under the field and
// disables Run.
#include <QList>
#include <QMap>
#include <QWidget>
#include <optional>

#include "ui/numerics/numerics_worker.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace amla::ui {

class RunControls : public QWidget {
  Q_OBJECT

 public:
  explicit RunControls(QWidget* parent = nullptr);

  // The run the fields describe, or nothing while any field is invalid.
  std::optional<NumericsRequest> request() const;
  bool isValid() const { return request().has_value(); }
  // The message shown under a field ("rows", "kv-len", "scale", ...); empty when it is fine.
  QString fieldError(const QString& field) const;
  // The mantissa constant currently typed (falls back to 1.5 while the field is invalid).
  double mantissaMean() const;

  // The studio's configuration drives the kernel blocking (rows per task, KV block).
  void setBlocking(int rows_per_task, int kv_block);
  // Puts a whole request in the fields (a session or a lesson step), then re-checks them once.
  void setRequest(const NumericsRequest& request);
  void setRunning(bool running);
  void setProgress(int percent);
  void setStatus(const QString& text, bool is_error);
  // A run's InputError, under the field it names (or under the form).
  void showRunError(const QString& field, const QString& message) { setFieldError(field, message); }

 signals:
  void runRequested(const amla::ui::NumericsRequest& request);
  void cancelRequested();
  void mantissaMeanChanged(double mantissa_mean);
  // After every edit: the request the fields now describe (nothing while one is invalid).
  void requestChanged(std::optional<amla::ui::NumericsRequest> request);

 private slots:
  void revalidate();
  void onRunClicked();

 private:
  // Wraps a field with its (hidden until needed) red error label.
  QWidget* withErrorLabel(const QString& field, QWidget* editor);
  void setFieldError(const QString& field, const QString& message);
  void clearFieldErrors();
  std::optional<NumericsRequest> buildRequest();  // sets field errors as a side effect

  QComboBox* distribution_combo_;
  QLabel* distribution_note_;
  QSpinBox* rows_spin_;
  QSpinBox* kv_len_spin_;
  QSpinBox* kv_block_spin_;
  QSpinBox* rows_per_task_spin_;
  QLineEdit* seed_edit_;
  QLineEdit* scale_edit_;
  QCheckBox* exponent_add_check_;
  QCheckBox* compensation_check_;
  QLineEdit* mantissa_edit_;
  QCheckBox* clamp_check_;
  QSpinBox* clamp_spin_;
  QCheckBox* guard_check_;
  QLineEdit* guard_edit_;
  QLineEdit* epsilon_edit_;
  QLineEdit* mean_edit_;
  QLineEdit* amplitude_edit_;
  QComboBox* phase_combo_;
  QList<QCheckBox*> variant_checks_;  // one per amla::all_variants(), in that order
  QLineEdit* beta_edit_;
  QComboBox* beta_preset_combo_;
  QComboBox* pasa_precision_combo_;
  QComboBox* pasa_mean_combo_;
  QPushButton* run_button_;
  QPushButton* cancel_button_;
  QProgressBar* progress_bar_;
  QLabel* status_label_;
  QLabel* general_error_;

  QMap<QString, QLabel*> error_labels_;
  std::optional<NumericsRequest> current_;
  bool running_ = false;
};

}  // namespace amla::ui
