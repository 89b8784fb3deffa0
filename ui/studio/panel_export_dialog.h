#pragma once
// File > Export for the current page, as a figure: the printed size (a preset or custom
// millimetres), the DPI of a PNG, the text size in points, and for the timeline which cores,
// units, pipes and time window, the legend's place (or none) and the title or not. A preview shows
// the figure as it will be written; after saving the dialog says where the file went, with a link
// that opens the folder. Folder and settings are remembered between runs (QSettings).
#include <QDialog>
#include <QImage>
#include <functional>
#include <string>
#include <vector>

#include "core/view/figure_content.h"
#include "core/view/figure_spec.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QResizeEvent;
class QLineEdit;
class QSpinBox;

namespace amla::ui {

// What the dialog asks the page for: one figure, from these settings.
struct FigureRequest {
  amla::FigureSpec figure;
  amla::TimelineFigureContent content;
  std::vector<std::string> buffers;  // Buffers: keys of the buffers drawn; empty: all
};

// Writes the page's figure to `path`; returns an empty string or the reason it failed.
using FigureExporter = std::function<QString(const QString& path, const FigureRequest& request)>;
// The figure as an image, for the preview (null when there is nothing to show).
using FigurePreviewer = std::function<QImage(const FigureRequest& request)>;

// Which settings a page's figure reads.
enum class FigureContentKind {
  kPlot,      // size, DPI, font, legend, title
  kTimeline,  // and cores, units, pipes, range
  kBuffers,   // and one core, range
};

class PanelExportDialog : public QDialog {
  Q_OBJECT

 public:
  PanelExportDialog(const QString& panel_name, FigureContentKind kind, FigureExporter exporter,
                    FigurePreviewer previewer, QWidget* parent = nullptr);

  QString fileName() const;
  void setFileName(const QString& path);
  // The settings as the widgets hold them; throws InputError naming the setting when one is
  // not valid (a bad core list, a range that is not A:B, ...).
  FigureRequest request() const;
  // Sets the widgets from `request` (the time range as A:B microseconds, or whole run).
  void setRequest(const FigureRequest& request);
  // The status line after the last save or failure (the saved path, or the reason).
  QString statusText() const;

 public slots:
  // Writes the file; the dialog stays open and says where it went, or why not.
  bool save();
  void updatePreview();

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void presetChanged();
  // Shows preview_image_ scaled to the preview's current size.
  void showPreview();
  void loadSettings();
  void storeSettings() const;

  FigureContentKind kind_;
  FigureExporter exporter_;
  FigurePreviewer previewer_;
  QLineEdit* file_edit_;
  QComboBox* preset_combo_;
  QDoubleSpinBox* width_mm_;
  QDoubleSpinBox* height_mm_;
  QSpinBox* dpi_spin_;
  QDoubleSpinBox* font_spin_;
  QLineEdit* cores_edit_;
  QCheckBox* unit_boxes_[3];
  QLineEdit* pipes_edit_;
  QLineEdit* buffers_edit_;
  QLineEdit* range_edit_;
  QComboBox* legend_combo_;
  QCheckBox* title_box_;
  QLabel* preview_;
  QImage preview_image_;
  QLabel* status_;
  bool loading_ = false;
};

}  // namespace amla::ui
