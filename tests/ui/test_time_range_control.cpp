// The one time-range controller the timeline, the buffers and the compare page observe: it keeps
// the window inside the trace, a request from one view reaches every other view, continuous
// gestures make one history entry, back and forward walk the history, a new trace resets it.
#include <gtest/gtest.h>

#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"

#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <memory>

#include "ui/buffers/buffers_view.h"
#include "ui/common/time_range_control.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {
namespace {

using Gesture = TimeRangeControl::Gesture;

std::shared_ptr<const SimulationRun> small_run() {
  static const auto run = [] {
    KernelConfig config;
    config.problem.batch = 1;
    config.problem.kv_len = 2048;
    return std::make_shared<const SimulationRun>(run_simulation(find_preset("910B2"), config));
  }();
  return run;
}

TEST(TimeRangeControlTest, KeepsTheWindowInsideTheTrace) {
  TimeRangeControl c;
  c.setTrace(0, 10000);
  EXPECT_EQ(c.range(), std::make_pair(0.0, 10000.0));
  EXPECT_FALSE(c.isZoomed());
  QSignalSpy changed(&c, &TimeRangeControl::rangeChanged);
  EXPECT_TRUE(c.requestRange(-500, 500));  // slides in, keeps its span
  EXPECT_EQ(c.range(), std::make_pair(0.0, 1000.0));
  EXPECT_TRUE(c.isZoomed());
  c.requestRange(9500, 10500);
  EXPECT_EQ(c.range(), std::make_pair(9000.0, 10000.0));
  c.requestRange(5000, 5001);  // never narrower than the minimum span
  EXPECT_DOUBLE_EQ(c.rangeEnd() - c.rangeStart(), c.minimumSpan());
  c.requestRange(-1e9, 1e9);  // never wider than the trace
  EXPECT_EQ(c.range(), std::make_pair(0.0, 10000.0));
  EXPECT_FALSE(c.requestRange(0, 10000));  // no change, no signal
  EXPECT_EQ(changed.count(), 4);
  EXPECT_DOUBLE_EQ(changed.last().at(0).toDouble(), 0.0);
  EXPECT_DOUBLE_EQ(changed.last().at(1).toDouble(), 10000.0);
}

TEST(TimeRangeControlTest, BackAndForwardWalkTheHistory) {
  TimeRangeControl c;
  c.setTrace(0, 10000);
  EXPECT_FALSE(c.canGoBack());
  c.requestRange(1000, 2000);
  c.requestRange(3000, 4000);
  c.back();
  EXPECT_EQ(c.range(), std::make_pair(1000.0, 2000.0));
  c.back();
  EXPECT_EQ(c.range(), std::make_pair(0.0, 10000.0));
  EXPECT_FALSE(c.canGoBack());
  c.forward();
  c.forward();
  EXPECT_EQ(c.range(), std::make_pair(3000.0, 4000.0));
  EXPECT_FALSE(c.canGoForward());
  c.back();
  c.requestRange(5000, 6000);  // a new window after going back drops the forward list
  EXPECT_FALSE(c.canGoForward());
  c.back();
  EXPECT_EQ(c.range(), std::make_pair(1000.0, 2000.0));
}

TEST(TimeRangeControlTest, OneGestureIsOneHistoryEntry) {
  TimeRangeControl c;
  c.setTrace(0, 10000);
  c.requestRange(1000, 9000, Gesture::kWheelZoom);
  c.requestRange(2000, 8000, Gesture::kWheelZoom);
  c.requestRange(3000, 7000, Gesture::kWheelZoom);
  c.back();
  EXPECT_EQ(c.range(), std::make_pair(0.0, 10000.0));
  EXPECT_FALSE(c.canGoBack());
  // Two drags, one after the other: two entries.
  c.requestRange(100, 1100, Gesture::kDrag);
  c.requestRange(200, 1200, Gesture::kDrag);
  c.endGesture();
  c.requestRange(300, 1300, Gesture::kDrag);
  c.back();
  EXPECT_EQ(c.range(), std::make_pair(200.0, 1200.0));
}

TEST(TimeRangeControlTest, ANewTraceIsShownWholeAndForgetsHistoryAndSelection) {
  TimeRangeControl c;
  c.setTrace(0, 10000);
  c.requestRange(1000, 2000);
  c.setSelection(1500, 1200);
  EXPECT_EQ(c.selection(), std::make_pair(1200.0, 1500.0));  // ordered
  QSignalSpy selection(&c, &TimeRangeControl::selectionChanged);
  c.setTrace(0, 5000);
  EXPECT_EQ(c.range(), std::make_pair(0.0, 5000.0));
  EXPECT_FALSE(c.canGoBack());
  EXPECT_FALSE(c.hasSelection());
  EXPECT_EQ(selection.count(), 1);
}

class SharedRangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (TimelineWidget* t : {&timeline_, &other_timeline_}) {
      t->resize(1000, 600);
      t->setTimeControl(&control_);
      t->setRun(small_run());
      t->show();
    }
    buffers_.resize(1000, 800);
    buffers_.setTimeControl(&control_);
    buffers_.setRun(small_run());
    control_.setTrace(0, run_end_cycles(*small_run()));
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&timeline_));
  }

  TimeRangeControl control_;
  TimelineWidget timeline_;
  TimelineWidget other_timeline_;
  BuffersView buffers_;
};

