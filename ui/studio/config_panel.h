#pragma once
// The studio's configuration panel: machine preset (or a hardware file), problem, kernel
// variant, preload depth and every tiling knob, with Run / Cancel and a progress bar. Each change
// is checked by the same validation the core and the CLI use; an invalid value is marked at its
// field with the reason (bytes needed and capacity for tiles) and Run is disabled.
#include <QMap>
#include <QWidget>
#include <functional>
#include <optional>

#include "core/kernel/config_json.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace amla::ui {

class ConfigPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ConfigPanel(QWidget* parent = nullptr);

  // The configuration the fields describe, or nothing while any field is invalid.
  std::optional<amla::RunConfig> config() const {
    return valid_ ? std::optional(current_) : std::nullopt;
  }
  // What the fields describe even when invalid (for saving a session being edited).
  const amla::RunConfig& draft() const { return current_; }
  void setConfig(const amla::RunConfig& config);
  // The message shown at a field ("--kv-block", "--preset", ...); empty when it is fine.
  QString fieldError(const QString& field) const;
  // The editor of a field, for tests and for focusing the field of an error.
  QWidget* fieldEditor(const QString& field) const;

  void setRunning(bool running);
  void setProgress(int percent);
  void setStatus(const QString& text, bool is_error);
  // An error found by the run itself (e.g. a deadlock or the memory budget): shown at its field
  // when the panel has one, else under the Run button.
  void showRunError(const QString& field, const QString& message);

 signals:
  void runRequested(const amla::RunConfig& config);
  void cancelRequested();
  void configEdited();

 private:
  struct IntField {
    QString field;
    QSpinBox* spin;
    std::function<int&(amla::RunConfig&)> value;
  };
  QWidget* withErrorLabel(const QString& field, QWidget* editor);
  void addIntField(QFormLayout* form, const QString& field, const QString& label, int min, int max,
                   std::function<int&(amla::RunConfig&)> value, const QString& tip = {});
  void revalidate();
  void setFieldError(const QString& field, const QString& message);
  void loadHardwareFile();
  void refreshFromConfig();

  amla::RunConfig current_;
  bool valid_ = false;
  bool updating_ = false;
  bool running_ = false;
  QString hardware_file_;
  QComboBox* preset_combo_;
  QComboBox* variant_combo_;
  QComboBox* preload_combo_;
  QComboBox* kv_split_combo_;
  QComboBox* kv_mode_combo_;
  QSpinBox* kv_seed_spin_;
  std::vector<IntField> int_fields_;
  QMap<QString, QLabel*> error_labels_;
  QMap<QString, QWidget*> editors_;
  QPushButton* run_button_;
  QPushButton* cancel_button_;
  QProgressBar* progress_;
  QLabel* status_;
  QLabel* general_error_;
};

}  // namespace amla::ui
