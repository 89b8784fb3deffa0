// The timeline widget on Qt's offscreen platform: default view, folding that keeps every op in
// the painted frame at every zoom, keyboard and wheel navigation with the zoom history, drag to
// pan, Shift+drag range statistics and F to frame them, click to select an op with its flags,
// collapsing groups, tooltips; and the headless export to PNG, SVG and PDF with its failures.
#include <gtest/gtest.h>

// Core headers first: trace.h has a member named `slots`, which Qt's keyword macro would eat.
#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"
#include "core/view/timeline_index.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <cmath>
#include <memory>

#include "ui/common/zoom_history.h"
#include "ui/timeline/time_axis.h"
#include "ui/timeline/timeline_export.h"
#include "ui/timeline/timeline_layout.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {
namespace {

std::shared_ptr<const SimulationRun> small_run() {
  static const auto run = [] {
    KernelConfig config;
    config.problem.batch = 1;
    config.problem.kv_len = 2048;
    return std::make_shared<const SimulationRun>(run_simulation(find_preset("910B2"), config));
  }();
  return run;
}

// QTest::mouseMove does not deliver a move with the button held on every platform, so drags are
// sent as events.
void drag(QWidget* w, QPoint from, QPoint to, Qt::KeyboardModifiers mods) {
  QTest::mousePress(w, Qt::LeftButton, mods, from);
  for (int step = 1; step <= 4; ++step) {
    const QPoint p = from + (to - from) * step / 4;
    QMouseEvent move(QEvent::MouseMove, p, w->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, mods);
    QApplication::sendEvent(w, &move);
  }
  QTest::mouseRelease(w, Qt::LeftButton, mods, to);
}

class TimelineWidgetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    widget_.resize(1200, 700);
    widget_.setRun(small_run());
    widget_.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget_));
  }
  double end() const { return static_cast<double>(TimelineIndex(small_run()->trace).end_cycle()); }
  void repaint() { widget_.repaint(); }
  QPoint track_point(double t, int lane) const {
    return QPoint(widget_.xAtTime(t), widget_.laneCenterY(lane));
  }

  TimelineWidget widget_;
};

TEST_F(TimelineWidgetTest, StartsWithTheWholeRunAndCoreZeroOpen) {
  const auto [t0, t1] = widget_.visibleRange();
  EXPECT_DOUBLE_EQ(t0, 0.0);
  EXPECT_DOUBLE_EQ(t1, end());
  EXPECT_TRUE(widget_.coreExpanded(0));
  EXPECT_FALSE(widget_.coreExpanded(1));
  repaint();
  const TimelineFrameStats& s = widget_.lastFrameStats();
  EXPECT_GE(s.lane_rows, 13);  // core 0: 5 AIC + 2 x 4 AIV pipes
  EXPECT_GT(s.density_rows, 1);
  EXPECT_GT(s.ops_drawn, 0);
}

TEST_F(TimelineWidgetTest, PaintedFrameKeepsEveryVisibleOpAtEveryZoom) {
  const double e = end();
  for (double zoom = 1; zoom <= 1 << 14; zoom *= 4) {
    for (double frac : {0.0, 0.37, 1.0}) {
      const double span = e / zoom;
      widget_.setVisibleRange(frac * (e - span), frac * (e - span) + span);
      repaint();
      const TimelineFrameStats& s = widget_.lastFrameStats();
      EXPECT_EQ(s.ops_drawn, s.ops_visible) << "zoom " << zoom << " at " << frac;
      EXPECT_LE(s.items, s.ops_drawn);
    }
  }
}

