#include "ui/timeline/timeline_export.h"

#include <QPainter>
#include <algorithm>
#include <vector>

#include "core/run/simulation_run.h"
#include "core/view/timeline_index.h"
#include "ui/common/painted_export.h"
#include "ui/timeline/timeline_layout.h"
#include "ui/timeline/timeline_palette.h"
#include "ui/timeline/timeline_renderer.h"

namespace amla::ui {

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
  scene.legend = options.legend ? amla::LegendPosition::kBottom : amla::LegendPosition::kNone;
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
  const TimelineIndex index(run.trace);
  const QString title = options.title.isEmpty() ? default_timeline_title(run) : options.title;
  return export_painting(path, QSize(options.width, options.height), title,
                         [&](QPainter& painter, const QRect& area) {
                           paint_timeline(painter, area, run, index, options);
                         });
}

}  // namespace amla::ui
