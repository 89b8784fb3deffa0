// The pseudo-code panel and the timeline, linked both ways on Qt's offscreen platform: selecting
// or hovering an op lights the lines that produce its kind; clicking a line makes the timeline's
// highlight set exactly that line's op kinds (drawn emphasised) and clicking it again clears it;
// the listing follows the run's kernel variant; the op tooltip carries the kind's meaning; the
// studio has the dock and the View menu toggles it.
#include <gtest/gtest.h>

// Core headers first: trace.h has a member named `slots`, which Qt's keyword macro would eat.
#include "core/hw/hardware_presets.h"
#include "core/kernel/kernel_pseudocode.h"
#include "core/kernel/op_catalogue.h"
#include "core/run/simulation_run.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QListWidget>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <memory>

#include "ui/main_window.h"
#include "ui/studio/config_panel.h"
#include "ui/timeline/pseudocode_panel.h"
#include "ui/timeline/timeline_tooltip.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {
namespace {

std::shared_ptr<const SimulationRun> run_of(KernelVariant variant) {
  KernelConfig config;
  config.problem.batch = 1;
  config.problem.kv_len = 2048;
  config.tiling.kv_split = KvSplitPolicy::kNone;
  config.variant = variant;
  return std::make_shared<const SimulationRun>(run_simulation(find_preset("910B2"), config));
}

qint64 first_op_of(const SimulationRun& run, OpKind kind) {
  const OpTrace& ops = run.trace.ops;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (ops.kind[i] == kind) return static_cast<qint64>(i);
  }
  return -1;
}

int line_claiming(const KernelPseudocode& code, OpKind kind) {
  for (std::size_t i = 0; i < code.lines.size(); ++i) {
    for (OpKind k : code.lines[i].ops) {
      if (k == kind) return static_cast<int>(i);
    }
  }
  return -1;
}

class PseudocodeLinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    run_ = run_of(KernelVariant::kAmla);
    timeline_.resize(1100, 600);
    timeline_.setRun(run_);
    panel_.resize(480, 640);
    panel_.linkTimeline(&timeline_);
    panel_.setRun(run_);
    timeline_.show();
    panel_.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&timeline_));
  }
  void click_line(int line) {
    QListWidget* list = panel_.listing();
    const QRect r = list->visualItemRect(list->item(line));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, r.center());
  }

  std::shared_ptr<const SimulationRun> run_;
  TimelineWidget timeline_;
  PseudocodePanel panel_;
};

TEST_F(PseudocodeLinkTest, SelectingAnOpLightsItsLine) {
  const qint64 op = first_op_of(*run_, OpKind::kAtomicAddN);
  ASSERT_GE(op, 0);
  timeline_.selectAndFrameOp(op);
  // The add itself and the flag it sets when done.
  const int line = line_claiming(panel_.code(), OpKind::kAtomicAddN);
  ASSERT_GE(line, 0);
  EXPECT_EQ(panel_.selectedOpLines(), (std::vector<int>{line, line + 1}));
  EXPECT_TRUE(panel_.listing()->item(line)->text().contains(QStringLiteral("int32(O) += N")));
  EXPECT_NE(panel_.listing()->item(line)->background(), QBrush());
  EXPECT_NE(panel_.listing()->item(line + 1)->background(), QBrush());
  EXPECT_EQ(panel_.listing()->item(line + 2)->background(), QBrush());
  EXPECT_EQ(panel_.listing()->item(line - 1)->background(), QBrush());
  EXPECT_TRUE(panel_.detailsText().contains(
      QString::fromStdString(op_kind_entry(OpKind::kAtomicAddN).name)));
  // An op of another kind moves the light; clearing the selection puts it out.
  const qint64 load = first_op_of(*run_, OpKind::kLoadK);
  timeline_.selectAndFrameOp(load);
  EXPECT_EQ(panel_.selectedOpLines(),
            std::vector<int>{line_claiming(panel_.code(), OpKind::kLoadK)});
  timeline_.selectAndFrameOp(-1);
  EXPECT_TRUE(panel_.selectedOpLines().empty());
}

