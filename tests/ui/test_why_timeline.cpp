// "Why is this run slow" in the studio, on Qt's offscreen platform: the critical path toggled on
// the timeline marks exactly the path's ops; an op's tooltip says what it waited for with the
// flag's route and the setter's name; B and double-click jump to the blocker; the stale banner
// comes with an edit and goes with a run or a revert; range statistics go with a new run; the
// Compare page's attribution rows add up to each run's makespan and its range covers the longer
// run.
#include <gtest/gtest.h>

// Core headers first: trace.h has a member named `slots`, which Qt's keyword macro would eat.
#include "core/hw/hardware_presets.h"
#include "core/run/critical_path.h"
#include "core/run/simulation_run.h"

#include <QAction>
#include <QApplication>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <algorithm>
#include <memory>

#include "tests/ui/studio_run.h"
#include "ui/common/time_range_control.h"
#include "ui/compare/compare_attribution.h"
#include "ui/compare/compare_page.h"
#include "ui/main_window.h"
#include "ui/studio/config_panel.h"
#include "ui/timeline/timeline_tooltip.h"
#include "ui/timeline/timeline_widget.h"
#include "ui/timeline/wait_text.h"

namespace amla::ui {
namespace {

// Two AI cores: every lane row fits in the widget, so every path op is on screen.
amla::RunConfig two_core_config(int batch, int kv_len) {
  amla::RunConfig c;
  c.hardware = amla::find_preset("910B2");
  c.hardware.aic_per_die = 2;
  c.kernel.problem.batch = batch;
  c.kernel.problem.kv_len = kv_len;
  return c;
}

std::shared_ptr<const SimulationRun> run_of(const amla::RunConfig& c) {
  return std::make_shared<const SimulationRun>(run_simulation(c.hardware, c.kernel));
}

std::shared_ptr<const SimulationRun> small_run() {
  static const auto run = run_of(two_core_config(2, 2048));
  return run;
}

// The first op released by a cross-core flag after a real wait.
std::int64_t first_flag_waiter(const SimulationRun& run) {
  const OpTrace& ops = run.trace.ops;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (ops.reason[i] == WaitReason::kFlag && op_wait_cycles(ops, i) > 0 &&
        lane_core(ops.lane[i]) == lane_core(ops.lane[static_cast<std::size_t>(ops.blocker[i])]) &&
        lane_unit(ops.lane[i]) != lane_unit(ops.lane[static_cast<std::size_t>(ops.blocker[i])])) {
      return static_cast<std::int64_t>(i);
    }
  }
  return -1;
}

class WhyTimelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    widget_.resize(1400, 1000);
    widget_.setRun(small_run());
    for (int core = 0; core < small_run()->trace.cores; ++core) {
      widget_.setCoreExpanded(core, true);
      for (const Unit u : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
        widget_.setUnitExpanded(core, u, true);
      }
    }
    widget_.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget_));
  }
  TimelineWidget widget_;
};

TEST_F(WhyTimelineTest, TogglingTheCriticalPathMarksExactlyItsOps) {
  const CriticalPath path = critical_path(small_run()->trace);
  ASSERT_GT(path.ops.size(), 3u);
  EXPECT_FALSE(widget_.criticalPathShown());
  QSignalSpy toggled(&widget_, &TimelineWidget::criticalPathShownChanged);
  QTest::keyClick(&widget_, Qt::Key_C);
  ASSERT_TRUE(widget_.criticalPathShown());
  EXPECT_EQ(toggled.count(), 1);
  EXPECT_EQ(widget_.criticalPathOps(), path.ops);
  for (const std::int64_t op : path.ops) EXPECT_TRUE(widget_.isOnCriticalPath(op));
  std::int64_t off_path = 0;
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(small_run()->trace.ops.size()); ++i) {
    off_path += widget_.isOnCriticalPath(i) ? 0 : 1;
  }
  EXPECT_EQ(off_path, static_cast<std::int64_t>(small_run()->trace.ops.size() - path.ops.size()));

  widget_.repaint();
  const TimelineFrameStats& s = widget_.lastFrameStats();
  // All lanes are open and fit: every path op sits inside an outlined item, none twice.
  EXPECT_EQ(s.path_ops_marked, static_cast<std::int64_t>(path.ops.size()));
  std::int64_t lane_changes = 0;
  for (std::size_t k = 1; k < path.ops.size(); ++k) {
    const auto& lanes = small_run()->trace.ops.lane;
    lane_changes += lanes[static_cast<std::size_t>(path.ops[k - 1])] !=
                    lanes[static_cast<std::size_t>(path.ops[k])];
  }
  EXPECT_GT(lane_changes, 0);
  EXPECT_GT(s.path_connectors, 0);
  EXPECT_LE(s.path_connectors, lane_changes);

  QTest::keyClick(&widget_, Qt::Key_C);
  EXPECT_FALSE(widget_.criticalPathShown());
  widget_.repaint();
  EXPECT_EQ(widget_.lastFrameStats().path_ops_marked, 0);
  EXPECT_EQ(widget_.lastFrameStats().path_connectors, 0);
}

