#pragma once
// Asks for a file (PNG, SVG or PDF) and a size in pixels for one panel, runs the panel's export
// and stays open with the reason when it fails (the old file is left intact by the exporter).
#include <QDialog>
#include <functional>

class QLabel;
class QLineEdit;
class QSpinBox;

namespace amla::ui {

// Writes the panel to `path` at `size`; returns an empty string or the reason it failed.
using PanelExporter = std::function<QString(const QString& path, const QSize& size)>;

class PanelExportDialog : public QDialog {
  Q_OBJECT

 public:
  PanelExportDialog(const QString& panel_name, PanelExporter exporter, const QSize& default_size,
                    QWidget* parent = nullptr);
  QString fileName() const;
  QSize pixelSize() const;
  void setFileName(const QString& path);

 public slots:
  void accept() override;

 private:
  PanelExporter exporter_;
  QLineEdit* file_edit_;
  QSpinBox* width_spin_;
  QSpinBox* height_spin_;
  QLabel* error_label_;
};

}  // namespace amla::ui
