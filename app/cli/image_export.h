#pragma once
// Headless images of a simulation for `amla-cli simulate --timeline/--buffers`: rendered by the
// GUI's own painters on Qt's offscreen platform when the build has the GUI, refused with a clear
// message otherwise.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/run/sensitivity.h"
#include "core/run/simulation_run.h"
#include "core/sweep/sweep.h"
#include "core/view/figure_content.h"
#include "core/view/figure_spec.h"

namespace amla::cli {

struct ImageExportRequest {
  std::optional<std::string> timeline_path;
  std::optional<std::string> buffers_path;
  amla::FigureSpec figure;                 // --figure, --dpi, --font-pt, --no-legend, --no-title
  amla::TimelineFigureContent content;     // --cores, --units, --pipes, --range
  std::optional<int> buffers_core;         // none: the first core of --cores
  std::vector<std::string> buffers_shown;  // --show-buffers keys; empty: every buffer
};

bool image_export_available();
// Refuses (InputError naming `field`) a path whose suffix is not .png, .svg or .pdf: checked
// with the other outputs, before any work.
void check_image_path(const std::string& field, const std::string& path);
// A PNG is drawn into a width x height x 4 byte image and encoded beside it: that much memory
// (twice the image) must fit the budget, else InputError(field) with the size. Returns the
// bytes counted (0 for SVG and PDF, which are drawn as vectors).
std::uint64_t check_image_memory(const std::string& field, int width, int height,
                                 const std::string& path, std::uint64_t budget_bytes);
// Throws InputError naming the flag (--cores, --range, --timeline, ...) when an image cannot be
// written: a core the run does not have, a range outside it, an unwritable file.
void export_simulation_images(const amla::SimulationRun& run, const ImageExportRequest& request);
// The sweep's heatmap (--heatmap FILE.{png,svg,pdf}); throws InputError("--heatmap", ...).
void export_sweep_heatmap(const amla::SweepResult& result, const std::string& path,
                          const amla::FigureSpec& figure);

// The sensitivity's tornado chart (--plot FILE.{png,svg,pdf}); `subject` names the run in the
// title. Throws InputError("--plot", ...).
void export_sensitivity_chart(const amla::SensitivityResult& result, const std::string& subject,
                              const std::string& path, const amla::FigureSpec& figure);

// A built-in lesson as slides (--pdf FILE): one page per step, its figure and its text, drawn
// by the studio itself on Qt's offscreen platform. Throws InputError("--pdf", ...).
void export_lesson_slides(const std::string& lesson_id, const std::string& path);

}  // namespace amla::cli
