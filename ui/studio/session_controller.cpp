#include "ui/studio/session_controller.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

#include "core/common/input_error.h"
#include "ui/common/app_settings.h"

namespace amla::ui {

namespace {

constexpr int kMaxRecent = 8;
const char* const kRecentKey = "recentSessions";

QString session_filter() { return SessionController::tr("AMLA Studio session (*.json)"); }

}  // namespace

SessionController::SessionController(QWidget* window) : QObject(window), window_(window) {
  confirm_discard = [this] { return askToDiscard(); };
}

void SessionController::setModified(bool modified) {
  modified_ = modified;
  emit titleChanged(windowTitle());
}

QString SessionController::windowTitle() const {
  const QString name = path_.isEmpty() ? tr("untitled") : QFileInfo(path_).fileName();
  return tr("%1%2 - AMLA Studio").arg(name, modified_ ? QStringLiteral(" *") : QString());
}

bool SessionController::mayDiscard() { return !modified_ || confirm_discard(); }

QString SessionController::save(const QString& path) {
  try {
    amla::save_session_file(path.toStdString(), capture());
  } catch (const InputError& e) {
    return QString::fromStdString(e.what());
  }
  path_ = path;
  addRecent(path);
  setModified(false);
  return {};
}

QString SessionController::load(const QString& path) {
  amla::StudioSession session;
  try {
    session = amla::load_session_file(path.toStdString());
  } catch (const InputError& e) {
    return tr("%1\nThe current session is kept.").arg(QString::fromStdString(e.what()));
  }
  path_ = path;
  addRecent(path);
  emit loaded(session);
  setModified(false);  // after the window took the session in: that is no edit
  return {};
}

void SessionController::addMenuActions(QMenu* file) {
  connect(file->addAction(tr("&New session")), &QAction::triggered, this, [this] {
    if (!mayDiscard()) return;
    emit newSessionRequested();
    path_.clear();
    setModified(false);
  });
  QAction* open = file->addAction(tr("&Open session..."));
  open->setShortcut(QKeySequence::Open);
  connect(open, &QAction::triggered, this, [this] {
    if (!mayDiscard()) return;
    openWithDialog(
        QFileDialog::getOpenFileName(window_, tr("Open session"), QString(), session_filter()));
  });
  recent_menu_ = file->addMenu(tr("Open &recent"));
  rebuildRecentMenu();
  QAction* save = file->addAction(tr("&Save session"));
  save->setShortcut(QKeySequence::Save);
  connect(save, &QAction::triggered, this, [this] { saveWithDialog(false); });
  QAction* save_as = file->addAction(tr("Save session &as..."));
  // Desktops without a theme (plain X11) bind no key to SaveAs; KDE and GNOME use this one.
  const QKeySequence save_as_keys(QKeySequence::SaveAs);
  save_as->setShortcut(save_as_keys.isEmpty() ? QKeySequence(QStringLiteral("Ctrl+Shift+S"))
                                              : save_as_keys);
  connect(save_as, &QAction::triggered, this, [this] { saveWithDialog(true); });
}

void SessionController::saveWithDialog(bool ask_for_path) {
  QString path = path_;
  if (ask_for_path || path.isEmpty()) {
    path = QFileDialog::getSaveFileName(window_, tr("Save session"), path, session_filter());
  }
  if (path.isEmpty()) return;
  const QString error = save(path);
  if (!error.isEmpty()) QMessageBox::warning(window_, tr("Save session"), error);
}

void SessionController::openWithDialog(const QString& path) {
  if (path.isEmpty()) return;
  const QString error = load(path);
  if (!error.isEmpty()) QMessageBox::warning(window_, tr("Open session"), error);
}

bool SessionController::askToDiscard() {
  const auto answer = QMessageBox::question(
      window_, tr("Unsaved changes"), tr("The session has unsaved changes. Save them first?"),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Cancel) return false;
  if (answer == QMessageBox::Discard) return true;
  QString path = path_;
  if (path.isEmpty()) {
    path = QFileDialog::getSaveFileName(window_, tr("Save session"), QString(), session_filter());
  }
  if (path.isEmpty()) return false;
  const QString error = save(path);
  if (!error.isEmpty()) {
    QMessageBox::warning(window_, tr("Save session"), error);
    return false;
  }
  return true;
}

void SessionController::addRecent(const QString& path) {
  QSettings settings = app_settings();
  QStringList recent = settings.value(QLatin1String(kRecentKey)).toStringList();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  recent.removeAll(absolute);
  recent.prepend(absolute);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue(QLatin1String(kRecentKey), recent);
  rebuildRecentMenu();
}

void SessionController::rebuildRecentMenu() {
  if (!recent_menu_) return;
  recent_menu_->clear();
  const QStringList recent = app_settings().value(QLatin1String(kRecentKey)).toStringList();
  for (const QString& path : recent) {
    connect(recent_menu_->addAction(path), &QAction::triggered, this, [this, path] {
      if (mayDiscard()) openWithDialog(path);
    });
  }
  recent_menu_->setEnabled(!recent.isEmpty());
}

}  // namespace amla::ui