TEST(WhyTimelineOpenTest, ShowingThePathOpensTheCoresItRunsOn) {
  TimelineWidget widget;
  widget.resize(1400, 1000);
  widget.setRun(small_run());
  widget.setCoreExpanded(0, false);
  widget.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget));
  widget.setCriticalPathShown(true);
  const std::vector<std::int64_t>& path = widget.criticalPathOps();
  ASSERT_FALSE(path.empty());
  for (const std::int64_t op : path) {
    EXPECT_TRUE(
        widget.coreExpanded(lane_core(small_run()->trace.ops.lane[static_cast<std::size_t>(op)])));
  }
  widget.repaint();
  EXPECT_EQ(widget.lastFrameStats().path_ops_marked, static_cast<std::int64_t>(path.size()));
}

TEST_F(WhyTimelineTest, TooltipSaysWhichFlagAndWhoSetItAndHowLong) {
  const SimulationRun& run = *small_run();
  const OpTrace& ops = run.trace.ops;
  const std::int64_t op = first_flag_waiter(run);
  ASSERT_GE(op, 0) << "no cross-core flag wait in the small run";
  const auto i = static_cast<std::size_t>(op);
  const auto b = static_cast<std::size_t>(ops.blocker[i]);
  // The route is the kernel's (AIC stage -> AIV stage or back), never a bare number.
  const std::string route = flag_route(run.trace, ops.reason_id[i]);
  EXPECT_NE(route.find("->"), std::string::npos) << route;
  EXPECT_EQ(route.find("flag "), std::string::npos) << route;
  const double us = double(op_wait_cycles(ops, i)) / (run.trace.clock_ghz * 1000.0);
  const QString expected =
      QStringLiteral("waited %1 \u00b5s (%2 cycles) for flag %3 set by %4 of task %5 on core %6")
          .arg(QString::number(us, 'g', us >= 1 ? 4 : 2))
          .arg(op_wait_cycles(ops, i))
          .arg(QString::fromStdString(route), QLatin1String(op_kind_name(ops.kind[b])))
          .arg(ops.task[b])
          .arg(lane_core(ops.lane[b]));
  EXPECT_TRUE(op_wait_sentence(run, op).startsWith(expected))
      << op_wait_sentence(run, op).toStdString() << "\nexpected\n"
      << expected.toStdString();
  EXPECT_TRUE(op_tooltip(run, op).contains(expected.toHtmlEscaped()));
  // And where the user hovers: the widget's own tooltip over the op.
  widget_.selectAndFrameOp(op);
  const int x = (widget_.xAtTime(double(ops.start[i])) + widget_.xAtTime(double(ops.end[i]))) / 2;
  const QString hover = widget_.toolTipAt(QPoint(x, widget_.laneCenterY(ops.lane[i])));
  EXPECT_TRUE(hover.contains(expected.toHtmlEscaped())) << hover.toStdString();
  // Ops on both ends of a cross-core flag carry the arrow mark.
  EXPECT_TRUE(widget_.hasFlagArrows(op));
  EXPECT_TRUE(widget_.hasFlagArrows(ops.blocker[i]));
}

