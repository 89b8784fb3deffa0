#include "ui/common/painted_export.h"

#include <QBuffer>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <cmath>
#include <memory>

#include "core/common/atomic_file.h"
#include "core/common/input_error.h"
#include "core/view/figure_spec.h"
#include "ui/common/plot_export.h"

namespace amla::ui {

namespace {

// Opens a painter on the format's device over `file` and paints; the devices must outlive the
// painter, so each format owns its device here. `file` is memory: the SVG and PDF writers do not
// report failed writes, so the bytes reach the disk through the output layer, which does.
QString paint_into(PlotFileFormat format, QBuffer& file, const QSize& pixels, double dpi,
                   const QString& title, const PaintFunction& paint) {
  QPainter painter;
  switch (format) {
    case PlotFileFormat::kPng: {
      QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
      image.setDotsPerMeterX(qRound(dpi / 0.0254));
      image.setDotsPerMeterY(qRound(dpi / 0.0254));
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
      generator.setResolution(qRound(dpi));
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
      writer.setResolution(qRound(dpi));
      const QSizeF mm(pixels.width() * 25.4 / dpi, pixels.height() * 25.4 / dpi);
      writer.setPageSize(QPageSize(mm, QPageSize::Millimeter, QString(), QPageSize::ExactMatch));
      writer.setPageMargins(QMarginsF(0, 0, 0, 0));
      writer.setTitle(title);
      writer.setCreator(QStringLiteral("AMLA Studio"));
      if (!painter.begin(&writer)) return QStringLiteral("cannot start the PDF writer");
      painter.fillRect(QRect(0, 0, writer.width(), writer.height()), Qt::white);
      paint(painter, QRect(0, 0, writer.width(), writer.height()));
      painter.end();
      return {};
    }
  }
  return QStringLiteral("unknown format");
}

// Qt writes the family the text was laid out with ("DejaVu Sans", or "Sans Serif", an alias
// only Qt knows); a viewer without it needs the generic CSS family to fall back on.
void name_generic_family(QByteArray& svg) {
  static const QRegularExpression family(QStringLiteral("font-family=\"([^\"]*)\""));
  QString text = QString::fromUtf8(svg);
  QString out;
  out.reserve(text.size() + text.size() / 8);
  int from = 0;
  auto it = family.globalMatch(text);
  while (it.hasNext()) {
    const auto match = it.next();
    out += text.midRef(from, match.capturedStart() - from);
    QString name = match.captured(1).trimmed();
    const bool generic_only = name.isEmpty() ||
                              name.compare(QLatin1String("Sans Serif"), Qt::CaseInsensitive) == 0 ||
                              name == QLatin1String("sans-serif");
    out += generic_only ? QStringLiteral("font-family=\"sans-serif\"")
                        : QStringLiteral("font-family=\"%1, sans-serif\"").arg(name);
    from = match.capturedEnd();
  }
  out += text.midRef(from);
  svg = out.toUtf8();
}

QString export_at(const QString& path, const QSize& pixels, double dpi, const QString& title,
                  const PaintFunction& paint);

}  // namespace

QString export_painting(const QString& path, const QSize& pixels, const QString& title,
                        const PaintFunction& paint) {
  return export_at(path, pixels, kExportDpi, title, paint);
}

QString export_figure(const QString& path, const amla::FigureSpec& figure, const QString& title,
                      const PaintFunction& paint) {
  try {
    amla::validate_figure(figure);
  } catch (const amla::InputError& e) {
    return QStringLiteral("%1 %2: %3")
        .arg(QString::fromStdString(e.field()), QString::fromStdString(e.value()),
             QString::fromStdString(e.limit()));
  }
  return export_at(path, QSize(figure.width_pixels(), figure.height_pixels()), figure.dpi, title,
                   paint);
}

namespace {

QString export_at(const QString& path, const QSize& pixels, double dpi, const QString& title,
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
  const QString error = paint_into(*format, file, pixels, dpi, title, paint);
  file.close();
  if (!error.isEmpty()) return QStringLiteral("%1: %2").arg(path, error);
  if (*format == PlotFileFormat::kSvg) name_generic_family(bytes);
  try {
    // Staged in the command's OutputSet when it declared the path, else written at once.
    amla::write_bytes_atomically("export", path.toStdString(),
                                 std::string_view(bytes.constData(), bytes.size()));
  } catch (const amla::InputError& e) {
    return QStringLiteral("%1: %2").arg(path, QString::fromStdString(e.limit()));
  }
  return {};
}

}  // namespace

}  // namespace amla::ui
