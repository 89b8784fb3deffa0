#include "ui/studio/panel_export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

#include "core/common/input_error.h"
#include "ui/common/app_settings.h"

namespace amla::ui {

namespace {

const QString kGroup = QStringLiteral("figure_export/");
const QString kCustom = QStringLiteral("custom");
constexpr Unit kUnits[kUnitCount] = {Unit::kAic, Unit::kAiv0, Unit::kAiv1};
// The preview is drawn at screen resolution: the layout does not depend on the DPI.
constexpr double kPreviewDpi = 110.0;
constexpr QSize kPreviewBox(460, 330);  // the preview's minimum is half this

QString error_text(const amla::InputError& e) {
  return QStringLiteral("%1 %2: %3")
      .arg(QString::fromStdString(e.field()), QString::fromStdString(e.value()),
           QString::fromStdString(e.limit()));
}

QString range_text(const std::optional<std::pair<double, double>>& range) {
  if (!range) return {};
  return QStringLiteral("%1:%2").arg(range->first, 0, 'g', 8).arg(range->second, 0, 'g', 8);
}

}  // namespace

PanelExportDialog::PanelExportDialog(const QString& panel_name, FigureContentKind kind,
                                     FigureExporter exporter, FigurePreviewer previewer,
                                     QWidget* parent)
    : QDialog(parent),
      kind_(kind),
      exporter_(std::move(exporter)),
      previewer_(std::move(previewer)) {
  setWindowTitle(tr("Export %1 figure").arg(panel_name));
  auto* form = new QFormLayout;

  file_edit_ = new QLineEdit(this);
  file_edit_->setObjectName(QStringLiteral("figureFileEdit"));
  file_edit_->setPlaceholderText(tr("file.png, file.svg or file.pdf"));
  file_edit_->setToolTip(tr("The suffix picks the format: .png, .svg or .pdf"));
  auto* browse = new QPushButton(tr("Browse..."), this);
  auto* file_row = new QHBoxLayout;
  file_row->addWidget(file_edit_, 1);
  file_row->addWidget(browse);
  form->addRow(tr("File"), file_row);

  preset_combo_ = new QComboBox(this);
  preset_combo_->setObjectName(QStringLiteral("figurePresetCombo"));
  for (const FigurePreset& p : figure_presets()) {
    preset_combo_->addItem(
        QStringLiteral("%1: %2").arg(QString::fromLatin1(p.name.data(), int(p.name.size())),
                                     QString::fromLatin1(p.meaning.data(), int(p.meaning.size()))),
        QString::fromLatin1(p.name.data(), int(p.name.size())));
  }
  preset_combo_->addItem(tr("custom size"), kCustom);
  form->addRow(tr("Size"), preset_combo_);

  width_mm_ = new QDoubleSpinBox(this);
  height_mm_ = new QDoubleSpinBox(this);
  for (QDoubleSpinBox* spin : {width_mm_, height_mm_}) {
    spin->setRange(FigureSpec::kMinSideMm, FigureSpec::kMaxSideMm);
    spin->setDecimals(1);
    spin->setSuffix(tr(" mm"));
  }
  auto* size_row = new QHBoxLayout;
  size_row->addWidget(width_mm_);
  size_row->addWidget(new QLabel(QStringLiteral("\u00d7"), this));
  size_row->addWidget(height_mm_);
  form->addRow(tr("Printed size"), size_row);

  dpi_spin_ = new QSpinBox(this);
  dpi_spin_->setObjectName(QStringLiteral("figureDpiSpin"));
  dpi_spin_->setRange(static_cast<int>(FigureSpec::kMinDpi), static_cast<int>(FigureSpec::kMaxDpi));
  dpi_spin_->setSuffix(tr(" dpi"));
  dpi_spin_->setToolTip(tr("Resolution of a PNG; SVG and PDF keep the printed size"));
  form->addRow(tr("Resolution"), dpi_spin_);
  font_spin_ = new QDoubleSpinBox(this);
  font_spin_->setRange(FigureSpec::kMinFontPt, FigureSpec::kMaxFontPt);
  font_spin_->setDecimals(1);
  font_spin_->setSingleStep(0.5);
  font_spin_->setSuffix(tr(" pt"));
  font_spin_->setToolTip(tr("Body text at the printed size; titles are 1.2 times larger"));
  form->addRow(tr("Text"), font_spin_);

  cores_edit_ = new QLineEdit(this);
  cores_edit_->setObjectName(QStringLiteral("figureCoresEdit"));
  cores_edit_->setToolTip(kind == FigureContentKind::kBuffers
                              ? tr("The core whose buffers are drawn")
                              : tr("Core numbers and ranges, e.g. 0-1,4"));
  form->addRow(kind == FigureContentKind::kBuffers ? tr("Core") : tr("Cores"), cores_edit_);
  auto* unit_row = new QHBoxLayout;
  for (int u = 0; u < kUnitCount; ++u) {
    unit_boxes_[u] = new QCheckBox(QLatin1String(unit_name(kUnits[u])), this);
    unit_row->addWidget(unit_boxes_[u]);
  }
  unit_row->addStretch(1);
  form->addRow(tr("Units"), unit_row);
  pipes_edit_ = new QLineEdit(this);
  pipes_edit_->setPlaceholderText(tr("every pipe"));
  pipes_edit_->setToolTip(tr("Pipes, e.g. mte2,cube,vector; empty: every pipe"));
  form->addRow(tr("Pipes"), pipes_edit_);
  buffers_edit_ = new QLineEdit(this);
  buffers_edit_->setObjectName(QStringLiteral("figureBuffersEdit"));
  buffers_edit_->setPlaceholderText(tr("every buffer"));
  buffers_edit_->setToolTip(tr("Buffers by name, e.g. l1,l0a,ub (ub: both UBs)"));
  form->addRow(tr("Buffers"), buffers_edit_);
  range_edit_ = new QLineEdit(this);
  range_edit_->setObjectName(QStringLiteral("figureRangeEdit"));
  range_edit_->setPlaceholderText(tr("the whole run"));
  range_edit_->setToolTip(tr("START:END in \u00b5s of simulated time, e.g. 10:60"));
  form->addRow(tr("Range (\u00b5s)"), range_edit_);
  // The legend's place, from the one list the CLI's --legend reads; a plot keeps its legend
  // where the plot has it, so it is offered shown or not.
  legend_combo_ = new QComboBox(this);
  legend_combo_->setObjectName(QStringLiteral("figureLegendCombo"));
  for (const LegendPositionName& p : legend_positions()) {
    const bool shown = p.position != LegendPosition::kNone;
    if (kind != FigureContentKind::kTimeline && shown && p.position != LegendPosition::kBottom) {
      continue;
    }
    const QString name = QString::fromLatin1(p.name.data(), static_cast<int>(p.name.size()));
    const QString label = kind != FigureContentKind::kTimeline && shown ? tr("legend shown")
                                                                        : tr("legend %1").arg(name);
    legend_combo_->addItem(label, name);
    legend_combo_->setItemData(legend_combo_->count() - 1,
                               QString::fromLatin1(p.meaning.data(), int(p.meaning.size())),
                               Qt::ToolTipRole);
  }
  title_box_ = new QCheckBox(tr("Title (the configuration)"), this);
  auto* show_row = new QHBoxLayout;
  show_row->addWidget(legend_combo_);
  show_row->addWidget(title_box_);
  show_row->addStretch(1);
  form->addRow(tr("Show"), show_row);
  // Settings a page's figure does not read are not offered.
  const bool lanes = kind == FigureContentKind::kTimeline;
  const bool content = kind != FigureContentKind::kPlot;
  for (QWidget* w : {static_cast<QWidget*>(cores_edit_), static_cast<QWidget*>(range_edit_)}) {
    w->setEnabled(content);
  }
  for (QCheckBox* box : unit_boxes_) box->setEnabled(lanes);
  pipes_edit_->setEnabled(lanes);
  buffers_edit_->setEnabled(kind == FigureContentKind::kBuffers);

  preview_ = new QLabel(this);
  preview_->setObjectName(QStringLiteral("figurePreview"));
  preview_->setMinimumSize(kPreviewBox / 2);
  preview_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
  preview_->setAlignment(Qt::AlignCenter);
  preview_->setStyleSheet(QStringLiteral("background: #d9dce1;"));
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("figureStatus"));
  status_->setWordWrap(true);
  status_->setTextFormat(Qt::RichText);
  status_->setTextInteractionFlags(Qt::TextBrowserInteraction);
  connect(status_, &QLabel::linkActivated, this,
          [](const QString& link) { QDesktopServices::openUrl(QUrl(link)); });

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] { save(); });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(
        this, windowTitle(), fileName(),
        tr("PDF document (*.pdf);;SVG drawing (*.svg);;PNG image (*.png)"));
    if (!path.isEmpty()) file_edit_->setText(path);
  });

  auto* left = new QVBoxLayout;
  left->addLayout(form);
  left->addWidget(status_);
  left->addStretch(1);
  auto* columns = new QHBoxLayout;
  columns->addLayout(left);
  columns->addWidget(preview_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(columns, 1);
  layout->addWidget(buttons);

  // Any change redraws the preview, once the typing has paused.
  auto* timer = new QTimer(this);
  timer->setSingleShot(true);
  timer->setInterval(200);
  connect(timer, &QTimer::timeout, this, &PanelExportDialog::updatePreview);
  const auto later = [this, timer] {
    if (!loading_) timer->start();
  };
  connect(preset_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, later] {
    presetChanged();
    later();
  });
  for (QDoubleSpinBox* spin : {width_mm_, height_mm_, font_spin_}) {
    connect(spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this, later);
  }
  for (QLineEdit* edit : {cores_edit_, pipes_edit_, buffers_edit_, range_edit_}) {
    connect(edit, &QLineEdit::textChanged, this, later);
  }
  connect(legend_combo_, qOverload<int>(&QComboBox::currentIndexChanged), this, later);
  for (QCheckBox* box : {title_box_, unit_boxes_[0], unit_boxes_[1], unit_boxes_[2]}) {
    connect(box, &QCheckBox::toggled, this, later);
  }

  loadSettings();
  const QString folder =
      app_settings().value(kGroup + QStringLiteral("folder"), QDir::homePath()).toString();
  QString stem = panel_name.toLower();
  stem.replace(QLatin1Char(' '), QLatin1Char('-'));
  file_edit_->setText(QDir(folder).filePath(stem + QStringLiteral(".pdf")));
  timer->start();
}

