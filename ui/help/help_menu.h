#pragma once
// The Help menu: What each page shows (F1, opened at the current page), Keyboard shortcuts,
// About AMLA Studio. The dialogs are not modal, so they can stay open beside the window.
#include <QObject>
#include <functional>

class QMainWindow;
class QMenu;

namespace amla::ui {

class AboutDialog;
class PageGuideDialog;
class ShortcutsDialog;

class HelpMenu : public QObject {
  Q_OBJECT

 public:
  // Adds the menu to `window`'s menu bar; `current_page` names the page F1 opens at.
  HelpMenu(QMainWindow* window, std::function<QString()> current_page);

  void showPageGuide();
  void showShortcuts();
  void showAbout();
  // The menu itself, for entries other parts of the window add (Lessons).
  QMenu* menu() const { return menu_; }

 private:
  QMainWindow* window_;
  QMenu* menu_ = nullptr;
  std::function<QString()> current_page_;
  PageGuideDialog* guide_ = nullptr;
  ShortcutsDialog* shortcuts_ = nullptr;
  AboutDialog* about_ = nullptr;
};

}  // namespace amla::ui