TEST_F(WhyTimelineTest, BAndDoubleClickJumpToTheBlocker) {
  const SimulationRun& run = *small_run();
  const OpTrace& ops = run.trace.ops;
  const std::int64_t op = first_flag_waiter(run);
  ASSERT_GE(op, 0);
  const std::int64_t blocker = ops.blocker[static_cast<std::size_t>(op)];
  widget_.selectAndFrameOp(op);
  ASSERT_EQ(widget_.selectedOp(), op);
  QTest::keyClick(&widget_, Qt::Key_B);
  EXPECT_EQ(widget_.selectedOp(), blocker);
  const auto [t0, t1] = widget_.visibleRange();
  const auto bb = static_cast<std::size_t>(blocker);
  EXPECT_LE(t0, double(ops.start[bb]));
  EXPECT_GE(t1, double(ops.end[bb]));

  // Double-click on the waiting op: the same jump.
  widget_.selectAndFrameOp(op);
  const auto i = static_cast<std::size_t>(op);
  const int x = (widget_.xAtTime(double(ops.start[i])) + widget_.xAtTime(double(ops.end[i]))) / 2;
  QTest::mouseDClick(&widget_, Qt::LeftButton, {}, QPoint(x, widget_.laneCenterY(ops.lane[i])));
  EXPECT_EQ(widget_.selectedOp(), blocker);
  // An op nothing held back (released by the start of the run) has nothing to jump to.
  const auto none = std::find(ops.blocker.begin(), ops.blocker.end(), -1);
  ASSERT_NE(none, ops.blocker.end());
  const std::int64_t free_op = none - ops.blocker.begin();
  widget_.selectAndFrameOp(free_op);
  EXPECT_FALSE(widget_.jumpToBlocker());
  EXPECT_EQ(widget_.selectedOp(), free_op);
}

// ---------------------------------------------------------------------------------------------
// The studio window

using testing::run_config;

TEST(WhyStudioTest, StaleBannerComesWithAnEditAndGoesWithARunOrARevert) {
  MainWindow window(false);
  window.resize(1280, 720);
  window.show();
  ASSERT_TRUE(run_config(window, two_core_config(2, 2048)));
  window.pages()->setCurrentIndex(0);
  EXPECT_FALSE(window.resultsStale());
  EXPECT_FALSE(window.staleBanner()->isVisible());

  auto* batch = qobject_cast<QSpinBox*>(window.configPanel()->fieldEditor("problem.batch"));
  ASSERT_NE(batch, nullptr);
  batch->setValue(3);
  EXPECT_TRUE(window.resultsStale());
  EXPECT_TRUE(window.staleBanner()->isVisible());
  // On every page that shows this run, not on the Numerics page (it has runs of its own).
  for (const char* page : {"Buffers", "Summary", "Compare", "Numerics"}) {
    for (int i = 0; i < window.pages()->count(); ++i) {
      if (window.pages()->tabText(i).remove('&') == QLatin1String(page)) {
        window.pages()->setCurrentIndex(i);
      }
    }
    EXPECT_EQ(window.staleBanner()->isVisible(), QLatin1String(page) != QLatin1String("Numerics"))
        << page;
  }
  window.pages()->setCurrentIndex(0);
  // Back to the run's value: nothing is stale.
  batch->setValue(2);
  EXPECT_FALSE(window.resultsStale());
  EXPECT_FALSE(window.staleBanner()->isVisible());
  // Edited again, then run: the results are for the inputs again.
  batch->setValue(3);
  EXPECT_TRUE(window.staleBanner()->isVisible());
  QSignalSpy done(&window, &MainWindow::simulationFinished);
  window.startSimulation();
  ASSERT_TRUE(done.wait(60000));
  EXPECT_FALSE(window.resultsStale());
  EXPECT_FALSE(window.staleBanner()->isVisible());
}

TEST(WhyStudioTest, RangeStatisticsGoAwayWithANewRunAndThePathActionToggles) {
  MainWindow window(false);
  window.resize(1280, 720);
  window.show();
  ASSERT_TRUE(run_config(window, two_core_config(2, 2048)));
  const QString hint = window.rangeStatisticsText();
  // Statistics of a selection, as a Shift+drag leaves them.
  TimelineWidget* timeline = window.timeline();
  const QRect tracks = timeline->trackRect();
  const QPoint a(tracks.left() + 100, tracks.top() + 20), b(tracks.left() + 400, tracks.top() + 20);
  QTest::mousePress(timeline, Qt::LeftButton, Qt::ShiftModifier, a);
  QMouseEvent move(QEvent::MouseMove, b, timeline->mapToGlobal(b), Qt::NoButton, Qt::LeftButton,
                   Qt::ShiftModifier);
  QApplication::sendEvent(timeline, &move);
  QTest::mouseRelease(timeline, Qt::LeftButton, Qt::ShiftModifier, b);
  ASSERT_TRUE(window.timeControl()->hasSelection());
  EXPECT_TRUE(window.rangeStatisticsText().contains(QStringLiteral("Busiest:")))
      << window.rangeStatisticsText().toStdString();
  EXPECT_TRUE(window.rangeStatisticsText().contains(QStringLiteral("AIV0")));
  // A new run, no range drawn: the old statistics are gone.
  ASSERT_TRUE(run_config(window, two_core_config(3, 2048)));
  EXPECT_FALSE(window.timeControl()->hasSelection());
  EXPECT_EQ(window.rangeStatisticsText(), hint);

  // View > Critical path and the timeline's C key are one state.
  QAction* action = window.criticalPathAction();
  ASSERT_NE(action, nullptr);
  EXPECT_FALSE(action->isChecked());
  action->trigger();
  EXPECT_TRUE(timeline->criticalPathShown());
  EXPECT_EQ(timeline->criticalPathOps().size(), critical_path(window.lastRun()->trace).ops.size());
  timeline->setCriticalPathShown(false);
  EXPECT_FALSE(action->isChecked());
}