QString PanelExportDialog::fileName() const { return file_edit_->text().trimmed(); }
void PanelExportDialog::setFileName(const QString& path) { file_edit_->setText(path); }
QString PanelExportDialog::statusText() const { return status_->text(); }

void PanelExportDialog::presetChanged() {
  const QString name = preset_combo_->currentData().toString();
  const bool custom = name == kCustom;
  width_mm_->setEnabled(custom);
  height_mm_->setEnabled(custom);
  height_mm_->setToolTip(custom ? QString()
                                : tr("A column or double-column timeline takes the height its "
                                     "lanes need"));
  if (custom) return;
  const FigureSpec preset = parse_figure(name.toStdString());
  width_mm_->setValue(preset.width_mm);
  height_mm_->setValue(preset.height_mm);
  font_spin_->setValue(preset.font_pt);
}

FigureRequest PanelExportDialog::request() const {
  FigureRequest r;
  r.figure.width_mm = width_mm_->value();
  r.figure.height_mm = height_mm_->value();
  r.figure.dpi = dpi_spin_->value();
  r.figure.font_pt = font_spin_->value();
  r.figure.legend =
      parse_legend_position(legend_combo_->currentData().toString().toStdString(), "legend");
  r.figure.title = title_box_->isChecked();
  const QString preset = preset_combo_->currentData().toString();
  r.figure.fit_height = preset != kCustom && parse_figure(preset.toStdString()).fit_height;
  validate_figure(r.figure, "size");
  if (kind_ == FigureContentKind::kPlot) return r;
  r.content.cores = parse_core_list(cores_edit_->text().trimmed().toStdString(), "cores");
  if (kind_ == FigureContentKind::kBuffers && r.content.cores.size() != 1) {
    throw amla::InputError("core", cores_edit_->text().toStdString(), "one core number");
  }
  r.content.units = 0;
  for (int u = 0; u < kUnitCount; ++u) {
    if (unit_boxes_[u]->isChecked()) r.content.units |= 1u << u;
  }
  const QString pipes = pipes_edit_->text().trimmed();
  r.content.pipes = pipes.isEmpty() ? 0x7fu : parse_pipe_list(pipes.toStdString(), "pipes");
  const QString range = range_edit_->text().trimmed();
  if (!range.isEmpty()) r.content.range_us = parse_time_range_us(range.toStdString(), "range");
  const QString buffers = buffers_edit_->text().trimmed();
  if (kind_ == FigureContentKind::kBuffers && !buffers.isEmpty()) {
    r.buffers = parse_buffer_keys(buffers.toStdString(), "buffers");
  }
  return r;
}

