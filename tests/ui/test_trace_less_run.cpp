// A run that kept no trace (its trace would not fit the memory budget) on every page of the
// studio: Timeline and Buffers say why in the page instead of empty lanes, Summary keeps every
// metric of the same run with its trace and says there is no critical path, the actions that
// need the trace are disabled or refuse with the reason, Compare still compares the metrics, and
// a session saves and loads with such a run on screen. The configuration panel checks sizes
// against the same budget.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "core/hw/hardware_presets.h"
#include "core/run/metric_catalogue.h"
#include "core/run/simulation_run.h"
#include "tests/ui/studio_run.h"
#include "ui/buffers/buffers_view.h"
#include "ui/common/time_range_control.h"
#include "ui/compare/compare_page.h"
#include "ui/main_window.h"
#include "ui/studio/config_panel.h"
#include "ui/studio/session_controller.h"
#include "ui/studio/summary_view.h"
#include "ui/timeline/pseudocode_panel.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {
namespace {

using testing::run_small;
using testing::small_config;

// The notices a page shows in its own area for a run without a trace (empty: none shown).
QString shown_notice(QWidget* page) {
  QStringList texts;
  for (QLabel* label : page->findChildren<QLabel*>(QStringLiteral("noTraceNotice"))) {
    if (label->isVisibleTo(page)) texts << label->text();
  }
  return texts.join('\n');
}

QAction* menu_action(MainWindow& window, const QString& starts_with) {
  for (QAction* a : window.menuBar()->findChildren<QAction*>()) {
    if (a->text().remove('&').startsWith(starts_with)) return a;
  }
  return nullptr;
}

// The configuration panel's early check of a configuration's size uses the budget the studio was
// given (amla-studio --memory-budget-mb), not the default: a size that budget cannot hold even
// without a trace is marked at S_k before Run, and Run is not offered.
TEST(MemoryBudgetTest, TheConfigurationPanelChecksAgainstTheStudiosBudget) {
  MainWindow window(false);
  ConfigPanel* panel = window.configPanel();
  RunConfig config = small_config();
  config.kernel.problem.batch = 128;  // 1.5M ops: about 24 MB even without a trace
  config.kernel.problem.kv_len = 16384;
  panel->setConfig(config);
  ASSERT_TRUE(panel->config().has_value());
  const auto kv_len = QStringLiteral("problem.kv_len");
  EXPECT_TRUE(panel->fieldError(kv_len).isEmpty());

  window.setMemoryBudget(std::uint64_t{1} << 20);  // 1 MiB: not even the metrics fit
  EXPECT_FALSE(panel->config().has_value());
  EXPECT_TRUE(panel->fieldError(kv_len).contains(QStringLiteral("budget")))
      << panel->fieldError(kv_len).toStdString();

  window.setMemoryBudget(0);  // the default again
  EXPECT_TRUE(panel->config().has_value());
  EXPECT_TRUE(panel->fieldError(kv_len).isEmpty());
}

class TraceLessRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    traced_ = std::make_unique<MainWindow>(false);
    ASSERT_TRUE(run_small(*traced_));
    ASSERT_TRUE(traced_->lastRun()->trace.has_ops());
    // A budget the run's metrics fit in and its trace does not.
    const std::int64_t ops = traced_->lastRun()->planned_ops;
    window_ = std::make_unique<MainWindow>(false);
    window_->setMemoryBudget(static_cast<std::uint64_t>(
        (amla::trace_memory_bytes(ops) + amla::metrics_only_memory_bytes(ops)) / 2));
    window_->show();
    ASSERT_TRUE(run_small(*window_));
    ASSERT_FALSE(window_->lastRun()->trace.has_ops());
    why_ = QString::fromStdString(window_->lastRun()->trace.trace_dropped);
  }

  void showPage(const QString& name) {
    for (int i = 0; i < window_->pages()->count(); ++i) {
      if (window_->pages()->tabText(i) == name) window_->pages()->setCurrentIndex(i);
    }
    QApplication::processEvents();
  }

  std::unique_ptr<MainWindow> traced_;
  std::unique_ptr<MainWindow> window_;
  QString why_;
};

