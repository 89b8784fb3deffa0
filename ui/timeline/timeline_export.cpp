// Core headers first: trace.h has a member named `slots`, which Qt's keyword macro would eat.
#include "core/sim/simulation_run.h"
#include "core/view/timeline_index.h"

#include "ui/timeline/timeline_export.h"

#include <QDir>
#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>
#include <functional>
#include <vector>

#include "ui/common/plot_export.h"
#include "ui/timeline/timeline_layout.h"
#include "ui/timeline/timeline_palette.h"
#include "ui/timeline/timeline_renderer.h"

namespace amla::ui {

namespace {

using PaintFn = std::function<void(QPainter&, const QRect&)>;

QString write_png(QSaveFile& file, const QSize& pixels, const PaintFn& paint) {
  QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
  image.setDotsPerMeterX(qRound(kExportDpi / 0.0254));
  image.setDotsPerMeterY(qRound(kExportDpi / 0.0254));
  image.fill(Qt::white);
  {
    QPainter painter(&image);
    paint(painter, QRect(QPoint(0, 0), pixels));
  }
  if (!image.save(&file, "PNG")) return QStringLiteral("PNG encoding failed");
  return {};
}

QString write_svg(QSaveFile& file, const QSize& pixels, const QString& title,
                  const PaintFn& paint) {
  QSvgGenerator generator;
  generator.setOutputDevice(&file);
  generator.setSize(pixels);
  generator.setViewBox(QRect(QPoint(0, 0), pixels));
  generator.setResolution(qRound(kExportDpi));
  generator.setTitle(title);
  generator.setDescription(QStringLiteral("AMLA Studio timeline"));
  QPainter painter;
  if (!painter.begin(&generator)) return QStringLiteral("cannot start the SVG writer");
  paint(painter, QRect(QPoint(0, 0), pixels));
  painter.end();
  return {};
}

QString write_pdf(QSaveFile& file, const QSize& pixels, const QString& title,
                  const PaintFn& paint) {
  QPdfWriter writer(&file);
  writer.setResolution(qRound(kExportDpi));
  const QSizeF size_mm(pixels.width() * 25.4 / kExportDpi, pixels.height() * 25.4 / kExportDpi);
  writer.setPageSize(QPageSize(size_mm, QPageSize::Millimeter, QString(), QPageSize::ExactMatch));
  writer.setPageMargins(QMarginsF(0, 0, 0, 0));
  writer.setTitle(title);
  writer.setCreator(QStringLiteral("AMLA Studio"));
  QPainter painter;
  if (!painter.begin(&writer)) return QStringLiteral("cannot start the PDF writer");
  paint(painter, QRect(0, 0, writer.width(), writer.height()));
  painter.end();
  return {};
}

}  // namespace

QString default_timeline_title(const SimulationRun& run) {
  const Problem& p = run.config.problem;
  return QStringLiteral("%1 on %2: B=%3, %4 heads x %5 q tokens, S_k=%6, %7 cores")
      .arg(QString::fromLatin1(variant_name(run.config.variant)).toUpper(),
           QString::fromStdString(run.hardware.name))
      .arg(p.batch)
      .arg(p.heads)
      .arg(p.q_tokens)
      .arg(p.kv_lens.empty() ? QString::number(p.kv_len) : QStringLiteral("varied"))
      .arg(run.trace.cores);
}

void paint_timeline(QPainter& painter, const QRect& area, const SimulationRun& run,
                    const TimelineIndex& index, const TimelineRenderOptions& options) {
  const double end = static_cast<double>(std::max<std::int64_t>(index.end_cycle(), 1));
  double t0 = options.t0_cycles, t1 = options.t1_cycles;
  if (!(t1 > t0)) t0 = 0, t1 = end;
  TimelineScene scene;
  scene.index = &index;
  const TimelinePalette palette;
  scene.palette = &palette;
  scene.clock_ghz = run.trace.clock_ghz;
  scene.t0 = t0;
  scene.t1 = t1;
  scene.microseconds = options.microseconds;
  scene.title = options.title.isEmpty() ? default_timeline_title(run) : options.title;
  scene.legend = options.legend;
  // Rows fitted to the height left for tracks: an export cannot scroll.
  const CollapseState state(run.trace.cores, std::max(0, options.expanded_cores));
  std::vector<TimelineRow> rows = build_rows(state, RowHeights{});
  scene.rows = &rows;
  const TimelineGeometry geo = timeline_geometry(area, scene);
  rows = build_rows(state, fit_row_heights(state, geo.tracks.height()));
  paint_timeline_scene(painter, area, scene);
}

void paint_timeline(QPainter& painter, const QRect& area, const SimulationRun& run,
                    const TimelineRenderOptions& options) {
  const TimelineIndex index(run.trace);
  paint_timeline(painter, area, run, index, options);
}

QImage render_timeline_image(const SimulationRun& run, const TimelineIndex& index,
                             const TimelineRenderOptions& options) {
  QImage image(std::max(1, options.width), std::max(1, options.height),
               QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  paint_timeline(painter, image.rect(), run, index, options);
  return image;
}

QImage render_timeline_image(const SimulationRun& run, const TimelineRenderOptions& options) {
  const TimelineIndex index(run.trace);
  return render_timeline_image(run, index, options);
}

QString export_timeline(const SimulationRun& run, const TimelineRenderOptions& options,
                        const QString& path) {
  if (path.isEmpty()) return QStringLiteral("no file name given");
  const auto format = plot_format_for(path);
  if (!format) {
    return QStringLiteral("%1: unknown file type (use .png, .svg or .pdf)").arg(path);
  }
  const QSize pixels(options.width, options.height);
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
  const TimelineIndex index(run.trace);
  const PaintFn paint = [&](QPainter& painter, const QRect& area) {
    paint_timeline(painter, area, run, index, options);
  };
  const QString title = options.title.isEmpty() ? default_timeline_title(run) : options.title;
  QString error;
  switch (*format) {
    case PlotFileFormat::kPng:
      error = write_png(file, pixels, paint);
      break;
    case PlotFileFormat::kSvg:
      error = write_svg(file, pixels, title, paint);
      break;
    case PlotFileFormat::kPdf:
      error = write_pdf(file, pixels, title, paint);
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
