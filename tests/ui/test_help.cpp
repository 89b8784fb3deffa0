// The Help menu, opened offscreen: About names the version and the paper, "What each page shows"
// has a paragraph for every page, and the shortcuts table lists every menu shortcut and only
// timeline keys the timeline really responds to (each is sent to a timeline and must move it).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/common/version.h"
#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"

#include <QAction>
#include <QApplication>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <memory>

#include "ui/help/about_dialog.h"
#include "ui/help/page_guide.h"
#include "ui/help/shortcuts_dialog.h"
#include "ui/main_window.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {
namespace {

template <typename T>
T* child(QObject* parent, const char* name) {
  T* found = parent->findChild<T*>(QString::fromLatin1(name));
  EXPECT_NE(found, nullptr) << name;
  return found;
}

// Triggers a Help action and returns the dialog it showed.
template <typename Dialog>
Dialog* open(MainWindow& window, const char* action, const char* dialog) {
  QAction* a = child<QAction>(&window, action);
  if (a == nullptr) return nullptr;
  a->trigger();
  Dialog* d = child<Dialog>(&window, dialog);
  if (d != nullptr) {
    EXPECT_TRUE(d->isVisible()) << dialog;
  }
  return d;
}

std::shared_ptr<const SimulationRun> small_run() {
  static const auto run = [] {
    KernelConfig config;
    config.problem.batch = 1;
    config.problem.kv_len = 2048;
    return std::make_shared<const SimulationRun>(run_simulation(find_preset("910B2"), config));
  }();
  return run;
}

TEST(HelpTest, AboutNamesTheVersionThePaperAndTheToolkits) {
  MainWindow window(false);
  auto* about = open<AboutDialog>(window, "helpAboutAction", "aboutDialog");
  ASSERT_NE(about, nullptr);
  const QString text = child<QLabel>(about, "aboutText")->text();
  EXPECT_TRUE(text.contains(QString::fromLatin1(amla::version_string()))) << text.toStdString();
  EXPECT_TRUE(text.contains(QStringLiteral("AMLA: MUL by ADD in FlashAttention Rescaling")));
  EXPECT_TRUE(text.contains(QStringLiteral("Huawei, 2025")));
  EXPECT_TRUE(text.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
  EXPECT_TRUE(text.contains(QStringLiteral("Qwt ")));
}

TEST(HelpTest, F1ExplainsEveryPageAndOpensAtTheCurrentOne) {
  MainWindow window(false);
  QAction* action = child<QAction>(&window, "helpPagesAction");
  ASSERT_NE(action, nullptr);
  EXPECT_EQ(action->shortcut(), QKeySequence(QKeySequence::HelpContents));
  window.pages()->setCurrentIndex(3);
  auto* guide = open<PageGuideDialog>(window, "helpPagesAction", "pageGuideDialog");
  ASSERT_NE(guide, nullptr);
  const QString text = guide->text();
  for (int i = 0; i < window.pages()->count(); ++i) {
    const QString page = window.pages()->tabText(i);
    bool described = false;
    for (const PageHelp& p : page_help()) described = described || p.page == page;
    EXPECT_TRUE(described) << page.toStdString();
    EXPECT_TRUE(text.contains(page)) << page.toStdString();
  }
}

TEST(HelpTest, ShortcutsTableListsEveryMenuShortcut) {
  MainWindow window(false);
  auto* dialog = open<ShortcutsDialog>(window, "helpShortcutsAction", "shortcutsDialog");
  ASSERT_NE(dialog, nullptr);
  QTableWidget* table = dialog->table();
  QStringList listed;
  for (int r = 0; r < table->rowCount(); ++r) {
    listed << table->item(r, ShortcutsDialog::kKeys)->text();
  }
  int shortcuts = 0;
  for (QAction* action : window.findChildren<QAction*>()) {
    if (action->shortcut().isEmpty()) continue;
    ++shortcuts;
    EXPECT_TRUE(listed.contains(action->shortcut().toString(QKeySequence::NativeText)))
        << action->text().toStdString();
  }
  EXPECT_EQ(shortcuts, 14);  // F1, Ctrl+O, Ctrl+S, Ctrl+Shift+S, Ctrl+I, Ctrl+E, Ctrl+Q, Ctrl+R,
                             // Ctrl+P, Alt+Left, Alt+Right, F9 (configuration panel),
                             // PgDown, PgUp (lesson steps)
  for (const char* gesture : {"Ctrl+wheel", "Shift+drag", "W", "S", "A", "D", "F"}) {
    EXPECT_TRUE(listed.contains(QLatin1String(gesture))) << gesture;
  }
}

// Every key the table lists for the timeline, sent to a timeline that is zoomed in, has a
// selection and can go back and forward: each must change what it shows.
TEST(HelpTest, TimelineKeysInTheTableMoveTheTimeline) {
  MainWindow window(false);
  auto* dialog = open<ShortcutsDialog>(window, "helpShortcutsAction", "shortcutsDialog");
  ASSERT_NE(dialog, nullptr);
  QTableWidget* table = dialog->table();
  TimelineWidget timeline;
  timeline.resize(1000, 600);
  timeline.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&timeline));
  int checked = 0;
  for (int r = 0; r < table->rowCount(); ++r) {
    // The timeline's own keys, and the View menu's zoom back / forward it also answers to.
    const QString where = table->item(r, ShortcutsDialog::kWhere)->text();
    const QString does = table->item(r, ShortcutsDialog::kAction)->text();
    if (where != QLatin1String("Timeline") &&
        !(where == QLatin1String("View menu") && does.startsWith(QLatin1String("Zoom")))) {
      continue;
    }
    const QString keys = table->item(r, ShortcutsDialog::kKeys)->text();
    const QKeySequence sequence = QKeySequence::fromString(keys, QKeySequence::NativeText);
    ASSERT_EQ(sequence.count(), 1) << keys.toStdString();
    const int combined = sequence[0];
    const auto key = static_cast<Qt::Key>(combined & ~Qt::KeyboardModifierMask);
    const auto modifiers = Qt::KeyboardModifiers(combined & Qt::KeyboardModifierMask);

    timeline.setRun(small_run());  // fresh history
    const double end = timeline.visibleRange().second;
    timeline.setVisibleRange(end * 0.1, end * 0.2);
    timeline.setVisibleRange(end * 0.3, end * 0.5);
    timeline.setVisibleRange(end * 0.6, end * 0.7);
    timeline.zoomBack();  // at [0.3, 0.5], with somewhere to go back and forward to
    timeline.timeControl()->setSelection(end * 0.35, end * 0.4);
    // An op selected (not framed) that waited for another: B has somewhere to jump.
    const auto& blocker = small_run()->trace.ops.blocker;
    qint64 op = static_cast<qint64>(blocker.size()) - 1;
    while (op >= 0 && blocker[static_cast<std::size_t>(op)] < 0) --op;
    ASSERT_GE(op, 0);
    timeline.selectAndFrameOp(op, false);
    const auto range = timeline.visibleRange();
    const bool path = timeline.criticalPathShown();
    QTest::keyClick(&timeline, key, modifiers);
    const bool moved = timeline.visibleRange() != range;
    const bool cleared = !timeline.hasSelection();
    const bool toggled = timeline.criticalPathShown() != path;
    const bool jumped = timeline.selectedOp() != op;
    EXPECT_TRUE(moved || cleared || toggled || jumped) << keys.toStdString() << " did nothing";
    ++checked;
  }
  // W S A D F Home Backspace Esc C B, Alt+Left, Alt+Right
  EXPECT_EQ(checked, 12);
}

}  // namespace
}  // namespace amla::ui
