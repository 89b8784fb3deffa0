#pragma once
// The Buffers panel rendered without a window, for `amla-cli simulate --buffers FILE` and tests:
// the same plots as on screen (one occupancy strip per buffer of the core with its labelled
// capacity, the L1 memory map with its legend), a title, time and byte axis titles. Needs a
// QApplication (the offscreen platform is enough).
#include <QImage>
#include <QSize>
#include <QString>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/view/figure_spec.h"

namespace amla {
struct SimulationRun;
}  // namespace amla

namespace amla::ui {

struct BuffersRenderOptions {
  int width = 1600;
  int height = 900;
  double t0_cycles = 0;
  double t1_cycles = 0;  // t1 <= t0: whole run
  int core = 0;
  std::vector<std::string> buffers;  // keys of the buffers drawn (buffer_key_matches); empty: all
  bool microseconds = true;
  QString title;  // empty: a title naming the core, hardware, problem and range
};

// Exactly width x height pixels (a null image when the size is outside the export limits).
QImage render_buffers_image(const amla::SimulationRun& run, const BuffersRenderOptions& options);

// PNG, SVG or PDF by the path's suffix, written atomically. Returns empty on success, else the
// reason (unknown suffix, missing or unwritable directory, bad size, core out of range); on
// failure any old file at `path` is left as it was.
QString export_buffers(const amla::SimulationRun& run, const BuffersRenderOptions& options,
                       const QString& path);

// The Buffers figure for papers and slides, at the figure model's printed size, DPI and font
// size: what the GUI's export dialog and `amla-cli simulate --buffers` both draw.
struct BuffersFigureContent {
  int core = 0;
  std::vector<std::string> buffers;  // keys of the buffers drawn ("l1,ub"); empty: all
  std::optional<std::pair<double, double>> range_us;  // none: the whole run
};

// "Buffers of core 0" and on a second line the configuration ("AMLA, preload 2, ...").
QString buffers_figure_title(const amla::SimulationRun& run, int core);

// Throws InputError naming --buffers-core, --show-buffers or --range when the content does not
// fit the run.
void check_buffers_figure(const amla::SimulationRun& run, const BuffersFigureContent& content);

// How the panel is laid out for a figure: its size on a 96-dpi screen and the factor k that
// scales it to the printed size (Qwt keeps the plots' point sizes at the device's DPI; k brings
// the body text, the tick labels, to figure.font_pt), and the body text's printed size.
struct BuffersFigureLayout {
  double k = 1;
  QSize widget;
  amla::FigureSpec figure;  // with the fitted height
  double body_pt = 0;
};
BuffersFigureLayout buffers_figure_layout(const amla::FigureSpec& figure);

// figure.width_pixels() x figure.height_pixels(); a null image when the content or the figure
// is refused.
QImage render_buffers_figure(const amla::SimulationRun& run, const amla::FigureSpec& figure,
                             const BuffersFigureContent& content);
// PNG, SVG or PDF by the suffix, all or nothing. Empty on success, else the reason.
QString export_buffers_figure(const amla::SimulationRun& run, const amla::FigureSpec& figure,
                              const BuffersFigureContent& content, const QString& path);

}  // namespace amla::ui
