// The GUI build's image export: the same painters the studio uses, on Qt's offscreen platform.
#include <QGuiApplication>

#include "app/cli/image_export.h"
#include "core/common/input_error.h"
#include "ui/buffers/buffers_export.h"
#include "ui/timeline/timeline_export.h"

namespace amla::cli {

bool image_export_available() { return true; }

void export_simulation_images(const amla::SimulationRun& run, const ImageExportRequest& r) {
  if (!r.timeline_path && !r.buffers_path) return;
  // Fonts and painting need a QGuiApplication; the offscreen platform needs no display.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  static int argc = 1;
  static char name[] = "amla-cli";
  static char* argv[] = {name, nullptr};
  static QGuiApplication* app = QGuiApplication::instance()
                                    ? nullptr
                                    : new QGuiApplication(argc, argv);
  (void)app;
  const QString title = QString::fromStdString(run.hardware.name) + ", " +
                        QString::fromLatin1(variant_name(run.config.variant)) + ", preload " +
                        QString::number(run.config.tiling.preload);
  if (r.timeline_path) {
    amla::ui::TimelineRenderOptions o;
    o.width = r.width;
    o.height = r.height;
    o.t0_cycles = r.t0_cycles;
    o.t1_cycles = r.t1_cycles;
    o.title = title;
    const QString error = amla::ui::export_timeline(run, o, QString::fromStdString(*r.timeline_path));
    if (!error.isEmpty()) throw InputError("--timeline", *r.timeline_path, error.toStdString());
  }
  if (r.buffers_path) {
    amla::ui::BuffersRenderOptions o;
    o.width = r.width;
    o.height = r.height;
    o.t0_cycles = r.t0_cycles;
    o.t1_cycles = r.t1_cycles;
    o.core = r.buffers_core;
    o.title = QStringLiteral("Buffer occupancy, core %1 - ").arg(r.buffers_core) + title;
    const QString error = amla::ui::export_buffers(run, o, QString::fromStdString(*r.buffers_path));
    if (!error.isEmpty()) throw InputError("--buffers", *r.buffers_path, error.toStdString());
  }
}

}  // namespace amla::cli
