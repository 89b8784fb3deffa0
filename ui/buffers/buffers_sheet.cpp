#include "ui/buffers/buffers_sheet.h"

#include <qwt_plot_canvas.h>
#include <qwt_plot_item.h>
#include <qwt_plot_layout.h>
#include <qwt_plot_renderer.h>
#include <QPainter>
#include <numeric>

namespace amla::ui {

namespace {

// Renders the sheet's panels into the canvas rectangle it is given, whatever the device.
class StackedPanelsItem : public QwtPlotItem {
 public:
  explicit StackedPanelsItem(const BuffersSheet* sheet) : sheet_(sheet) {
    setItemAttribute(QwtPlotItem::AutoScale, false);
  }
  int rtti() const override { return QwtPlotItem::Rtti_PlotUserItem + 18; }

  void draw(QPainter* painter, const QwtScaleMap&, const QwtScaleMap&,
            const QRectF& canvas_rect) const override {
    const QList<double>& weights = sheet_->weights();
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (total <= 0) return;
    QwtPlotRenderer renderer;
    // The sheet paints the one background; panels keep only their white canvases.
    renderer.setDiscardFlag(QwtPlotRenderer::DiscardBackground, true);
    renderer.setDiscardFlag(QwtPlotRenderer::DiscardCanvasBackground, false);
    double y = canvas_rect.top();
    for (int i = 0; i < sheet_->panels().size(); ++i) {
      const double h = canvas_rect.height() * weights[i] / total;
      QwtPlot* panel = sheet_->panels()[i];
      // The sheet's own renderer already scales from the screen's DPI to the device's; a
      // nested renderer would scale again. Undo it here, so each panel is laid out in the
      // sheet's coordinates.
      const double sx =
          static_cast<double>(panel->logicalDpiX()) / painter->device()->logicalDpiX();
      const double sy =
          static_cast<double>(panel->logicalDpiY()) / painter->device()->logicalDpiY();
      painter->save();
      painter->scale(sx, sy);
      renderer.render(panel, painter,
                      QRectF(canvas_rect.left() / sx, y / sy, canvas_rect.width() / sx, h / sy));
      painter->restore();
      y += h;
    }
  }

 private:
  const BuffersSheet* sheet_;
};

}  // namespace

BuffersSheet::BuffersSheet(QWidget* parent) : QwtPlot(parent) {
  setAutoReplot(false);
  for (int axis = 0; axis < QwtPlot::axisCnt; ++axis) enableAxis(axis, false);
  setCanvasBackground(Qt::white);
  QPalette white = palette();
  white.setColor(QPalette::Window, Qt::white);
  setPalette(white);
  plotLayout()->setCanvasMargin(0);
  if (auto* canvas = qobject_cast<QwtPlotCanvas*>(this->canvas())) {
    canvas->setFrameShape(QFrame::NoFrame);
    canvas->setLineWidth(0);
  }
  (new StackedPanelsItem(this))->attach(this);
}

void BuffersSheet::setPanels(const QList<QwtPlot*>& plots, const QList<double>& weights) {
  panels_ = plots;
  weights_ = weights;
  while (weights_.size() < panels_.size()) weights_.append(1.0);
}

}  // namespace amla::ui
