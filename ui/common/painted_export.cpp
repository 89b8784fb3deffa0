#include "ui/common/painted_export.h"

#include <QBuffer>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <memory>

#include "core/common/atomic_file.h"
#include "core/common/input_error.h"
#include "ui/common/plot_export.h"

namespace amla::ui {

namespace {

// Opens a painter on the format's device over `file` and paints; the devices must outlive the
// painter, so each format owns its device here. `file` is memory: the SVG and PDF writers do not
// report failed writes, so the bytes reach the disk through the output layer, which does.
QString paint_into(PlotFileFormat format, QBuffer& file, const QSize& pixels, const QString& title,
                   const PaintFunction& paint) {
  QPainter painter;
  switch (format) {
    case PlotFileFormat::kPng: {
      QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
      image.setDotsPerMeterX(qRound(kExportDpi / 0.0254));
      image.setDotsPerMeterY(qRound(kExportDpi / 0.0254));
      image.fill(Qt::white);
      if (!painter.begin(&image)) return QStringLiteral("cannot paint the image");
      paint(painter, image.rect());
      painter.end();
      return image.save(&file, "PNG") ? QString() : QStringLiteral("PNG encoding failed");
    }
    case PlotFileFormat::kSvg: {
      QSvgGenerator generator;
      generator.setOutputDevice(&file);
      generator.setSize(pixels);
      generator.setViewBox(QRect(QPoint(0, 0), pixels));
      generator.setResolution(qRound(kExportDpi));
      generator.setTitle(title);
      generator.setDescription(QStringLiteral("AMLA Studio figure"));
      if (!painter.begin(&generator)) return QStringLiteral("cannot start the SVG writer");
      painter.fillRect(QRect(QPoint(0, 0), pixels), Qt::white);
      paint(painter, QRect(QPoint(0, 0), pixels));
      painter.end();
      return {};
    }
    case PlotFileFormat::kPdf: {
      QPdfWriter writer(&file);
      writer.setResolution(qRound(kExportDpi));
      const QSizeF mm(pixels.width() * 25.4 / kExportDpi, pixels.height() * 25.4 / kExportDpi);
      writer.setPageSize(QPageSize(mm, QPageSize::Millimeter, QString(), QPageSize::ExactMatch));
      writer.setPageMargins(QMarginsF(0, 0, 0, 0));
      writer.setTitle(title);
      writer.setCreator(QStringLiteral("AMLA Studio"));
      if (!painter.begin(&writer)) return QStringLiteral("cannot start the PDF writer");
      paint(painter, QRect(0, 0, writer.width(), writer.height()));
      painter.end();
      return {};
    }
  }
  return QStringLiteral("unknown format");
}

}  // namespace

QString export_painting(const QString& path, const QSize& pixels, const QString& title,
                        const PaintFunction& paint) {
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
  QByteArray bytes;
  QBuffer file(&bytes);
  file.open(QIODevice::WriteOnly);
  const QString error = paint_into(*format, file, pixels, title, paint);
  file.close();
  if (!error.isEmpty()) return QStringLiteral("%1: %2").arg(path, error);
  try {
    // Staged in the command's OutputSet when it declared the path, else written at once.
    amla::write_bytes_atomically("export", path.toStdString(),
                                 std::string_view(bytes.constData(), bytes.size()));
  } catch (const amla::InputError& e) {
    return QStringLiteral("%1: %2").arg(path, QString::fromStdString(e.limit()));
  }
  return {};
}

}  // namespace amla::ui