TEST_F(TimelineWidgetTest, KeysZoomAndPanAndHistoryGoesBackAndForward) {
  QSignalSpy changed(widget_.timeControl(), &TimeRangeControl::rangeChanged);
  const auto full = widget_.visibleRange();
  QTest::keyClick(&widget_, Qt::Key_W);
  const auto zoomed = widget_.visibleRange();
  EXPECT_NEAR(zoomed.second - zoomed.first, (full.second - full.first) / 1.5, 1e-6 * end());
  EXPECT_NEAR((zoomed.first + zoomed.second) / 2, (full.first + full.second) / 2, 1e-6 * end());
  EXPECT_GE(changed.count(), 1);

  QTest::keyClick(&widget_, Qt::Key_D);
  const auto panned = widget_.visibleRange();
  EXPECT_NEAR(panned.first - zoomed.first, 0.2 * (zoomed.second - zoomed.first), 1e-6 * end());

  widget_.setVisibleRange(100, 900);  // a discrete jump: its own history entry
  EXPECT_DOUBLE_EQ(widget_.visibleRange().first, 100.0);
  widget_.zoomBack();
  EXPECT_NE(widget_.visibleRange().first, 100.0);
  widget_.zoomForward();
  EXPECT_DOUBLE_EQ(widget_.visibleRange().first, 100.0);
  EXPECT_DOUBLE_EQ(widget_.visibleRange().second, 900.0);
  QTest::keyClick(&widget_, Qt::Key_Backspace);
  QTest::keyClick(&widget_, Qt::Key_Left, Qt::AltModifier);
  QTest::keyClick(&widget_, Qt::Key_Left, Qt::AltModifier);
  EXPECT_DOUBLE_EQ(widget_.visibleRange().first, full.first);
  EXPECT_DOUBLE_EQ(widget_.visibleRange().second, full.second);
  QTest::keyClick(&widget_, Qt::Key_Right, Qt::AltModifier);
  EXPECT_TRUE(widget_.canZoomForward());
  QTest::keyClick(&widget_, Qt::Key_S);  // a new view drops the forward list
  EXPECT_FALSE(widget_.canZoomForward());
}

