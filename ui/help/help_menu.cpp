#include "ui/help/help_menu.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <utility>

#include "ui/help/about_dialog.h"
#include "ui/help/page_guide.h"
#include "ui/help/shortcuts_dialog.h"

namespace amla::ui {

namespace {

void bring_up(QWidget* dialog) {
  dialog->show();
  dialog->raise();
  dialog->activateWindow();
}

}  // namespace

HelpMenu::HelpMenu(QMainWindow* window, std::function<QString()> current_page)
    : QObject(window), window_(window), current_page_(std::move(current_page)) {
  QMenu* help = window->menuBar()->addMenu(tr("&Help"));
  menu_ = help;
  QAction* guide = help->addAction(tr("&What each page shows"));
  guide->setObjectName(QStringLiteral("helpPagesAction"));
  guide->setShortcut(QKeySequence::HelpContents);
  connect(guide, &QAction::triggered, this, &HelpMenu::showPageGuide);
  QAction* keys = help->addAction(tr("&Keyboard shortcuts"));
  keys->setObjectName(QStringLiteral("helpShortcutsAction"));
  connect(keys, &QAction::triggered, this, &HelpMenu::showShortcuts);
  help->addSeparator();
  QAction* about = help->addAction(tr("&About AMLA Studio"));
  about->setObjectName(QStringLiteral("helpAboutAction"));
  about->setMenuRole(QAction::AboutRole);
  connect(about, &QAction::triggered, this, &HelpMenu::showAbout);
}

void HelpMenu::showPageGuide() {
  if (!guide_) guide_ = new PageGuideDialog(window_);
  guide_->showPage(current_page_());
  bring_up(guide_);
}

void HelpMenu::showShortcuts() {
  // Built on first use, when every menu is in place.
  if (!shortcuts_) shortcuts_ = new ShortcutsDialog(window_->menuBar(), window_);
  bring_up(shortcuts_);
}

void HelpMenu::showAbout() {
  if (!about_) about_ = new AboutDialog(window_);
  bring_up(about_);
}

}  // namespace amla::ui
