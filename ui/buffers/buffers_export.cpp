#include "ui/buffers/buffers_export.h"

#include <QPainter>
#include <algorithm>
#include <cmath>
#include <memory>

#include "core/common/input_error.h"
#include "core/run/simulation_run.h"
#include "core/view/figure_content.h"
#include "core/view/figure_spec.h"
#include "ui/buffers/buffers_view.h"
#include "ui/buffers/plot_style.h"
#include "ui/common/painted_export.h"
#include "ui/common/plot_export.h"
#include "ui/timeline/timeline_figure.h"

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
  view->setShownBuffers(options.buffers);
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

double cycles_per_us(const amla::SimulationRun& run) { return run.trace.clock_ghz * 1e3; }

BuffersRenderOptions figure_options(const amla::SimulationRun& run,
                                    const BuffersFigureContent& content, bool title) {
  BuffersRenderOptions o;
  o.core = content.core;
  o.buffers = content.buffers;
  if (content.range_us) {
    o.t0_cycles = content.range_us->first * cycles_per_us(run);
    o.t1_cycles = content.range_us->second * cycles_per_us(run);
  }
  o.title = title ? buffers_figure_title(run, content.core) : QString();
  return o;
}

// The panel stacks seven strips and the memory map: below this layout height (pixels on a
// 96-dpi screen) its labels collide, so a column figure takes at least this height. The width
// has no floor: the text prints at the chosen size, the strips get narrower and the titles wrap
// (hence the room for two more title lines).
constexpr double kMinLayoutHeight = 900;  // seven strips of about 70 px, the map, the axes

}  // namespace

BuffersFigureLayout buffers_figure_layout(const amla::FigureSpec& figure) {
  BuffersFigureLayout out;
  out.figure = figure;
  // Qwt keeps the plots' point sizes at the device's DPI: k brings the panel's body text (its
  // tick labels) to the figure's body size; titles and labels keep their ratio to it.
  out.k = figure.font_pt / kPlotBodyPt;
  const double width_px = figure.width_mm / 25.4 * kExportDpi;
  double height = figure.height_mm / 25.4 * kExportDpi / out.k;
  // A column figure takes the height its strips need, up to the page's text height.
  if (figure.fit_height && height < kMinLayoutHeight) {
    height = kMinLayoutHeight;
    out.figure.height_mm =
        std::min(amla::FigureSpec::kMaxFitHeightMm, height * out.k / kExportDpi * 25.4);
    height = out.figure.height_mm / 25.4 * kExportDpi / out.k;
  }
  out.widget = QSize(std::max(1, static_cast<int>(std::lround(width_px / out.k))),
                     std::max(1, static_cast<int>(std::lround(height))));
  out.body_pt = out.k * kPlotBodyPt;
  return out;
}

namespace {

// Paints the figure into `device` (pixels at layout.figure.dpi).
void paint_buffers_figure(QPainter& painter, const QRect& device, const amla::SimulationRun& run,
                          const BuffersFigureLayout& layout, const BuffersFigureContent& content) {
  const amla::FigureSpec& figure = layout.figure;
  BuffersRenderOptions o = figure_options(run, content, figure.title);
  o.width = layout.widget.width();
  o.height = layout.widget.height();
  const auto view = make_view(run, o);
  const double k = layout.k;
  painter.save();
  painter.fillRect(device, Qt::white);
  painter.translate(device.topLeft());
  painter.scale(k, k);
  render_plot_for_export(view->exportPlot(), painter,
                         QRectF(0, 0, device.width() / k, device.height() / k), figure.title,
                         figure.has_legend());
  painter.restore();
}

QString refusal_text(const amla::InputError& e) {
  return QStringLiteral("%1 %2: %3")
      .arg(QString::fromStdString(e.field()), QString::fromStdString(e.value()),
           QString::fromStdString(e.limit()));
}

}  // namespace

QString buffers_figure_title(const amla::SimulationRun& run, int core) {
  // Two lines: a figure is narrower than the configuration's text.
  return QStringLiteral("Buffers of core %1\n").arg(core) + timeline_figure_title(run);
}

void check_buffers_figure(const amla::SimulationRun& run, const BuffersFigureContent& content) {
  if (content.core < 0 || content.core >= run.trace.cores) {
    throw amla::InputError("--buffers-core", std::to_string(content.core),
                           "the run has cores 0-" + std::to_string(run.trace.cores - 1));
  }
  std::string names;  // the core's buffers, for the refusal
  for (const auto& b : run.trace.buffers) {
    if (b.core == content.core) names += (names.empty() ? "" : ", ") + b.name;
  }
  for (const std::string& key : content.buffers) {
    const bool found =
        std::any_of(run.trace.buffers.begin(), run.trace.buffers.end(), [&](const auto& b) {
          return b.core == content.core && amla::buffer_key_matches(key, b.name);
        });
    if (!found) {
      throw amla::InputError("--show-buffers", key,
                             "core " + std::to_string(content.core) + " has " + names);
    }
  }
  amla::TimelineFigureContent as_timeline;
  as_timeline.cores = {content.core};
  as_timeline.range_us = content.range_us;
  std::int64_t end = 1;
  for (std::int64_t e : run.trace.ops.end) end = std::max(end, e);
  amla::check_figure_content(as_timeline, run.trace.cores,
                             static_cast<double>(end) / cycles_per_us(run));
}

QImage render_buffers_figure(const amla::SimulationRun& run, const amla::FigureSpec& figure,
                             const BuffersFigureContent& content) {
  try {
    check_buffers_figure(run, content);
    amla::validate_figure(figure);
  } catch (const amla::InputError&) {
    return {};
  }
  const BuffersFigureLayout layout = buffers_figure_layout(figure);
  QImage image(layout.figure.width_pixels(), layout.figure.height_pixels(), QImage::Format_ARGB32);
  const int dots_per_meter = static_cast<int>(std::lround(figure.dpi / 0.0254));
  image.setDotsPerMeterX(dots_per_meter);
  image.setDotsPerMeterY(dots_per_meter);
  image.fill(Qt::white);
  QPainter painter(&image);
  paint_buffers_figure(painter, image.rect(), run, layout, content);
  return image;
}

QString export_buffers_figure(const amla::SimulationRun& run, const amla::FigureSpec& figure,
                              const BuffersFigureContent& content, const QString& path) {
  if (!plot_format_for(path)) {
    return QStringLiteral("%1: unknown file type (use .png, .svg or .pdf)").arg(path);
  }
  try {
    check_buffers_figure(run, content);
  } catch (const amla::InputError& e) {
    return refusal_text(e);
  }
  const QString title = buffers_figure_title(run, content.core);
  const BuffersFigureLayout layout = buffers_figure_layout(figure);
  return export_figure(path, layout.figure, title, [&](QPainter& painter, const QRect& device) {
    paint_buffers_figure(painter, device, run, layout, content);
  });
}

QImage render_buffers_image(const amla::SimulationRun& run, const BuffersRenderOptions& options) {
  if (!check_options(run, options).isEmpty()) return {};
  const auto view = make_view(run, options);
  QImage image(options.width, options.height, QImage::Format_ARGB32);
  image.setDotsPerMeterX(qRound(kExportDpi / 0.0254));
  image.setDotsPerMeterY(qRound(kExportDpi / 0.0254));
  image.fill(Qt::white);
  QPainter painter(&image);
  render_plot_for_export(view->exportPlot(), painter, QRectF(image.rect()));
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