void PanelExportDialog::setRequest(const FigureRequest& r) {
  loading_ = true;
  int preset = preset_combo_->findData(kCustom);
  for (const FigurePreset& p : figure_presets()) {
    if (p.width_mm == r.figure.width_mm && p.height_mm == r.figure.height_mm) {
      preset = preset_combo_->findData(QString::fromLatin1(p.name.data(), int(p.name.size())));
    }
  }
  preset_combo_->setCurrentIndex(preset);
  presetChanged();
  width_mm_->setValue(r.figure.width_mm);
  height_mm_->setValue(r.figure.height_mm);
  dpi_spin_->setValue(static_cast<int>(r.figure.dpi));
  font_spin_->setValue(r.figure.font_pt);
  const std::string_view legend = legend_position_name(r.figure.legend);
  const int legend_index =
      legend_combo_->findData(QString::fromLatin1(legend.data(), static_cast<int>(legend.size())));
  // A position a plot does not offer (top, right) shows it where the plot has it.
  legend_combo_->setCurrentIndex(
      legend_index >= 0 ? legend_index : legend_combo_->findData(QStringLiteral("bottom")));
  title_box_->setChecked(r.figure.title);
  cores_edit_->setText(QString::fromStdString(core_list_text(r.content.cores)));
  for (int u = 0; u < kUnitCount; ++u) unit_boxes_[u]->setChecked((r.content.units >> u) & 1u);
  pipes_edit_->setText(r.content.pipes == 0x7fu
                           ? QString()
                           : QString::fromStdString(pipe_list_text(r.content.pipes)));
  range_edit_->setText(range_text(r.content.range_us));
  QStringList keys;
  for (const std::string& key : r.buffers) keys << QString::fromStdString(key);
  buffers_edit_->setText(keys.join(QLatin1Char(',')));
  loading_ = false;
  updatePreview();
}

