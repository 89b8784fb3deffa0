#include "ui/common/plot_export.h"

#include "ui/common/painted_export.h"

#include <qwt_plot.h>
#include <qwt_plot_renderer.h>
#include <QFileInfo>
#include <QPainter>

namespace amla::ui {

namespace {

// QwtPlotRenderer::renderDocument() opens the target path itself, which would leave a partial
// file behind on failure; rendering through export_painting goes through the output layer.
void render_plot(QwtPlot* plot, QPainter& painter, const QRectF& rect) {
  QwtPlotRenderer renderer;
  renderer.setDiscardFlag(QwtPlotRenderer::DiscardBackground, false);
  renderer.setDiscardFlag(QwtPlotRenderer::DiscardCanvasBackground, false);
  renderer.setLayoutFlag(QwtPlotRenderer::FrameWithScales, false);
  renderer.render(plot, &painter, rect);
}

}  // namespace

std::optional<PlotFileFormat> plot_format_for(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("png")) return PlotFileFormat::kPng;
  if (suffix == QLatin1String("svg")) return PlotFileFormat::kSvg;
  if (suffix == QLatin1String("pdf")) return PlotFileFormat::kPdf;
  return std::nullopt;
}

QString export_plot(QwtPlot* plot, const QString& path, const QSize& pixels) {
  if (plot == nullptr) return QStringLiteral("there is no plot to export");
  return export_painting(
      path, pixels, plot->title().text(),
      [plot](QPainter& painter, const QRect& area) { render_plot(plot, painter, QRectF(area)); });
}

}  // namespace amla::ui