TEST_F(PseudocodeLinkTest, HoveringAnOpLightsItsLineAndItsTooltipSaysWhatItIs) {
  const qint64 op = first_op_of(*run_, OpKind::kMmadQK);
  ASSERT_GE(op, 0);
  timeline_.selectAndFrameOp(op);
  timeline_.selectAndFrameOp(-1, false);
  const auto i = static_cast<std::size_t>(op);
  const double mid = (run_->trace.ops.start[i] + run_->trace.ops.end[i]) / 2.0;
  const QPoint at(timeline_.xAtTime(mid), timeline_.laneCenterY(run_->trace.ops.lane[i]));
  QMouseEvent move(QEvent::MouseMove, at, timeline_.mapToGlobal(at), Qt::NoButton, Qt::NoButton,
                   Qt::NoModifier);
  QApplication::sendEvent(&timeline_, &move);
  EXPECT_EQ(panel_.hoveredOpLines(),
            std::vector<int>{line_claiming(panel_.code(), OpKind::kMmadQK)});
  EXPECT_TRUE(timeline_.toolTipAt(at).contains(
      QString::fromStdString(op_kind_entry(OpKind::kMmadQK).meaning).toHtmlEscaped()));
  QEvent leave(QEvent::Leave);
  QApplication::sendEvent(&timeline_, &leave);
  EXPECT_TRUE(panel_.hoveredOpLines().empty());
}

