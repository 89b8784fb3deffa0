#include "ui/buffers/buffers_export.h"

#include <qwt_plot_renderer.h>
#include <QPainter>
#include <memory>

#include "core/run/simulation_run.h"
#include "ui/buffers/buffers_view.h"
#include "ui/common/plot_export.h"

namespace amla::ui {

namespace {

// A view that is never shown, set up as the options ask. The run is borrowed for the view's
// short life, hence the shared_ptr that does not delete.
std::unique_ptr<BuffersView> make_view(const amla::SimulationRun& run,
                                       const BuffersRenderOptions& options) {
  auto view = std::make_unique<BuffersView>();
  view->setTimeUnitMicroseconds(options.microseconds);
  view->setRun(std::shared_ptr<const amla::SimulationRun>(&run, [](const amla::SimulationRun*) {}));
  view->setCore(options.core);
  view->setVisibleRange(options.t0_cycles, options.t1_cycles);
  view->setExportTitle(options.title);
  // The renderer lays the plots out for the image, but Qwt's scale widgets place their titles
  // from their own last resize, which a hidden widget never gets: show it, never on screen.
  view->setAttribute(Qt::WA_DontShowOnScreen);
  view->resize(options.width, options.height);
  view->show();
  return view;
}

QString check_options(const amla::SimulationRun& run, const BuffersRenderOptions& options) {
  if (options.core < 0 || options.core >= run.trace.cores) {
    return QStringLiteral("core %1 is out of range: the run has cores 0 to %2")
        .arg(options.core)
        .arg(run.trace.cores - 1);
  }
  for (int side : {options.width, options.height}) {
    if (side < kMinExportPixels || side > kMaxExportPixels) {
      return QStringLiteral("size %1 x %2 px: each side must be in [%3, %4]")
          .arg(options.width)
          .arg(options.height)
          .arg(kMinExportPixels)
          .arg(kMaxExportPixels);
    }
  }
  return {};
}

}  // namespace

QImage render_buffers_image(const amla::SimulationRun& run, const BuffersRenderOptions& options) {
  if (!check_options(run, options).isEmpty()) return {};
  const auto view = make_view(run, options);
  QImage image(options.width, options.height, QImage::Format_ARGB32);
  image.setDotsPerMeterX(qRound(kExportDpi / 0.0254));
  image.setDotsPerMeterY(qRound(kExportDpi / 0.0254));
  image.fill(Qt::white);
  QPainter painter(&image);
  QwtPlotRenderer renderer;
  renderer.setDiscardFlag(QwtPlotRenderer::DiscardBackground, false);
  renderer.render(view->exportPlot(), &painter, QRectF(image.rect()));
  painter.end();
  return image;
}

QString export_buffers(const amla::SimulationRun& run, const BuffersRenderOptions& options,
                       const QString& path) {
  // Cheap refusals first, so a bad call never builds the plots.
  if (!plot_format_for(path)) {
    return QStringLiteral("%1: unknown file type (use .png, .svg or .pdf)").arg(path);
  }
  const QString problem = check_options(run, options);
  if (!problem.isEmpty()) return QStringLiteral("%1: %2").arg(path, problem);
  const auto view = make_view(run, options);
  return export_plot(view->exportPlot(), path, QSize(options.width, options.height));
}

}  // namespace amla::ui
