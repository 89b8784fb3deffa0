#include "ui/common/export_dialog.h"

#include <qwt_plot.h>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/common/plot_export.h"

namespace amla::ui {

namespace {

const char* kLastExportKey = "export/last_file";
const char* kLastSizeKey = "export/last_size";

QString default_file_name(QwtPlot* plot) {
  QString stem = plot->title().text().toLower();
  stem.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
  stem.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
  if (stem.isEmpty()) stem = QStringLiteral("plot");
  return stem + QStringLiteral(".png");
}

}  // namespace

ExportDialog::ExportDialog(QwtPlot* plot, QWidget* parent) : QDialog(parent), plot_(plot) {
  setWindowTitle(tr("Export plot"));
  QSettings settings(QStringLiteral("AMLA Studio"), QStringLiteral("amla-studio"));
  const QString last_file = settings.value(kLastExportKey).toString();
  const QString dir = last_file.isEmpty() ? QDir::homePath() : QFileInfo(last_file).absolutePath();
  const QSize last_size = settings.value(kLastSizeKey, QSize(1200, 800)).toSize();

  file_edit_ = new QLineEdit(QDir(dir).filePath(default_file_name(plot)), this);
  file_edit_->setObjectName(QStringLiteral("exportFileEdit"));
  file_edit_->setMinimumWidth(380);
  file_edit_->setToolTip(tr("The suffix picks the format: .png, .svg or .pdf"));
  auto* browse_button = new QPushButton(tr("Browse..."), this);
  connect(browse_button, &QPushButton::clicked, this, &ExportDialog::browse);
  auto* file_row = new QHBoxLayout;
  file_row->addWidget(file_edit_);
  file_row->addWidget(browse_button);

  width_spin_ = new QSpinBox(this);
  height_spin_ = new QSpinBox(this);
  for (QSpinBox* spin : {width_spin_, height_spin_}) {
    spin->setRange(kMinExportPixels, kMaxExportPixels);
    spin->setSuffix(tr(" px"));
  }
  width_spin_->setObjectName(QStringLiteral("exportWidthSpin"));
  height_spin_->setObjectName(QStringLiteral("exportHeightSpin"));
  width_spin_->setValue(last_size.width());
  height_spin_->setValue(last_size.height());

  error_label_ = new QLabel(this);
  error_label_->setStyleSheet(QStringLiteral("color: #c62828;"));
  error_label_->setObjectName(QStringLiteral("exportErrorLabel"));
  error_label_->setWordWrap(true);
  error_label_->hide();

  auto* form = new QFormLayout;
  form->addRow(tr("File"), file_row);
  form->addRow(tr("Width"), width_spin_);
  form->addRow(tr("Height"), height_spin_);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(error_label_);
  layout->addWidget(buttons);
}

QString ExportDialog::fileName() const { return file_edit_->text().trimmed(); }

QSize ExportDialog::pixelSize() const { return {width_spin_->value(), height_spin_->value()}; }

void ExportDialog::browse() {
  const QString chosen = QFileDialog::getSaveFileName(
      this, tr("Export plot"), fileName(),
      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
  if (!chosen.isEmpty()) file_edit_->setText(chosen);
}

void ExportDialog::accept() {
  const QString error = export_plot(plot_, fileName(), pixelSize());
  if (!error.isEmpty()) {
    error_label_->setText(error);
    error_label_->show();
    return;
  }
  QSettings settings(QStringLiteral("AMLA Studio"), QStringLiteral("amla-studio"));
  settings.setValue(kLastExportKey, fileName());
  settings.setValue(kLastSizeKey, pixelSize());
  QDialog::accept();
}

void open_export_dialog(QwtPlot* plot, QWidget* parent) {
  if (plot == nullptr) return;
  ExportDialog dialog(plot, parent);
  dialog.exec();
}

}  // namespace amla::ui
