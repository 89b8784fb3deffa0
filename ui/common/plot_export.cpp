#include "ui/common/plot_export.h"

#include "ui/common/painted_export.h"

#include <qwt_plot.h>
#include <qwt_plot_renderer.h>
#include <QFileInfo>
#include <QFontInfo>
#include <QPainter>

#include "core/view/figure_spec.h"
#include "ui/common/fits_to_rect.h"

namespace amla::ui {

// QwtPlotRenderer::renderDocument() opens the target path itself, which would leave a partial
// file behind on failure; rendering through export_painting goes through the output layer.
void render_plot_for_export(QwtPlot* plot, QPainter& painter, const QRectF& rect, bool title,
                            bool legend) {
  QwtPlotRenderer renderer;
  renderer.setDiscardFlag(QwtPlotRenderer::DiscardTitle, !title);
  renderer.setDiscardFlag(QwtPlotRenderer::DiscardLegend, !legend);
  renderer.setDiscardFlag(QwtPlotRenderer::DiscardBackground, true);
  renderer.setDiscardFlag(QwtPlotRenderer::DiscardCanvasBackground, true);
  renderer.setDiscardFlag(QwtPlotRenderer::DiscardCanvasFrame, true);
  renderer.setLayoutFlag(QwtPlotRenderer::FrameWithScales, false);
  painter.fillRect(rect, Qt::white);
  auto* fitting = dynamic_cast<FitsToRect*>(plot);
  if (fitting) {
    // Qwt lays the plot out in its own pixels: the rectangle scaled by the two devices' DPI.
    const double sx = static_cast<double>(plot->logicalDpiX()) / painter.device()->logicalDpiX();
    const double sy = static_cast<double>(plot->logicalDpiY()) / painter.device()->logicalDpiY();
    fitting->fitTo(QRectF(rect.x() * sx, rect.y() * sy, rect.width() * sx, rect.height() * sy));
  }
  renderer.render(plot, &painter, rect);
  if (fitting) fitting->fitTo(QRectF(plot->contentsRect()));
}

std::optional<PlotFileFormat> plot_format_for(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("png")) return PlotFileFormat::kPng;
  if (suffix == QLatin1String("svg")) return PlotFileFormat::kSvg;
  if (suffix == QLatin1String("pdf")) return PlotFileFormat::kPdf;
  return std::nullopt;
}

QString export_plot(QwtPlot* plot, const QString& path, const QSize& pixels) {
  if (plot == nullptr) return QStringLiteral("there is no plot to export");
  return export_painting(path, pixels, plot->title().text(),
                         [plot](QPainter& painter, const QRect& area) {
                           render_plot_for_export(plot, painter, QRectF(area));
                         });
}

namespace {

// Qwt already keeps the widget's point sizes at the device's DPI; drawing into a rectangle k
// times smaller and scaling by k makes the body font print at figure.font_pt.
void paint_plot_figure(QwtPlot* plot, QPainter& painter, const QRect& area,
                       const amla::FigureSpec& figure) {
  const double widget_pt = QFontInfo(plot->font()).pointSizeF();
  const double k = widget_pt > 0 ? figure.font_pt / widget_pt : 1.0;
  painter.fillRect(area, Qt::white);
  painter.save();
  painter.translate(area.topLeft());
  painter.scale(k, k);
  render_plot_for_export(plot, painter, QRectF(0, 0, area.width() / k, area.height() / k),
                         figure.title, figure.has_legend());
  painter.restore();
}

}  // namespace

QString export_plot(QwtPlot* plot, const QString& path, const amla::FigureSpec& figure) {
  if (plot == nullptr) return QStringLiteral("there is no plot to export");
  return export_figure(path, figure, plot->title().text(),
                       [plot, &figure](QPainter& painter, const QRect& area) {
                         paint_plot_figure(plot, painter, area, figure);
                       });
}

QImage render_plot_figure(QwtPlot* plot, const amla::FigureSpec& figure) {
  if (plot == nullptr) return {};
  try {
    amla::validate_figure(figure);
  } catch (const std::exception&) {
    return {};
  }
  QImage image(figure.width_pixels(), figure.height_pixels(), QImage::Format_ARGB32);
  const int dots_per_meter = qRound(figure.dpi / 0.0254);
  image.setDotsPerMeterX(dots_per_meter);
  image.setDotsPerMeterY(dots_per_meter);
  QPainter painter(&image);
  paint_plot_figure(plot, painter, image.rect(), figure);
  return image;
}

}  // namespace amla::ui
