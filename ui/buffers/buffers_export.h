#pragma once
// The Buffers panel rendered without a window, for `amla-cli simulate --buffers FILE` and tests:
// the same plots as on screen (one occupancy strip per buffer of the core with its labelled
// capacity, the L1 memory map with its legend), a title, time and byte axis titles. Needs a
// QApplication (the offscreen platform is enough).
#include <QImage>
#include <QString>

namespace amla {
struct SimulationRun;
}

namespace amla::ui {

struct BuffersRenderOptions {
  int width = 1600;
  int height = 900;
  double t0_cycles = 0;
  double t1_cycles = 0;  // t1 <= t0: whole run
  int core = 0;
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

}  // namespace amla::ui