TEST_F(TraceLessRunTest, TimelineAndBuffersSayWhyInThePage) {
  EXPECT_TRUE(why_.contains(QStringLiteral("memory budget"))) << why_.toStdString();
  for (const QString page : {"Timeline", "Buffers"}) {
    showPage(page);
    QWidget* view = page == QLatin1String("Timeline") ? static_cast<QWidget*>(window_->timeline())
                                                      : window_->buffers();
    const QString notice = shown_notice(view);
    EXPECT_TRUE(notice.contains(QStringLiteral("This run kept no trace: ") + why_))
        << page.toStdString() << ": " << notice.toStdString();
    EXPECT_TRUE(notice.contains(QStringLiteral("Summary"))) << notice.toStdString();
  }
  // The shared time range still spans the run (its makespan), for the session and the zoom.
  EXPECT_EQ(window_->timeControl()->range().second,
            static_cast<double>(window_->lastRun()->metrics.makespan_cycles));
  // No range statistics to offer: the line under the timeline does not ask for a range.
  EXPECT_FALSE(window_->rangeStatisticsText().contains(QStringLiteral("Shift+drag")));
  // A traced run afterwards hides the notice again.
  ASSERT_TRUE(run_small(*traced_));
  EXPECT_TRUE(shown_notice(traced_->timeline()).isEmpty());
}

TEST_F(TraceLessRunTest, SummaryKeepsTheMetricsAndSaysThereIsNoCriticalPath) {
  showPage(QStringLiteral("Summary"));
  const SimulationRun& with = *traced_->lastRun();
  const SimulationRun& without = *window_->lastRun();
  EXPECT_EQ(with.metrics.makespan_cycles, without.metrics.makespan_cycles);
  int compared = 0;
  for (const MetricDef& def : metric_catalogue()) {
    const QString label = QString::fromStdString(def.label);
    const QString a = traced_->summary()->metricText(label);
    if (a.isEmpty()) continue;
    EXPECT_EQ(window_->summary()->metricText(label), a) << def.key;
    ++compared;
  }
  EXPECT_GE(compared, 10);
  const QString no_path = QStringLiteral("No critical path: the run kept no trace (") + why_ + ")";
  EXPECT_TRUE(window_->summary()->whyBound().contains(no_path))
      << window_->summary()->whyBound().toStdString();
  EXPECT_EQ(window_->summary()->whyRows(), 0);
  EXPECT_TRUE(window_->summary()->whyAdvice().contains(QStringLiteral("<li>")));
  // The roofline reads the metrics: it exports as for any run.
  QTemporaryDir dir;
  EXPECT_EQ(window_->exportPanel(QStringLiteral("Summary"), dir.filePath("s.png"), QSize(800, 500)),
            QString());
}

TEST_F(TraceLessRunTest, ActionsThatNeedTheTraceAreDisabledOrRefuse) {
  showPage(QStringLiteral("Timeline"));
  EXPECT_FALSE(window_->criticalPathAction()->isEnabled());
  EXPECT_TRUE(window_->criticalPathAction()->toolTip().contains(why_));
  QAction* blocker = menu_action(*window_, QStringLiteral("Jump to what the selected op"));
  ASSERT_NE(blocker, nullptr);
  EXPECT_FALSE(blocker->isEnabled());
  QAction* trace = menu_action(*window_, QStringLiteral("Trace ("));
  ASSERT_NE(trace, nullptr);
  EXPECT_FALSE(trace->isEnabled());
  QAction* csv = menu_action(*window_, QStringLiteral("Ops as CSV"));
  ASSERT_NE(csv, nullptr);
  EXPECT_FALSE(csv->isEnabled());
  // Asked anyway (a test, a script), each refuses with the reason and writes nothing.
  QTemporaryDir dir;
  for (const QString page : {"Timeline", "Buffers"}) {
    const QString path = dir.filePath(page + ".png");
    const QString error = window_->exportPanel(page, path, QSize(800, 500));
    EXPECT_TRUE(error.contains(why_)) << error.toStdString();
    EXPECT_FALSE(QFile::exists(path));
  }
  const QString trace_path = dir.filePath("t.json");
  EXPECT_TRUE(window_->exportTrace(trace_path).contains(why_));
  EXPECT_FALSE(QFile::exists(trace_path));
  const QString csv_path = dir.filePath("ops.csv");
  EXPECT_TRUE(window_->exportCsv(csv_path).contains(why_));
  EXPECT_FALSE(QFile::exists(csv_path));
  // The keys do nothing either: no path, no blocker, no op.
  window_->timeline()->setCriticalPathShown(true);
  EXPECT_TRUE(window_->timeline()->criticalPathOps().empty());
  EXPECT_FALSE(window_->timeline()->jumpToBlocker(0));
  window_->timeline()->selectAndFrameOp(0);
  EXPECT_EQ(window_->timeline()->selectedOp(), -1);
  // The pseudo-code panel says its lines light nothing.
  auto* code = window_->findChild<PseudocodePanel*>();
  ASSERT_NE(code, nullptr);
  code->activateLine(1);
  EXPECT_TRUE(shown_notice(code).contains(why_)) << shown_notice(code).toStdString();
  // A traced run enables them again.
  ASSERT_TRUE(run_small(*traced_));
  EXPECT_TRUE(traced_->criticalPathAction()->isEnabled());
}

