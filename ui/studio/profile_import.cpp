#include "ui/studio/profile_import.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QMimeData>
#include <QUrl>
#include <QWidget>

#include "core/profile/profile_reader.h"
#include "core/profile/profile_run.h"

namespace amla::ui {

ProfileImporter::ProfileImporter(QObject* parent)
    : BackgroundJob(QStringLiteral("the profile is too large for the memory available"), parent) {}

bool ProfileImporter::start(const QString& path) {
  const std::string file = path.toStdString();
  return BackgroundJob::start([file](const amla::JobControl&) {
    return amla::profile_as_run(amla::read_profile_file(file));
  });
}

void ProfileImporter::acceptDropsOn(QWidget* window) {
  window->setAcceptDrops(true);
  window->installEventFilter(this);
}

void ProfileImporter::chooseAndImport(QWidget* parent) {
  const QString path = QFileDialog::getOpenFileName(
      parent, tr("Import profile"), QString(),
      tr("Profiles (*.json *.csv);;msprof op simulator trace (trace.json);;msprof op CSV "
         "(PipeUtilization.csv OpBasicInfo.csv);;All files (*)"));
  if (!path.isEmpty()) start(path);
}

bool ProfileImporter::eventFilter(QObject* watched, QEvent* event) {
  const auto local_file = [](const QMimeData* mime) {
    if (!mime || !mime->hasUrls() || mime->urls().isEmpty()) return QString();
    return mime->urls().first().toLocalFile();
  };
  if (event->type() == QEvent::DragEnter) {
    auto* drag = static_cast<QDragEnterEvent*>(event);
    if (!local_file(drag->mimeData()).isEmpty()) {
      drag->acceptProposedAction();
      return true;
    }
  } else if (event->type() == QEvent::Drop) {
    auto* drop = static_cast<QDropEvent*>(event);
    const QString path = local_file(drop->mimeData());
    if (!path.isEmpty()) {
      drop->acceptProposedAction();
      start(path);
      return true;
    }
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace amla::ui