void PanelExportDialog::loadSettings() {
  QSettings s = app_settings();
  FigureRequest r;
  // A custom size starts from the column preset's text size; the sizes follow below.
  const QString preset =
      s.value(kGroup + QStringLiteral("preset"), QStringLiteral("column")).toString();
  try {
    r.figure = parse_figure(preset == kCustom ? "column" : preset.toStdString());
  } catch (const amla::InputError&) {
  }
  r.figure.width_mm = s.value(kGroup + QStringLiteral("width_mm"), r.figure.width_mm).toDouble();
  r.figure.height_mm = s.value(kGroup + QStringLiteral("height_mm"), r.figure.height_mm).toDouble();
  r.figure.dpi = s.value(kGroup + QStringLiteral("dpi"), r.figure.dpi).toDouble();
  r.figure.font_pt = s.value(kGroup + QStringLiteral("font_pt"), r.figure.font_pt).toDouble();
  // Stored as a position's name; earlier versions stored true or false.
  const QString legend =
      s.value(kGroup + QStringLiteral("legend"), QStringLiteral("bottom")).toString().toLower();
  try {
    r.figure.legend = legend == QLatin1String("false") ? LegendPosition::kNone
                      : legend == QLatin1String("true")
                          ? LegendPosition::kBottom
                          : parse_legend_position(legend.toStdString());
  } catch (const amla::InputError&) {
  }
  r.figure.title = s.value(kGroup + QStringLiteral("title"), true).toBool();
  // Remembered text that no longer parses falls back to the defaults.
  try {
    r.content.cores = parse_core_list(
        s.value(kGroup + QStringLiteral("cores"), QStringLiteral("0")).toString().toStdString());
  } catch (const amla::InputError&) {
  }
  r.content.units = s.value(kGroup + QStringLiteral("units"), 0b111u).toUInt() & 0b111u;
  r.content.pipes = s.value(kGroup + QStringLiteral("pipes"), 0x7fu).toUInt() & 0x7fu;
  if (r.content.units == 0) r.content.units = 0b111u;
  if (r.content.pipes == 0) r.content.pipes = 0x7fu;
  try {
    validate_figure(r.figure);
  } catch (const amla::InputError&) {
    r.figure = FigureSpec{};
  }
  setRequest(r);
}