TEST_F(TraceLessRunTest, EveryPageAndMouseGestureIsSafe) {
  for (int i = 0; i < window_->pages()->count(); ++i) {
    window_->pages()->setCurrentIndex(i);
    QApplication::processEvents();
  }
  showPage(QStringLiteral("Timeline"));
  TimelineWidget* timeline = window_->timeline();
  const QPoint middle = timeline->rect().center();
  QTest::mouseMove(timeline, middle);
  EXPECT_TRUE(timeline->toolTipAt(middle).isEmpty());
  QTest::mouseClick(timeline, Qt::LeftButton, Qt::NoModifier, middle);
  QTest::mousePress(timeline, Qt::LeftButton, Qt::ShiftModifier, middle - QPoint(100, 0));
  QTest::mouseMove(timeline, middle + QPoint(100, 0));
  QTest::mouseRelease(timeline, Qt::LeftButton, Qt::ShiftModifier, middle + QPoint(100, 0));
  for (const char* key : {"w", "s", "a", "d", "f", "c", "b"}) {
    QTest::keyClicks(timeline, QString::fromLatin1(key));
  }
  window_->timeline()->setVisibleRange(10, 100);
  showPage(QStringLiteral("Buffers"));
  for (int b = 0; b < 4; ++b) window_->buffers()->setMapBuffer(b);
  window_->buffers()->setCore(1);
  window_->buffers()->setVisibleRange(0, 0);
  QApplication::processEvents();
}

TEST_F(TraceLessRunTest, CompareSaysWhichRunKeptNoTraceAndStillComparesTheMetrics) {
  ComparePage* compare = window_->comparePage();
  compare->setRunA(traced_->lastRun());
  compare->setRunB(window_->lastRun());
  showPage(QStringLiteral("Compare"));
  // The metric table compares as for two traced runs.
  ASSERT_GT(compare->deltaTable()->rowCount(), 5);
  EXPECT_FALSE(compare->deltaTable()->item(0, 1)->text().isEmpty());
  // B's timeline says why it is empty; A's is drawn.
  EXPECT_TRUE(shown_notice(compare->timelineB()).contains(why_));
  EXPECT_TRUE(shown_notice(compare->timelineA()).isEmpty());
  // The attribution shows A's column and says B has none.
  EXPECT_TRUE(shown_notice(compare).contains(QStringLiteral("B kept no trace")))
      << shown_notice(compare).toStdString();
  const QTableWidget* attribution = compare->attributionTable();
  ASSERT_GT(attribution->rowCount(), 1);
  EXPECT_FALSE(attribution->item(attribution->rowCount() - 1, 0)->text().isEmpty());
  EXPECT_TRUE(attribution->item(attribution->rowCount() - 1, 1)->text().isEmpty());
  compare->setRunA(window_->lastRun());
  QTemporaryDir dir;
  EXPECT_EQ(compare->exportCompare(dir.filePath("c.png"), QSize(900, 600)), QString());
}

TEST_F(TraceLessRunTest, ASessionSavesAndLoadsWithTheRunOnScreen) {
  QTemporaryDir dir;
  const QString path = dir.filePath("s.amla-session");
  ASSERT_EQ(window_->session()->save(path), QString());
  QSignalSpy shown(window_.get(), &MainWindow::sessionShown);
  ASSERT_EQ(window_->session()->load(path), QString());
  ASSERT_TRUE(shown.count() > 0 || shown.wait(60000));
  EXPECT_FALSE(window_->lastRun()->trace.has_ops());
  EXPECT_TRUE(shown_notice(window_->timeline()).contains(why_));
}

}  // namespace
}  // namespace amla::ui