TEST_F(PseudocodeLinkTest, TheLegendSaysWhatEachKindMeans) {
  // Somewhere under the tracks, the legend's AtomicAddN entry explains itself on hover.
  const QString meaning =
      QString::fromStdString(op_kind_entry(OpKind::kAtomicAddN).meaning).toHtmlEscaped();
  bool found = false;
  for (int y = timeline_.trackRect().bottom() + 1; y < timeline_.height() && !found; y += 2) {
    for (int x = 0; x < timeline_.width() && !found; x += 4) {
      found = timeline_.toolTipAt(QPoint(x, y)).contains(meaning);
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(PseudocodeLinkTest, ClickingALineLightsExactlyItsOpKindsOnTheTimeline) {
  const KernelPseudocode& code = panel_.code();
  const int line = line_claiming(code, OpKind::kMoveL0A);  // claims MoveL0A and MoveL0B
  ASSERT_GE(line, 0);
  const std::uint32_t kinds = pseudo_line_kinds(code.lines[static_cast<std::size_t>(line)]);
  ASSERT_EQ(kinds, (1u << int(OpKind::kMoveL0A)) | (1u << int(OpKind::kMoveL0B)));
  click_line(line);
  EXPECT_EQ(panel_.activeLine(), line);
  EXPECT_EQ(timeline_.highlightKinds(), kinds);
  timeline_.repaint();
  EXPECT_GT(timeline_.lastFrameStats().highlighted_items, 0);
  EXPECT_TRUE(panel_.detailsText().contains(
      QString::fromStdString(op_kind_entry(OpKind::kMoveL0B).explanation)));
  // Another line replaces the set; the same line again clears it.
  const int softmax = line_claiming(code, OpKind::kVecSoftmax);
  click_line(softmax);
  EXPECT_EQ(timeline_.highlightKinds(), 1u << int(OpKind::kVecSoftmax));
  click_line(softmax);
  EXPECT_EQ(panel_.activeLine(), -1);
  EXPECT_EQ(timeline_.highlightKinds(), 0u);
  timeline_.repaint();
  EXPECT_EQ(timeline_.lastFrameStats().highlighted_items, 0);
  // A line that produces no op lights nothing.
  click_line(0);
  EXPECT_EQ(timeline_.highlightKinds(), 0u);
}

// A lesson step may name several lines: all are lit, with all their ops on the timeline and
// each line's explanation; none clears.
TEST_F(PseudocodeLinkTest, SeveralLinesLightTogether) {
  const KernelPseudocode& code = panel_.code();
  const int moves = line_claiming(code, OpKind::kMoveL0A);
  const int softmax = line_claiming(code, OpKind::kVecSoftmax);
  ASSERT_GE(moves, 0);
  ASSERT_GE(softmax, 0);
  panel_.activateLines({softmax, moves, 10000});  // a line past the listing is left out
  EXPECT_EQ(panel_.activeLines(), (std::vector<int>{softmax, moves}));
  EXPECT_EQ(timeline_.highlightKinds(),
            pseudo_line_kinds(code.lines[static_cast<std::size_t>(moves)]) |
                pseudo_line_kinds(code.lines[static_cast<std::size_t>(softmax)]));
  for (int line : {moves, softmax}) {
    EXPECT_TRUE(panel_.listing()->item(line)->font().bold()) << line;
    // (The details are HTML: runs of spaces read as one.)
    EXPECT_TRUE(panel_.detailsText().simplified().contains(
        QString::fromStdString(code.lines[static_cast<std::size_t>(line)].text).simplified()))
        << line;
  }
  panel_.activateLines({});
  EXPECT_TRUE(panel_.activeLines().empty());
  EXPECT_EQ(timeline_.highlightKinds(), 0u);
  EXPECT_FALSE(panel_.listing()->item(moves)->font().bold());
}

TEST_F(PseudocodeLinkTest, TheListingFollowsTheRunsVariant) {
  EXPECT_EQ(panel_.listing()->count(),
            static_cast<int>(kernel_pseudocode(KernelVariant::kAmla).lines.size()));
  const auto baseline = run_of(KernelVariant::kBaseline);
  timeline_.setRun(baseline);
  panel_.setRun(baseline);
  EXPECT_EQ(panel_.variant(), KernelVariant::kBaseline);
  EXPECT_EQ(panel_.listing()->count(),
            static_cast<int>(kernel_pseudocode(KernelVariant::kBaseline).lines.size()));
  const qint64 op = first_op_of(*baseline, OpKind::kVecRescale);
  ASSERT_GE(op, 0);
  timeline_.selectAndFrameOp(op);
  ASSERT_EQ(panel_.selectedOpLines().size(), 1u);
  EXPECT_TRUE(panel_.listing()
                  ->item(panel_.selectedOpLines().front())
                  ->text()
                  .contains(QStringLiteral("alpha O + P V")));
}

TEST(OpTooltip, SaysWhatTheKindMeansAndWhatItsFlagHandsOver) {
  const auto run = run_of(KernelVariant::kAmla);
  const OpTrace& ops = run->trace.ops;
  ASSERT_TRUE(ops.has_reasons());
  qint64 op = -1;
  for (std::size_t i = 0; i < ops.size() && op < 0; ++i) {
    if (ops.reason[i] == WaitReason::kFlag &&
        flag_route(run->trace, ops.reason_id[i]) == "C1->V1") {
      op = static_cast<qint64>(i);
    }
  }
  ASSERT_GE(op, 0);
  const QString html = op_tooltip(*run, op);
  const auto kind = ops.kind[static_cast<std::size_t>(op)];
  EXPECT_TRUE(html.contains(QString::fromStdString(op_kind_entry(kind).meaning).toHtmlEscaped()));
  EXPECT_TRUE(html.contains(
      QString::fromStdString(find_flag_route_entry("C1->V1")->meaning).toHtmlEscaped()));
}

TEST(PseudocodeDock, TheStudioHasTheDockAndTheViewMenuTogglesIt) {
  MainWindow window(false);
  auto* dock = window.findChild<QDockWidget*>(QStringLiteral("pseudocodeDock"));
  ASSERT_NE(dock, nullptr);
  auto* toggle = window.findChild<QAction*>(QStringLiteral("pseudocodeAction"));
  ASSERT_NE(toggle, nullptr);
  window.show();
  window.pages()->setCurrentIndex(0);  // Timeline
  toggle->setChecked(true);
  EXPECT_TRUE(dock->isVisible());
  toggle->trigger();
  EXPECT_FALSE(dock->isVisible());
  toggle->trigger();
  EXPECT_TRUE(dock->isVisible());
  // Beside the timeline only: the other pages get the width back.
  window.pages()->setCurrentIndex(window.pages()->count() - 1);
  EXPECT_FALSE(dock->isVisible());
  EXPECT_TRUE(toggle->isChecked());
  window.pages()->setCurrentIndex(0);
  EXPECT_TRUE(dock->isVisible());
  // A run reaches the panel, and a clicked line reaches the studio's timeline.
  RunConfig config;
  config.hardware = find_preset("910B2");
  config.kernel.problem.batch = 1;
  config.kernel.problem.kv_len = 2048;
  config.kernel.variant = KernelVariant::kBaseline;
  window.configPanel()->setConfig(config);
  QSignalSpy done(&window, &MainWindow::simulationFinished);
  window.startSimulation();
  ASSERT_TRUE(done.wait(60000));
  auto* panel = dock->findChild<PseudocodePanel*>();
  ASSERT_NE(panel, nullptr);
  EXPECT_EQ(panel->variant(), KernelVariant::kBaseline);
  const int line = line_claiming(panel->code(), OpKind::kStoreO);
  panel->activateLine(line);
  EXPECT_EQ(window.timeline()->highlightKinds(), 1u << int(OpKind::kStoreO));
}

}  // namespace
}  // namespace amla::ui
