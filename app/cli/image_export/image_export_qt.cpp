// The GUI build's image export: the same painters the studio uses, on Qt's offscreen platform.
#include <unistd.h>
#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <cstdio>

#include "app/cli/image_export.h"
#include "core/common/input_error.h"
#include "ui/buffers/buffers_export.h"
#include "ui/lesson/lesson_slides.h"
#include "ui/main_window.h"
#include "ui/sensitivity/tornado_export.h"
#include "ui/sweep/sweep_heatmap_export.h"
#include "ui/timeline/timeline_export.h"

namespace amla::cli {

namespace {
// The offscreen platform reports that it ignores window size hints; nothing a user can act on.
void quiet_offscreen_messages(QtMsgType type, const QMessageLogContext&, const QString& message) {
  if (message.contains(QLatin1String("propagateSizeHints"))) return;
  if (type != QtDebugMsg && type != QtInfoMsg) fprintf(stderr, "%s\n", qPrintable(message));
}
}  // namespace

bool image_export_available() { return true; }

// The panels are Qwt widgets: they need a QApplication; the offscreen platform needs no
// display. A private runtime directory keeps Qt from warning about a missing one.
static void ensure_application() {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
    const QString dir =
        QDir::tempPath() + QStringLiteral("/amla-runtime-") + QString::number(getuid());
    QDir().mkpath(dir);
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", dir.toLocal8Bit());
  }
  static int argc = 1;
  static char name[] = "amla-cli";
  static char* argv[] = {name, nullptr};
  qInstallMessageHandler(quiet_offscreen_messages);
  static QApplication* app = QCoreApplication::instance() ? nullptr : new QApplication(argc, argv);
  (void)app;
}

void export_simulation_images(const amla::SimulationRun& run, const ImageExportRequest& r) {
  if (!r.timeline_path && !r.buffers_path) return;
  ensure_application();
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
    const QString error =
        amla::ui::export_timeline(run, o, QString::fromStdString(*r.timeline_path));
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

void export_sweep_heatmap(const amla::SweepResult& result, const std::string& path, int width,
                          int height) {
  ensure_application();
  const QString error =
      amla::ui::export_sweep_heatmap(result, width, height, QString::fromStdString(path));
  if (!error.isEmpty()) throw InputError("--heatmap", path, error.toStdString());
}

void export_sensitivity_chart(const amla::SensitivityResult& result, const std::string& subject,
                              const std::string& path, int width, int height) {
  ensure_application();
  const QString error = amla::ui::export_tornado_chart(
      result, QString::fromStdString(subject), QString::fromStdString(path), QSize(width, height));
  if (!error.isEmpty()) throw InputError("--plot", path, error.toStdString());
}

void export_lesson_slides(const std::string& lesson_id, const std::string& path) {
  ensure_application();
  // The studio's own window, never shown: each step is applied in it and drawn as it shows.
  amla::ui::MainWindow window(false);
  amla::ui::LessonSlides slides(&window);
  QEventLoop loop;
  QString error;
  QObject::connect(&slides, &amla::ui::LessonSlides::finished, &loop, [&](const QString& e) {
    error = e;
    loop.quit();
  });
  QString refused;
  if (!slides.start(QString::fromStdString(lesson_id), QString::fromStdString(path), &refused)) {
    throw InputError("lesson export", lesson_id, refused.toStdString());
  }
  loop.exec();
  if (!error.isEmpty()) throw InputError("--pdf", path, error.toStdString());
}

}  // namespace amla::cli
