// Builds without the GUI (e.g. the sanitizer preset) have no painters: say so instead of failing
// in some other way.
#include "app/cli/image_export.h"
#include "core/common/input_error.h"

namespace amla::cli {

bool image_export_available() { return false; }

void export_simulation_images(const amla::SimulationRun&, const ImageExportRequest& r) {
  if (r.timeline_path) {
    throw InputError(
        "--timeline", *r.timeline_path,
        "this amla-cli was built without the GUI (AMLA_BUILD_GUI=OFF): no image export");
  }
  if (r.buffers_path) {
    throw InputError(
        "--buffers", *r.buffers_path,
        "this amla-cli was built without the GUI (AMLA_BUILD_GUI=OFF): no image export");
  }
}

void export_sweep_heatmap(const amla::SweepResult&, const std::string& path,
                          const amla::FigureSpec&) {
  throw InputError("--heatmap", path,
                   "this amla-cli was built without the GUI (AMLA_BUILD_GUI=OFF): no image export");
}

void export_sensitivity_chart(const amla::SensitivityResult&, const std::string&,
                              const std::string& path, const amla::FigureSpec&) {
  throw InputError("--plot", path,
                   "this amla-cli was built without the GUI (AMLA_BUILD_GUI=OFF): no image export");
}

void export_lesson_slides(const std::string&, const std::string& path) {
  throw InputError("--pdf", path,
                   "this amla-cli was built without the GUI (AMLA_BUILD_GUI=OFF): no slides");
}

}  // namespace amla::cli
