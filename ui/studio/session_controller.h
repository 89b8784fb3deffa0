#pragma once
// The studio's session file: where it lives, whether there are unsaved changes, the recent files
// (in QSettings), saving and loading, and the File menu entries and dialogs for them. What a
// session holds comes from the window (`capture`) and goes back to it (loaded(),
// newSessionRequested()); this class never looks at a view.
#include <QObject>
#include <QString>
#include <functional>

#include "core/session/studio_session.h"

class QMenu;
class QWidget;

namespace amla::ui {

class SessionController : public QObject {
  Q_OBJECT

 public:
  // `window` parents the dialogs.
  explicit SessionController(QWidget* window);

  // The session as the window shows it now (configuration and view); set by the window.
  std::function<amla::StudioSession()> capture;
  // Decides whether unsaved changes may be dropped (Save / Discard / Cancel); replaceable so
  // tests can answer without a modal dialog.
  std::function<bool()> confirm_discard;

  QString path() const { return path_; }
  bool isModified() const { return modified_; }
  void setModified(bool modified);
  // "name * - AMLA Studio"
  QString windowTitle() const;
  // True when nothing unsaved would be lost, or the user agreed to lose it.
  bool mayDiscard();

  // Save / load; an empty string or the reason (a failed load keeps the current session, a
  // failed save the old file).
  QString save(const QString& path);
  QString load(const QString& path);

  // New, Open, Open recent, Save, Save as.
  void addMenuActions(QMenu* file);

 signals:
  // The user asked for a new session: the window puts its defaults in place.
  void newSessionRequested();
  // A session was read: the window shows it.
  void loaded(const amla::StudioSession& session);
  void titleChanged(const QString& title);

 private:
  void saveWithDialog(bool ask_for_path);
  void openWithDialog(const QString& path);
  bool askToDiscard();
  void addRecent(const QString& path);
  void rebuildRecentMenu();

  QWidget* window_;
  QMenu* recent_menu_ = nullptr;
  QString path_;
  bool modified_ = false;
};

}  // namespace amla::ui
