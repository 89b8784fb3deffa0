// The screens people have: every page of the studio laid out at 1280 x 720 and at 1920 x 1080
// scaled 150% and 200% (logical 1280 x 720 and 960 x 540). No visible widget may be squeezed
// below the size its layout needs (clipped), and the window may not be forced larger than the
// screen. The scaled cases run this program again as a child with QT_SCALE_FACTOR set, since Qt
// reads it only when the application starts. The window's first size on a real (Xvfb) screen is
// checked through amla-studio --screenshot.
#include <gtest/gtest.h>
#include <qwt_plot.h>

#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLayout>
#include <QMainWindow>
#include <QMenuBar>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>

#include "core/session/studio_session.h"
#include "ui/main_window.h"
#include "ui/numerics/bit_cells.h"
#include "ui/numerics/numerics_page.h"

namespace amla::ui {
namespace {

// The size a layout guarantees a widget (what QLayout uses as its minimum): the minimum size
// when one is set, else the minimum size hint, or the size hint for a policy that cannot shrink;
// nothing for an ignored policy.
QSize layout_minimum(const QWidget* w) {
  const QSize hint = w->sizeHint();
  const QSize min_hint = w->minimumSizeHint();
  const QSizePolicy policy = w->sizePolicy();
  QSize s(0, 0);
  if (policy.horizontalPolicy() != QSizePolicy::Ignored) {
    s.setWidth((static_cast<int>(policy.horizontalPolicy()) & QSizePolicy::ShrinkFlag) != 0
                   ? min_hint.width()
                   : std::max(hint.width(), min_hint.width()));
  }
  if (policy.verticalPolicy() != QSizePolicy::Ignored) {
    s.setHeight((static_cast<int>(policy.verticalPolicy()) & QSizePolicy::ShrinkFlag) != 0
                    ? min_hint.height()
                    : std::max(hint.height(), min_hint.height()));
  }
  if (w->minimumWidth() > 0) s.setWidth(w->minimumWidth());
  if (w->minimumHeight() > 0) s.setHeight(w->minimumHeight());
  // Wrapped text needs its lines at the width it got (its minimum hint counts one).
  if (const auto* label = qobject_cast<const QLabel*>(w); label && label->wordWrap()) {
    s.setHeight(std::max(s.height(), label->heightForWidth(label->width())));
  }
  return s;
}

QString describe(const QWidget* w) {
  QString path;
  for (const QWidget* p = w; p && !p->isWindow(); p = p->parentWidget()) {
    const QString name = p->objectName().isEmpty() ? QString() : "#" + p->objectName();
    path = QString::fromLatin1(p->metaObject()->className()) + name +
           (path.isEmpty() ? QString() : " > " + path);
  }
  return path;
}

bool layout_holds(const QLayout* layout, const QWidget* w) {
  for (int i = 0; i < layout->count(); ++i) {
    QLayoutItem* item = layout->itemAt(i);
    if (item->widget() == w) return true;
    if (item->layout() && layout_holds(item->layout(), w)) return true;
  }
  return false;
}

// Whether a layout (or a splitter, a main window, a scroll area) sizes the widget, so that a
// size below its minimum means the layout ran out of room. Parts a widget places itself (a spin
// box's editor, a header, a tab bar's arrows, a plot's axes) follow their owner's rules instead.
bool sized_by_a_layout(const QWidget* w) {
  const QWidget* parent = w->parentWidget();
  if (!parent) return false;
  if (qobject_cast<const QSplitter*>(parent) || qobject_cast<const QMainWindow*>(parent)) {
    return true;
  }
  if (const auto* dock = qobject_cast<const QDockWidget*>(parent)) return dock->widget() == w;
  // A plot lays out its axes and legend itself (QwtPlotLayout).
  for (const QWidget* p = parent; p; p = p->parentWidget()) {
    if (qobject_cast<const QwtPlot*>(p)) return false;
  }
  if (const auto* scroll = qobject_cast<const QScrollArea*>(parent->parentWidget())) {
    if (scroll->widget() == w) return true;
  }
  return parent->layout() && layout_holds(parent->layout(), w);
}

// Every visible widget of the window that its layout squeezed below its minimum, one line each.
QStringList clipped_widgets(QWidget* window) {
  QStringList clipped;
  for (QWidget* w : window->findChildren<QWidget*>()) {
    if (w->isWindow() || !w->isVisibleTo(window) || !sized_by_a_layout(w)) continue;
    // A panel a splitter collapsed on purpose has no size at all.
    if (qobject_cast<QSplitter*>(w->parentWidget()) && (w->width() == 0 || w->height() == 0)) {
      continue;
    }
    const QSize need = layout_minimum(w);
    if (w->width() < need.width() || w->height() < need.height()) {
      clipped << QStringLiteral("%1: %2x%3 < %4x%5")
                     .arg(describe(w))
                     .arg(w->width())
                     .arg(w->height())
                     .arg(need.width())
                     .arg(need.height());
    }
  }
  return clipped;
}

void settle() {
  for (int i = 0; i < 5; ++i) {
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
  }
}

// The window after its default runs (tables and plots filled, as a user sees them).
void wait_for_default_runs(MainWindow& window) {
  QSignalSpy simulated(&window, &MainWindow::simulationFinished);
  QSignalSpy numerics(window.numericsPage(), &NumericsPage::runCompleted);
  ASSERT_TRUE(simulated.count() > 0 || simulated.wait(120000));
  ASSERT_TRUE(numerics.count() > 0 || numerics.wait(120000));
}

// Lays the window out at `logical` and checks every page; returns the failures.
QStringList check_pages_at(MainWindow& window, const QSize& logical) {
  QStringList failures;
  window.resize(logical);
  settle();
  if (window.width() > logical.width() || window.height() > logical.height()) {
    failures << QStringLiteral("window forced to %1x%2 on a %3x%4 screen (its minimum: %5x%6)")
                    .arg(window.width())
                    .arg(window.height())
                    .arg(logical.width())
                    .arg(logical.height())
                    .arg(window.minimumSizeHint().width())
                    .arg(window.minimumSizeHint().height());
  }
  for (int i = 0; i < window.pages()->count(); ++i) {
    window.pages()->setCurrentIndex(i);
    settle();
    for (const QString& line : clipped_widgets(&window)) {
      failures << window.pages()->tabText(i) + ": " + line;
    }
  }
  return failures;
}

QString joined(const QStringList& lines) { return lines.join(QLatin1Char('\n')); }

TEST(ScreensTest, EveryPageFitsA1280x720Screen) {
  MainWindow window;
  window.show();
  wait_for_default_runs(window);
  const QStringList failures = check_pages_at(window, QSize(1280, 720));
  EXPECT_TRUE(failures.isEmpty()) << joined(failures).toStdString();
}

TEST(ScreensTest, EveryPageFitsA960x540Screen) {
  MainWindow window;
  window.show();
  wait_for_default_runs(window);
  const QStringList failures = check_pages_at(window, QSize(960, 540));
  EXPECT_TRUE(failures.isEmpty()) << joined(failures).toStdString();
}

// The horizontal extent [left, right) of `w` left visible by its ancestors up to `top`, in
// `top`'s coordinates (scrolling down is fine; sideways nothing may be cut off).
std::pair<int, int> visible_span(QWidget* w, QWidget* top) {
  int left = 0;
  int right = w->width();
  for (QWidget* p = w; p != top; p = p->parentWidget()) {
    left = std::max(left, 0) + p->x();
    right = std::min(right, p->width()) + p->x();
  }
  return {left, right};
}

// AMLA's state (m, n, dn, c) needs this much of the state table's width.
int state_columns_width(const QTableView* table) {
  const QHeaderView* header = table->horizontalHeader();
  return header->sectionPosition(3) + header->sectionSize(3);
}

// At 1280 x 720 the Numerics page keeps the whole bit row (32 cells) and AMLA's state columns
// in view: the page scrolls rather than its panels cutting them. With the configuration panel
// hidden (View menu) the page fits the window and all of it is on screen.
TEST(ScreensTest, NumericsKeepsAllBitsAndStateColumnsAt1280x720) {
  MainWindow window;
  window.show();
  wait_for_default_runs(window);
  window.resize(1280, 720);
  window.pages()->setCurrentWidget(window.numericsPage());
  settle();
  auto* cells = window.numericsPage()->findChild<BitCells*>();
  ASSERT_NE(cells, nullptr);
  auto* table = window.numericsPage()->findChild<QTableView*>(QStringLiteral("stateTable"));
  ASSERT_NE(table, nullptr);
  ASSERT_GT(table->model()->columnCount(), 4);
  auto* page_scroll = window.numericsPage()->findChild<QScrollArea*>(QStringLiteral("pageScroll"));
  ASSERT_NE(page_scroll, nullptr);
  for (const bool panel_shown : {true, false}) {
    window.findChild<QDockWidget*>(QStringLiteral("configurationDock"))->setVisible(panel_shown);
    settle();
    QWidget* top = panel_shown ? page_scroll->widget() : static_cast<QWidget*>(&window);
    const auto [left, right] = visible_span(cells, top);
    EXPECT_EQ(right - left, cells->width()) << "panel shown " << panel_shown << ": bit cells "
                                            << right - left << " of " << cells->width() << " px";
    EXPECT_LE(state_columns_width(table), table->viewport()->width())
        << "panel shown " << panel_shown << ": m, n, dn, c need " << state_columns_width(table)
        << " px, shown " << table->viewport()->width();
    const auto [table_left, table_right] = visible_span(table->viewport(), top);
    EXPECT_GE(table_right - table_left, state_columns_width(table))
        << "panel shown " << panel_shown;
  }
}

// The configuration panel hides and shows from the View menu, with a key.
TEST(ScreensTest, ConfigurationPanelTogglesFromTheViewMenu) {
  MainWindow window(false);
  window.show();
  settle();
  auto* dock = window.findChild<QDockWidget*>(QStringLiteral("configurationDock"));
  ASSERT_NE(dock, nullptr);
  QAction* toggle = nullptr;
  for (QAction* a : window.findChildren<QAction*>()) {
    if (a == dock->toggleViewAction()) toggle = a;
  }
  ASSERT_NE(toggle, nullptr);
  bool in_view_menu = false;
  for (QAction* menu : window.menuBar()->actions()) {
    if (menu->menu() && menu->text().remove('&') == QLatin1String("View")) {
      in_view_menu = menu->menu()->actions().contains(toggle);
    }
  }
  EXPECT_TRUE(in_view_menu);
  ASSERT_FALSE(toggle->shortcut().isEmpty());
  EXPECT_EQ(toggle->shortcutContext(), Qt::WindowShortcut);
  EXPECT_TRUE(dock->isVisible());
  toggle->trigger();
  settle();
  EXPECT_FALSE(dock->isVisible());
  toggle->trigger();
  settle();
  EXPECT_TRUE(dock->isVisible());
}

// Run by the scaled cases below in a child process with QT_SCALE_FACTOR set: a 1920 x 1080
// screen at that factor, every page at the logical size it leaves.
TEST(ScreensTest, DISABLED_EveryPageFitsTheScaledScreen) {
  const double factor = qEnvironmentVariable("QT_SCALE_FACTOR").toDouble();
  ASSERT_GT(factor, 1.0);
  MainWindow window;
  window.show();
  wait_for_default_runs(window);
  EXPECT_DOUBLE_EQ(window.devicePixelRatioF(), factor);
  const QSize logical(static_cast<int>(1920 / factor), static_cast<int>(1080 / factor));
  const QStringList failures = check_pages_at(window, logical);
  EXPECT_TRUE(failures.isEmpty()) << joined(failures).toStdString();
}

// Runs the test above in a child process at `factor`; its output on failure.
void expect_scaled_child_passes(const char* factor) {
  QProcess child;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_SCALE_FACTOR"), QString::fromLatin1(factor));
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  child.setProcessEnvironment(env);
  child.setProcessChannelMode(QProcess::MergedChannels);
  child.start(QCoreApplication::applicationFilePath(),
              {QStringLiteral("--gtest_also_run_disabled_tests"),
               QStringLiteral("--gtest_filter=ScreensTest.DISABLED_EveryPageFitsTheScaledScreen")});
  ASSERT_TRUE(child.waitForFinished(300000));
  const QString output = QString::fromLocal8Bit(child.readAll());
  EXPECT_EQ(child.exitCode(), 0) << output.toStdString();
  EXPECT_TRUE(output.contains(QStringLiteral("[  PASSED  ] 1 test"))) << output.toStdString();
}

TEST(ScreensTest, EveryPageFits1920x1080At150Percent) { expect_scaled_child_passes("1.5"); }

TEST(ScreensTest, EveryPageFits1920x1080At200Percent) { expect_scaled_child_passes("2"); }

// amla-studio on an Xvfb screen: the window it opens (saved by --screenshot, in device pixels)
// is no larger than the screen.
void expect_window_fits_xvfb_screen(const QSize& screen, const char* factor) {
  const QString xvfb_run = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
  ASSERT_FALSE(xvfb_run.isEmpty()) << "xvfb-run is missing (setup.sh installs xvfb)";
  QTemporaryDir dir;
  const QString png = dir.filePath(QStringLiteral("window.png"));
  QProcess child;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_SCALE_FACTOR"), QString::fromLatin1(factor));
  env.remove(QStringLiteral("QT_QPA_PLATFORM"));
  env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir.path());
  env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.path());  // no saved window geometry
  child.setProcessEnvironment(env);
  child.setProcessChannelMode(QProcess::MergedChannels);
  child.start(xvfb_run,
              {QStringLiteral("-a"), QStringLiteral("-s"),
               QStringLiteral("-screen 0 %1x%2x24").arg(screen.width()).arg(screen.height()),
               QStringLiteral(AMLA_STUDIO_PATH), QStringLiteral("--page"),
               QStringLiteral("Numerics"), QStringLiteral("--screenshot"), png});
  ASSERT_TRUE(child.waitForFinished(300000));
  ASSERT_EQ(child.exitCode(), 0) << child.readAll().toStdString();
  const QImage image(png);
  ASSERT_FALSE(image.isNull());
  EXPECT_LE(image.width(), screen.width()) << "scale " << factor;
  EXPECT_LE(image.height(), screen.height()) << "scale " << factor;
}

TEST(ScreensTest, WindowOpensWithinA1280x720Screen) {
  expect_window_fits_xvfb_screen(QSize(1280, 720), "1");
}

TEST(ScreensTest, WindowOpensWithinA1920x1080ScreenAt150And200Percent) {
  expect_window_fits_xvfb_screen(QSize(1920, 1080), "1.5");
  expect_window_fits_xvfb_screen(QSize(1920, 1080), "2");
}

}  // namespace
}  // namespace amla::ui
