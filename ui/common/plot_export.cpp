#include "ui/common/plot_export.h"

#include <qwt_plot.h>
#include <qwt_plot_renderer.h>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace amla::ui {

namespace {

// QwtPlotRenderer::renderDocument() opens the target path itself, which would leave a partial
// file behind on failure; rendering onto devices that write into a QSaveFile keeps it atomic.
void render_plot(QwtPlot* plot, QPainter& painter, const QRectF& rect) {
  QwtPlotRenderer renderer;
  renderer.setDiscardFlag(QwtPlotRenderer::DiscardBackground, false);
  renderer.setDiscardFlag(QwtPlotRenderer::DiscardCanvasBackground, false);
  renderer.setLayoutFlag(QwtPlotRenderer::FrameWithScales, false);
  renderer.render(plot, &painter, rect);
}

QString write_png(QwtPlot* plot, QSaveFile& file, const QSize& pixels) {
  QImage image(pixels, QImage::Format_ARGB32);
  image.setDotsPerMeterX(qRound(kExportDpi / 0.0254));
  image.setDotsPerMeterY(qRound(kExportDpi / 0.0254));
  image.fill(Qt::white);
  {
    QPainter painter(&image);
    render_plot(plot, painter, QRectF(QPointF(0, 0), QSizeF(pixels)));
  }
  if (!image.save(&file, "PNG")) return QStringLiteral("PNG encoding failed");
  return {};
}

QString write_svg(QwtPlot* plot, QSaveFile& file, const QSize& pixels) {
  QSvgGenerator generator;
  generator.setOutputDevice(&file);
  generator.setSize(pixels);
  generator.setViewBox(QRect(QPoint(0, 0), pixels));
  generator.setResolution(qRound(kExportDpi));
  generator.setTitle(plot->title().text());
  generator.setDescription(QStringLiteral("AMLA Studio plot"));
  QPainter painter;
  if (!painter.begin(&generator)) return QStringLiteral("cannot start the SVG writer");
  render_plot(plot, painter, QRectF(QPointF(0, 0), QSizeF(pixels)));
  painter.end();
  return {};
}

QString write_pdf(QwtPlot* plot, QSaveFile& file, const QSize& pixels) {
  QPdfWriter writer(&file);
  writer.setResolution(qRound(kExportDpi));
  const QSizeF size_mm(pixels.width() * 25.4 / kExportDpi, pixels.height() * 25.4 / kExportDpi);
  writer.setPageSize(QPageSize(size_mm, QPageSize::Millimeter, QString(), QPageSize::ExactMatch));
  writer.setPageMargins(QMarginsF(0, 0, 0, 0));
  writer.setTitle(plot->title().text());
  writer.setCreator(QStringLiteral("AMLA Studio"));
  QPainter painter;
  if (!painter.begin(&writer)) return QStringLiteral("cannot start the PDF writer");
  render_plot(plot, painter, QRectF(0, 0, writer.width(), writer.height()));
  painter.end();
  return {};
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
  if (path.isEmpty()) return QStringLiteral("no file name given");
  const auto format = plot_format_for(path);
  if (!format) {
    return QStringLiteral("%1: unknown file type (use .png, .svg or .pdf)").arg(path);
  }
  for (int side : {pixels.width(), pixels.height()}) {
    if (side < kMinExportPixels || side > kMaxExportPixels) {
      return QStringLiteral("size %1 x %2 px: each side must be in [%3, %4]")
          .arg(pixels.width())
          .arg(pixels.height())
          .arg(kMinExportPixels)
          .arg(kMaxExportPixels);
    }
  }
  const QFileInfo target(path);
  if (!target.absoluteDir().exists()) {
    return QStringLiteral("%1: directory %2 does not exist").arg(path, target.absoluteDir().path());
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return QStringLiteral("%1: cannot write here (%2)").arg(path, file.errorString());
  }
  QString error;
  switch (*format) {
    case PlotFileFormat::kPng:
      error = write_png(plot, file, pixels);
      break;
    case PlotFileFormat::kSvg:
      error = write_svg(plot, file, pixels);
      break;
    case PlotFileFormat::kPdf:
      error = write_pdf(plot, file, pixels);
      break;
  }
  if (error.isEmpty() && file.error() != QFileDevice::NoError) error = file.errorString();
  if (!error.isEmpty()) {
    file.cancelWriting();
    return QStringLiteral("%1: %2").arg(path, error);
  }
  if (!file.commit()) {
    return QStringLiteral("%1: cannot finish the file (%2)").arg(path, file.errorString());
  }
  return {};
}

}  // namespace amla::ui
