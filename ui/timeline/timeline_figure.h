#pragma once
// The timeline as a figure for papers and slides: the one function the GUI's export dialog and
// `amla-cli simulate --timeline` both call, so the same settings give the same file. The figure
// model (core/view/figure_spec.h) gives the printed size, the DPI and the text size in points;
// the content (core/view/figure_content.h) which cores, units, pipes and time window it shows.
// Lanes keep a readable height: when they do not all fit, the least busy are left out and a note
// says how many.
#include <QImage>
#include <QRectF>
#include <QString>
#include <cstdint>
#include <vector>

#include "core/view/figure_content.h"
#include "core/view/figure_spec.h"

class QPainter;

namespace amla {
struct SimulationRun;
class TimelineIndex;
}  // namespace amla

namespace amla::ui {

// What the layout kept, in device pixels, for the dialog's status line and the tests.
struct TimelineFigureLayout {
  std::vector<int> lanes;  // the lanes shown, top to bottom
  int lanes_shown = 0;
  int lanes_hidden = 0;            // lanes chosen but left out for want of height: the least busy
  std::uint32_t legend_kinds = 0;  // bit k: the legend lists op kind k (those on the lanes shown)
  std::uint32_t kinds_shown = 0;   // bit k: an op of kind k is on a lane shown, in the window
  double scale = 1;      // device pixels per layout pixel (the label font is 11 layout pixels)
  QRectF labels;         // the lane label column
  QRectF tracks;         // the lanes
  QRectF legend;         // the legend; empty when there is none
  double height_mm = 0;  // the figure's printed height (fitted to the lanes when asked)
};

// `figure` with the height its lanes need when figure.fit_height (never above
// FigureSpec::kMaxFitHeightMm: what does not fit then is left out); otherwise `figure`.
amla::FigureSpec fitted_timeline_figure(const amla::SimulationRun& run,
                                        const amla::TimelineIndex& index,
                                        const amla::FigureSpec& figure,
                                        const amla::TimelineFigureContent& content);

// "AMLA, preload 2, Ascend 910B3: B=96, 128 heads x 1 q, S_k=4096": the configuration.
QString timeline_figure_title(const amla::SimulationRun& run);

// Throws InputError (naming --cores, --range, ...) when the content does not fit the run.
void check_timeline_figure(const amla::SimulationRun& run,
                           const amla::TimelineFigureContent& content);

// Paints into `device` (pixels at figure.dpi); the content must have passed the check.
TimelineFigureLayout paint_timeline_figure(QPainter& painter, const QRect& device,
                                           const amla::SimulationRun& run,
                                           const amla::TimelineIndex& index,
                                           const amla::FigureSpec& figure,
                                           const amla::TimelineFigureContent& content);

// The figure as an image at figure.dpi, figure.width_pixels() wide and as tall as the fitted
// figure (for the dialog's preview); a null image when the content does not fit the run.
QImage render_timeline_figure(const amla::SimulationRun& run, const amla::FigureSpec& figure,
                              const amla::TimelineFigureContent& content,
                              TimelineFigureLayout* layout = nullptr);

// PNG, SVG or PDF by the suffix, written all or nothing. Empty on success, else the reason.
QString export_timeline_figure(const amla::SimulationRun& run, const amla::FigureSpec& figure,
                               const amla::TimelineFigureContent& content, const QString& path,
                               TimelineFigureLayout* layout = nullptr);

}  // namespace amla::ui
