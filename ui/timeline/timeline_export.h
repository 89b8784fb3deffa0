#pragma once
// Headless timeline figures for the GUI's export and the command line: the same painter as the
// widget, with a title, the axis title and the legend, at an exact size. PNG, SVG or PDF by the
// file suffix; written through a temporary file so a failure never leaves a partial file.
#include <QImage>
#include <QRect>
#include <QString>

class QPainter;

namespace amla {
struct SimulationRun;
class TimelineIndex;
}  // namespace amla

namespace amla::ui {

struct TimelineRenderOptions {
  int width = 1920;
  int height = 1080;
  double t0_cycles = 0;
  double t1_cycles = 0;  // t1 <= t0: the whole run
  bool microseconds = true;
  QString title;  // empty: a title naming the hardware and the problem
  bool legend = true;
  int expanded_cores = 1;  // cores shown expanded from 0, the rest collapsed to density rows
};

void paint_timeline(QPainter& painter, const QRect& area, const amla::SimulationRun& run,
                    const TimelineRenderOptions& options);
// The same with an index built beforehand (it must index run.trace): a caller drawing one run
// many times pays for the index once.
void paint_timeline(QPainter& painter, const QRect& area, const amla::SimulationRun& run,
                    const amla::TimelineIndex& index, const TimelineRenderOptions& options);

// Exactly options.width x options.height.
QImage render_timeline_image(const amla::SimulationRun& run, const TimelineRenderOptions& options);
QImage render_timeline_image(const amla::SimulationRun& run, const amla::TimelineIndex& index,
                             const TimelineRenderOptions& options);

// Returns an empty string on success, otherwise the reason (the old file is left intact).
QString export_timeline(const amla::SimulationRun& run, const TimelineRenderOptions& options,
                        const QString& path);

// The title used when options.title is empty.
QString default_timeline_title(const amla::SimulationRun& run);

}  // namespace amla::ui