// ---------------------------------------------------------------------------------------------
// Compare

TEST(WhyCompareTest, AttributionRowsAddUpToEachMakespanAndTheRangeCoversTheLongerRun) {
  const auto a = small_run();
  const auto b = run_of(two_core_config(2, 4096));  // longer
  ASSERT_GT(b->metrics.makespan_us, a->metrics.makespan_us);
  ComparePage page;
  page.resize(1280, 720);
  page.setRunA(a);
  page.setRunB(b);
  const std::vector<AttributionRow> rows = compare_attribution(a.get(), b.get());
  ASSERT_GE(rows.size(), 3u);
  ASSERT_TRUE(rows.back().total);
  double sum_a = 0, sum_b = 0, sum_delta = 0;
  for (std::size_t r = 0; r + 1 < rows.size(); ++r) {
    sum_a += rows[r].a_us;
    sum_b += rows[r].b_us;
    sum_delta += rows[r].delta_us;
    EXPECT_DOUBLE_EQ(rows[r].delta_us, rows[r].b_us - rows[r].a_us);
  }
  EXPECT_NEAR(sum_a, a->metrics.makespan_us, 1e-6 * a->metrics.makespan_us);
  EXPECT_NEAR(sum_b, b->metrics.makespan_us, 1e-6 * b->metrics.makespan_us);
  EXPECT_NEAR(rows.back().a_us, a->metrics.makespan_us, 1e-6 * a->metrics.makespan_us);
  EXPECT_NEAR(rows.back().b_us, b->metrics.makespan_us, 1e-6 * b->metrics.makespan_us);
  EXPECT_NEAR(sum_delta, b->metrics.makespan_us - a->metrics.makespan_us, 1e-6);
  // The page's table shows the same rows with the numbers behind them.
  QTableWidget* table = page.attributionTable();
  ASSERT_EQ(table->rowCount(), static_cast<int>(rows.size()));
  double table_a = 0, table_b = 0;
  for (int r = 0; r + 1 < table->rowCount(); ++r) {
    table_a += table->item(r, 0)->data(Qt::UserRole).toDouble();
    table_b += table->item(r, 1)->data(Qt::UserRole).toDouble();
  }
  EXPECT_NEAR(table_a, a->metrics.makespan_us, 1e-6 * a->metrics.makespan_us);
  EXPECT_NEAR(table_b, b->metrics.makespan_us, 1e-6 * b->metrics.makespan_us);
  EXPECT_EQ(table->verticalHeaderItem(table->rowCount() - 1)->text(), QStringLiteral("Makespan"));

  // The range covers the longer run whichever comes first, and after a swap.
  const double longer = std::max(run_end_cycles(*a), run_end_cycles(*b));
  EXPECT_DOUBLE_EQ(page.timeControl()->range().first, 0.0);
  EXPECT_DOUBLE_EQ(page.timeControl()->range().second, longer);
  ComparePage reversed;
  reversed.setRunA(b);
  reversed.setRunB(a);
  EXPECT_DOUBLE_EQ(reversed.timeControl()->range().second, longer);
  page.swapRuns();
  EXPECT_DOUBLE_EQ(page.timeControl()->range().second, longer);
  // Without B: A's column only.
  page.setRunB(nullptr);
  const std::vector<AttributionRow> only_a = compare_attribution(a.get(), nullptr);
  EXPECT_TRUE(std::isnan(only_a.back().b_us));
  EXPECT_TRUE(std::isnan(only_a.back().delta_us));
}

}  // namespace
}  // namespace amla::ui