TEST_F(TimelineWidgetTest, CtrlWheelZoomsAtTheCursor) {
  const QRect tracks = widget_.trackRect();
  const QPoint at(tracks.left() + tracks.width() / 4, tracks.top() + 40);
  const double t_before = widget_.timeAtX(at.x());
  const double span_before = widget_.visibleRange().second - widget_.visibleRange().first;
  QWheelEvent wheel(QPointF(at), QPointF(widget_.mapToGlobal(at)), QPoint(), QPoint(0, 240),
                    Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(&widget_, &wheel);
  const double span_after = widget_.visibleRange().second - widget_.visibleRange().first;
  EXPECT_NEAR(span_after, span_before / (1.25 * 1.25), 1e-6 * span_before);
  EXPECT_NEAR(widget_.timeAtX(at.x()), t_before, 2 * span_after / tracks.width());
}

TEST_F(TimelineWidgetTest, DragPansAndShiftDragSelectsARange) {
  widget_.setVisibleRange(end() * 0.25, end() * 0.5);
  const QRect tracks = widget_.trackRect();
  const int y = tracks.top() + 30;
  const double t0_before = widget_.visibleRange().first;
  const double cpp = (widget_.visibleRange().second - t0_before) / tracks.width();
  drag(&widget_, QPoint(tracks.left() + 400, y), QPoint(tracks.left() + 200, y), Qt::NoModifier);
  EXPECT_NEAR(widget_.visibleRange().first, t0_before + 200 * cpp, 1e-6 * end());

  QSignalSpy selected(&widget_, &TimelineWidget::rangeSelected);
  const int xa = tracks.left() + 100, xb = tracks.left() + 500;
  drag(&widget_, QPoint(xa, y), QPoint(xb, y), Qt::ShiftModifier);
  ASSERT_EQ(selected.count(), 1);
  const double a = selected[0][0].toDouble(), b = selected[0][1].toDouble();
  EXPECT_NEAR(a, widget_.timeAtX(xa), 1e-6);
  EXPECT_NEAR(b, widget_.timeAtX(xb), 1e-6);
  const QString text = selected[0][2].toString();
  EXPECT_TRUE(text.contains(QLatin1String("CUBE"))) << text.toStdString();
  EXPECT_TRUE(text.contains(QLatin1String("busy")));
  EXPECT_TRUE(text.contains(QLatin1String("bubbles")));
  EXPECT_TRUE(text.contains(QLatin1String("FLOP")));

  QTest::keyClick(&widget_, Qt::Key_F);  // frames the selection
  EXPECT_NEAR(widget_.visibleRange().first, a, 1e-6 * end());
  EXPECT_NEAR(widget_.visibleRange().second, b, 1e-6 * end());
}

TEST_F(TimelineWidgetTest, ClickSelectsAnOpAndItsFlags) {
  const Trace& trace = small_run()->trace;
  ASSERT_FALSE(trace.flags.empty());
  // A flag whose waiting op is on core 0 (expanded): click the middle of that op.
  const FlagEdge* edge = nullptr;
  for (const FlagEdge& e : trace.flags) {
    if (lane_core(trace.ops.lane[static_cast<std::size_t>(e.wait_op)]) == 0) {
      edge = &e;
      break;
    }
  }
  ASSERT_NE(edge, nullptr);
  const auto op = static_cast<std::size_t>(edge->wait_op);
  const double s = static_cast<double>(trace.ops.start[op]);
  const double e = static_cast<double>(trace.ops.end[op]);
  widget_.setVisibleRange(s - 4 * (e - s), e + 4 * (e - s));
  QSignalSpy spy(&widget_, &TimelineWidget::opSelected);
  const QPoint p = track_point((s + e) / 2, trace.ops.lane[op]);
  ASSERT_TRUE(widget_.trackRect().contains(p));
  QTest::mouseClick(&widget_, Qt::LeftButton, Qt::NoModifier, p);
  ASSERT_EQ(spy.count(), 1);
  EXPECT_EQ(spy[0][0].toLongLong(), edge->wait_op);
  EXPECT_EQ(widget_.selectedOp(), edge->wait_op);
  const QString tip = widget_.toolTipAt(p);
  EXPECT_TRUE(tip.contains(QLatin1String(op_kind_name(trace.ops.kind[op])))) << tip.toStdString();
  EXPECT_TRUE(tip.contains(QLatin1String("KV block")));
  EXPECT_TRUE(tip.contains(QLatin1String("cycles")));
  EXPECT_TRUE(tip.contains(QStringLiteral(" \u00b5s")));
  // The frame with arrows paints; clicking empty space clears.
  repaint();
  QTest::keyClick(&widget_, Qt::Key_Escape);
  EXPECT_EQ(widget_.selectedOp(), -1);
}

TEST_F(TimelineWidgetTest, LabelClickCollapsesAndExpandsCores) {
  const QRect tracks = widget_.trackRect();
  const int core0_y = tracks.top() + 5;
  QTest::mouseClick(&widget_, Qt::LeftButton, Qt::NoModifier, QPoint(20, core0_y));
  EXPECT_FALSE(widget_.coreExpanded(0));
  repaint();
  EXPECT_EQ(widget_.lastFrameStats().lane_rows, 0);
  QTest::mouseClick(&widget_, Qt::LeftButton, Qt::NoModifier, QPoint(20, core0_y));
  EXPECT_TRUE(widget_.coreExpanded(0));
  // A collapsed core's row tells its busy fraction.
  const QString tip =
      widget_.toolTipAt(QPoint(tracks.left() + tracks.width() / 2,
                               widget_.laneCenterY(lane_index(1, Unit::kAic, Pipe::kCube))));
  EXPECT_TRUE(tip.contains(QLatin1String("Core 1"))) << tip.toStdString();
  EXPECT_TRUE(tip.contains(QLatin1String("busy")));
}

TEST_F(TimelineWidgetTest, NullRunClears) {
  widget_.setRun(nullptr);
  repaint();
  EXPECT_EQ(widget_.lastFrameStats().ops_drawn, 0);
  EXPECT_TRUE(widget_.toolTipAt(QPoint(400, 300)).isEmpty());
}

// ---------------------------------------------------------------------------------------------
// Pieces

TEST(ZoomHistoryTest, BackForwardAndTruncation) {
  ZoomHistory h(3);
  EXPECT_FALSE(h.back({0, 1}).has_value());
  h.push({0, 10});
  h.push({0, 10});  // repeat ignored
  h.push({2, 8});
  EXPECT_EQ(*h.back({3, 4}), (TimeRange{2, 8}));
  EXPECT_EQ(*h.forward({2, 8}), (TimeRange{3, 4}));
  h.push({1, 2});
  h.push({5, 6});
  h.push({7, 9});  // capacity 3: the oldest entry goes
  int n = 0;
  TimeRange cur{0, 0};
  while (auto r = h.back(cur)) cur = *r, ++n;
  EXPECT_EQ(n, 3);
}

TEST(TimeAxisTest, NiceStepsAndShortLabelsDeepInside) {
  const TimeAxis a = make_time_axis(0, 1800 * 100, 1000, true, 1.8);  // 0..100 us
  ASSERT_GE(a.major.size(), 5u);
  EXPECT_EQ(a.major.front().label, QStringLiteral("0"));
  EXPECT_EQ(a.title, QStringLiteral("time (\u00b5s)"));
  EXPECT_TRUE(a.base.isEmpty());
  // 40 cycles around 200 ms: labels are offsets from a printed base.
  const TimeAxis deep = make_time_axis(3.6e8, 3.6e8 + 40, 1000, false, 1.8);
  EXPECT_FALSE(deep.base.isEmpty());
  for (const AxisTick& t : deep.major) EXPECT_LE(t.label.size(), 4) << t.label.toStdString();
  EXPECT_EQ(deep.title, QStringLiteral("time (cycles)"));
}

TEST(TimelineLayoutTest, RowsAndFitting) {
  CollapseState state(4, 1);
  const auto rows = build_rows(state, RowHeights{});
  // Core 0: header, 3 units, 13 lanes; cores 1..3 one row each.
  EXPECT_EQ(rows.size(), 1u + 3 + 13 + 3);
  EXPECT_EQ(row_showing_lane(rows, lane_index(0, Unit::kAiv1, Pipe::kMte3))->kind, RowKind::kLane);
  EXPECT_EQ(row_showing_lane(rows, lane_index(2, Unit::kAiv1, Pipe::kMte3))->kind, RowKind::kCore);
  CollapseState many(48, 1);
  const RowHeights fit = fit_row_heights(many, 800);
  EXPECT_LE(content_height(build_rows(many, fit)), 800);
  EXPECT_EQ(fit.lane, RowHeights{}.lane);  // lanes keep their size; summaries get thin
}

// ---------------------------------------------------------------------------------------------
// Export

TEST(TimelineExportTest, ImageHasTheAskedSize) {
  TimelineRenderOptions options;
  options.width = 800;
  options.height = 500;
  const QImage image = render_timeline_image(*small_run(), options);
  EXPECT_EQ(image.size(), QSize(800, 500));
  // Not blank: the CUBE colour family appears somewhere.
  bool red = false;
  for (int y = 0; y < image.height() && !red; y += 2) {
    for (int x = 0; x < image.width() && !red; x += 2) {
      const QColor c = image.pixelColor(x, y);
      red = c.red() > 150 && c.green() < 80 && c.blue() < 80;
    }
  }
  EXPECT_TRUE(red);
}

TEST(TimelineExportTest, WritesPngSvgAndPdf) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  TimelineRenderOptions options;
  options.width = 1000;
  options.height = 600;
  options.title = QStringLiteral("test figure");

  const QString png = dir.filePath(QStringLiteral("t.png"));
  ASSERT_EQ(export_timeline(*small_run(), options, png), QString());
  QImageReader reader(png);
  EXPECT_EQ(reader.format(), QByteArray("png"));
  EXPECT_EQ(reader.size(), QSize(1000, 600));

  const QString svg = dir.filePath(QStringLiteral("t.svg"));
  ASSERT_EQ(export_timeline(*small_run(), options, svg), QString());
  QFile svg_file(svg);
  ASSERT_TRUE(svg_file.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&svg_file);
  bool has_svg_root = false;
  while (!xml.atEnd()) {
    if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("svg")) {
      has_svg_root = true;
    }
  }
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  EXPECT_TRUE(has_svg_root);

  const QString pdf = dir.filePath(QStringLiteral("t.pdf"));
  ASSERT_EQ(export_timeline(*small_run(), options, pdf), QString());
  QFile pdf_file(pdf);
  ASSERT_TRUE(pdf_file.open(QIODevice::ReadOnly));
  EXPECT_TRUE(pdf_file.read(5) == QByteArray("%PDF-"));
  EXPECT_GT(pdf_file.size(), 1000);
}

TEST(TimelineExportTest, FailuresLeaveTheOldFile) {
  QTemporaryDir dir;
  TimelineRenderOptions options;
  options.width = 300;
  options.height = 200;
  const QString old_path = dir.filePath(QStringLiteral("keep.txt"));
  {
    QFile f(old_path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("old");
  }
  const QString unknown = export_timeline(*small_run(), options, old_path);
  EXPECT_TRUE(unknown.contains(QLatin1String("unknown file type"))) << unknown.toStdString();
  QFile f(old_path);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  EXPECT_EQ(f.readAll(), QByteArray("old"));

  const QString missing =
      export_timeline(*small_run(), options, dir.filePath(QStringLiteral("no/such/dir/t.png")));
  EXPECT_TRUE(missing.contains(QLatin1String("does not exist"))) << missing.toStdString();
  options.width = 2;
  EXPECT_FALSE(
      export_timeline(*small_run(), options, dir.filePath(QStringLiteral("s.png"))).isEmpty());
}

}  // namespace
}  // namespace amla::ui
