#pragma once
// The studio's configuration panel: machine preset (or a hardware file) and one field per
// parameter of the kernel's parameter schema (core/kernel/kernel_params.h), grouped as the schema
// groups them, with Run / Cancel and a progress bar. Ranges, steps, labels and tooltips come from
// the schema; each change runs the same pre-flight check a run does, and an invalid value is
// marked at its field with the reason in the panel's words (labels, not CLI flags).
#include <QMap>
#include <QWidget>
#include <cstdint>
#include <optional>

#include "core/kernel/config_json.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace amla {
class InputError;
struct ParamDef;
}  // namespace amla

namespace amla::ui {

class ConfigPanel : public QWidget {
  Q_OBJECT

 public:
  // Fields that are not schema parameters.
  static constexpr const char* kPresetField = "preset";
  static constexpr const char* kLengthsField = "problem.kv_lens";
  static constexpr const char* kLengthSeedField = "kv_seed";

  explicit ConfigPanel(QWidget* parent = nullptr);

  // The configuration the fields describe, or nothing while any field is invalid.
  std::optional<amla::RunConfig> config() const {
    return valid_ ? std::optional(current_) : std::nullopt;
  }
  // What the fields describe even when invalid (for saving a session being edited).
  const amla::RunConfig& draft() const { return current_; }
  void setConfig(const amla::RunConfig& config);
  // The message shown at a field (a schema id such as "tiling.kv_block", or one of the k*Field
  // names above); empty when it is fine.
  QString fieldError(const QString& field) const;
  // The editor of a field, for tests and for focusing the field of an error.
  QWidget* fieldEditor(const QString& field) const;

  // The memory budget runs get (0: the default): the early check of a configuration's size
  // marks what would not fit it.
  void setMemoryBudget(std::uint64_t bytes);

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
  struct ParamField {
    const amla::ParamDef* param;
    QSpinBox* spin = nullptr;    // integers
    QComboBox* combo = nullptr;  // choices
  };
  QWidget* withErrorLabel(const QString& field, QWidget* editor);
  void addParamField(QFormLayout* form, const amla::ParamDef& param);
  void revalidate();
  void setFieldError(const QString& field, const QString& message);
  void showInputError(const amla::InputError& e);
  void loadHardwareFile();
  void refreshFromConfig();

  amla::RunConfig current_;
  bool valid_ = false;
  bool updating_ = false;
  bool running_ = false;
  std::uint64_t memory_budget_bytes_ = 0;
  QString last_edited_;  // the field the user changed last: a rule it takes part in shows there too
  QComboBox* preset_combo_;
  QComboBox* kv_mode_combo_;
  QSpinBox* kv_seed_spin_;
  std::vector<ParamField> param_fields_;
  QMap<QString, QLabel*> error_labels_;
  QMap<QString, QWidget*> editors_;
  QPushButton* run_button_;
  QPushButton* cancel_button_;
  QProgressBar* progress_;
  QLabel* status_;
  QLabel* general_error_;
};

}  // namespace amla::ui
