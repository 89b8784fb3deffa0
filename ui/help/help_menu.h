#pragma once
// The Help menu: What each page shows (F1, opened at the current page), Keyboard shortcuts,
// About AMLA Studio. The dialogs are not modal, so they can stay open beside the window.
#include <QObject>
#include <functional>

class QMainWindow;

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

 private:
  QMainWindow* window_;
  std::function<QString()> current_page_;
  PageGuideDialog* guide_ = nullptr;
  ShortcutsDialog* shortcuts_ = nullptr;
  AboutDialog* about_ = nullptr;
};

}  // namespace amla::ui