void PanelExportDialog::storeSettings() const {
  QSettings s = app_settings();
  s.setValue(kGroup + QStringLiteral("folder"), QFileInfo(fileName()).absolutePath());
  s.setValue(kGroup + QStringLiteral("preset"), preset_combo_->currentData().toString());
  s.setValue(kGroup + QStringLiteral("width_mm"), width_mm_->value());
  s.setValue(kGroup + QStringLiteral("height_mm"), height_mm_->value());
  s.setValue(kGroup + QStringLiteral("dpi"), dpi_spin_->value());
  s.setValue(kGroup + QStringLiteral("font_pt"), font_spin_->value());
  s.setValue(kGroup + QStringLiteral("legend"), legend_combo_->currentData().toString());
  s.setValue(kGroup + QStringLiteral("title"), title_box_->isChecked());
  if (kind_ != FigureContentKind::kPlot) {
    s.setValue(kGroup + QStringLiteral("cores"), cores_edit_->text().trimmed());
  }
  if (kind_ == FigureContentKind::kTimeline) {
    try {
      const FigureRequest r = request();
      s.setValue(kGroup + QStringLiteral("units"), r.content.units);
      s.setValue(kGroup + QStringLiteral("pipes"), r.content.pipes);
    } catch (const amla::InputError&) {
    }
  }
}

void PanelExportDialog::updatePreview() {
  if (!previewer_) return;
  FigureRequest r;
  try {
    r = request();
  } catch (const amla::InputError& e) {
    preview_image_ = QImage();
    preview_->setPixmap(QPixmap());
    preview_->setText(error_text(e));
    return;
  }
  r.figure.dpi = std::min(r.figure.dpi, kPreviewDpi);
  const QImage image = previewer_(r);
  if (image.isNull()) {
    preview_image_ = QImage();
    preview_->setPixmap(QPixmap());
    preview_->setText(tr("no preview for these settings"));
    return;
  }
  // The size written, which a column timeline fits to its lanes.
  const double mm_w = image.width() * 25.4 / r.figure.dpi;
  const double mm_h = image.height() * 25.4 / r.figure.dpi;
  const double dpi = dpi_spin_->value();
  status_->setText(tr("%1 \u00d7 %2 mm; a PNG is %3 \u00d7 %4 px at %5 dpi")
                       .arg(mm_w, 0, 'f', 1)
                       .arg(mm_h, 0, 'f', 1)
                       .arg(qRound(mm_w * dpi / 25.4))
                       .arg(qRound(mm_h * dpi / 25.4))
                       .arg(dpi));
  preview_image_ = image;
  showPreview();
}

void PanelExportDialog::showPreview() {
  if (preview_image_.isNull()) return;
  const QSize box = (preview_->size() - QSize(8, 8)).expandedTo(QSize(16, 16));
  preview_->setPixmap(QPixmap::fromImage(
      preview_image_.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void PanelExportDialog::resizeEvent(QResizeEvent* event) {
  QDialog::resizeEvent(event);
  showPreview();
}

bool PanelExportDialog::save() {
  QString error;
  if (fileName().isEmpty()) {
    error = tr("file: give a file name ending in .png, .svg or .pdf");
  } else {
    try {
      error = exporter_(fileName(), request());
    } catch (const amla::InputError& e) {
      error = error_text(e);
    }
  }
  if (!error.isEmpty()) {
    status_->setText(
        QStringLiteral("<span style=\"color:#c62828\">%1</span>").arg(error.toHtmlEscaped()));
    return false;
  }
  storeSettings();
  const QFileInfo saved(fileName());
  status_->setText(tr("Saved %1 in <a href=\"%2\">%3</a>")
                       .arg(saved.fileName().toHtmlEscaped(),
                            QUrl::fromLocalFile(saved.absolutePath()).toString(),
                            saved.absolutePath().toHtmlEscaped()));
  return true;
}

}  // namespace amla::ui
