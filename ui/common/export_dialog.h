#pragma once
// Asks for a file name (PNG, SVG or PDF) and a size in pixels, then exports a plot. The dialog
// stays open and shows the reason when the export fails.
#include <QDialog>

class QLabel;
class QLineEdit;
class QSpinBox;
class QwtPlot;

namespace amla::ui {

class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  ExportDialog(QwtPlot* plot, QWidget* parent = nullptr);

  QString fileName() const;
  QSize pixelSize() const;

 public slots:
  void accept() override;

 private slots:
  void browse();

 private:
  QwtPlot* plot_;
  QLineEdit* file_edit_;
  QSpinBox* width_spin_;
  QSpinBox* height_spin_;
  QLabel* error_label_;
};

// Opens the dialog for `plot` (does nothing when plot is null).
void open_export_dialog(QwtPlot* plot, QWidget* parent);

}  // namespace amla::ui
