#include "ui/studio/panel_export_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "ui/common/plot_export.h"

namespace amla::ui {

PanelExportDialog::PanelExportDialog(const QString& panel_name, PanelExporter exporter,
                                     const QSize& default_size, QWidget* parent)
    : QDialog(parent), exporter_(std::move(exporter)) {
  setWindowTitle(tr("Export %1").arg(panel_name));
  auto* form = new QFormLayout(this);
  file_edit_ = new QLineEdit(this);
  file_edit_->setPlaceholderText(tr("file.png, file.svg or file.pdf"));
  auto* browse = new QPushButton(tr("Browse..."), this);
  auto* file_row = new QHBoxLayout();
  file_row->addWidget(file_edit_, 1);
  file_row->addWidget(browse);
  form->addRow(tr("file"), file_row);
  width_spin_ = new QSpinBox(this);
  width_spin_->setRange(kMinExportPixels, kMaxExportPixels);
  width_spin_->setValue(default_size.width());
  height_spin_ = new QSpinBox(this);
  height_spin_->setRange(kMinExportPixels, kMaxExportPixels);
  height_spin_->setValue(default_size.height());
  form->addRow(tr("width (px)"), width_spin_);
  form->addRow(tr("height (px)"), height_spin_);
  error_label_ = new QLabel(this);
  error_label_->setWordWrap(true);
  error_label_->setStyleSheet(QStringLiteral("color: #c62828;"));
  error_label_->hide();
  form->addRow(error_label_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &PanelExportDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, windowTitle(), file_edit_->text(),
                                                      tr("Images (*.png *.svg *.pdf)"));
    if (!path.isEmpty()) file_edit_->setText(path);
  });
}

QString PanelExportDialog::fileName() const { return file_edit_->text().trimmed(); }
QSize PanelExportDialog::pixelSize() const { return {width_spin_->value(), height_spin_->value()}; }
void PanelExportDialog::setFileName(const QString& path) { file_edit_->setText(path); }

void PanelExportDialog::accept() {
  const QString error = fileName().isEmpty()
                            ? tr("file: give a file name ending in .png, .svg or .pdf")
                            : exporter_(fileName(), pixelSize());
  if (!error.isEmpty()) {
    error_label_->setText(error);
    error_label_->show();
    return;
  }
  QDialog::accept();
}

}  // namespace amla::ui
