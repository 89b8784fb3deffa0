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
#include "ui/timeline/timeline_figure.h"

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
  // The same functions the studio's export dialog calls: the same settings, the same figure.
  // The content is checked against the run first, so a refusal names the flag.
  if (r.timeline_path) {
    amla::ui::check_timeline_figure(run, r.content);
    const QString error = amla::ui::export_timeline_figure(
        run, r.figure, r.content, QString::fromStdString(*r.timeline_path));
    if (!error.isEmpty()) throw InputError("--timeline", *r.timeline_path, error.toStdString());
  }
  if (r.buffers_path) {
    amla::ui::BuffersFigureContent content;
    content.core = r.buffers_core.value_or(r.content.cores.empty() ? 0 : r.content.cores.front());
    content.range_us = r.content.range_us;
    content.buffers = r.buffers_shown;
    amla::ui::check_buffers_figure(run, content);
    const QString error = amla::ui::export_buffers_figure(run, r.figure, content,
                                                          QString::fromStdString(*r.buffers_path));
    if (!error.isEmpty()) throw InputError("--buffers", *r.buffers_path, error.toStdString());
  }
}

void export_sweep_heatmap(const amla::SweepResult& result, const std::string& path,
                          const amla::FigureSpec& figure) {
  ensure_application();
  const QString error =
      amla::ui::export_sweep_heatmap(result, figure, QString::fromStdString(path));
  if (!error.isEmpty()) throw InputError("--heatmap", path, error.toStdString());
}

void export_sensitivity_chart(const amla::SensitivityResult& result, const std::string& subject,
                              const std::string& path, const amla::FigureSpec& figure) {
  ensure_application();
  const QString error = amla::ui::export_tornado_chart(result, QString::fromStdString(subject),
                                                       QString::fromStdString(path), figure);
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