TEST_F(SharedRangeTest, AViewRequestsARangeAndTheOthersObserveIt) {
  const double end = control_.traceEnd();
  EXPECT_EQ(buffers_.visibleEnd(), end);
  // A key on one timeline...
  QTest::keyClick(&timeline_, Qt::Key_W);
  const auto zoomed = control_.range();
  EXPECT_LT(zoomed.second - zoomed.first, end);
  EXPECT_EQ(timeline_.visibleRange(), zoomed);
  EXPECT_EQ(other_timeline_.visibleRange(), zoomed);
  EXPECT_DOUBLE_EQ(buffers_.visibleStart(), zoomed.first);
  EXPECT_DOUBLE_EQ(buffers_.visibleEnd(), zoomed.second);
  // ... a range the buffers ask for ...
  buffers_.setVisibleRange(end * 0.25, end * 0.5);
  EXPECT_DOUBLE_EQ(timeline_.visibleRange().first, end * 0.25);
  EXPECT_DOUBLE_EQ(other_timeline_.visibleRange().second, end * 0.5);
  // ... and back, from the other timeline, through the one history.
  QTest::keyClick(&other_timeline_, Qt::Key_Backspace);
  EXPECT_EQ(timeline_.visibleRange(), zoomed);
  EXPECT_DOUBLE_EQ(buffers_.visibleStart(), zoomed.first);
  QTest::keyClick(&timeline_, Qt::Key_Right, Qt::AltModifier);
  EXPECT_DOUBLE_EQ(other_timeline_.visibleRange().first, end * 0.25);
  EXPECT_DOUBLE_EQ(buffers_.visibleStart(), end * 0.25);
  // The selection is shared too: F on the other timeline frames what this one selected.
  control_.setSelection(end * 0.3, end * 0.35);
  EXPECT_TRUE(other_timeline_.hasSelection());
  QTest::keyClick(&other_timeline_, Qt::Key_F);
  EXPECT_DOUBLE_EQ(timeline_.visibleRange().first, end * 0.3);
  EXPECT_DOUBLE_EQ(buffers_.visibleEnd(), end * 0.35);
}

TEST(TimeRangeControlTest, AViewWithItsOwnControllerStaysOnItsOwn) {
  TimelineWidget a;
  TimelineWidget b;
  for (TimelineWidget* t : {&a, &b}) {
    t->resize(1000, 600);
    t->setRun(small_run());
  }
  EXPECT_NE(a.timeControl(), b.timeControl());
  const auto before = b.visibleRange();
  a.setVisibleRange(100, 900);
  EXPECT_EQ(b.visibleRange(), before);
}

}  // namespace
}  // namespace amla::ui
