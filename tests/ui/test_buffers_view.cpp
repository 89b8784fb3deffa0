// The Buffers panel on Qt's offscreen platform with a small real run: one strip per buffer of
// the chosen core, x ranges kept in step, zoom and pan reported, bands when zoomed out and steps
// when zoomed in, the memory map accounting for every tensor in range, and exports (PNG at the
// exact size, SVG that parses, PDF) that fail cleanly.
// Core headers before Qt's: trace.h has a member named `slots`, which Qt's keyword macro erases.
#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"

#include <gtest/gtest.h>

#include <qwt_plot_canvas.h>
#include <qwt_scale_div.h>
#include <qwt_scale_map.h>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <QXmlStreamReader>
#include <cmath>
#include <memory>
#include <numeric>

#include "ui/buffers/buffer_units.h"
#include "ui/buffers/buffers_export.h"
#include "ui/buffers/buffers_view.h"
#include "ui/buffers/capacity_marker.h"
#include "ui/buffers/memory_map_layout.h"
#include "ui/buffers/memory_map_plot.h"
#include "ui/buffers/occupancy_plot.h"
#include "ui/common/time_range_control.h"

// Below this line no Qt declaration follows; the reference counts read Trace::slots directly.
#undef slots

namespace amla::ui {
namespace {

const char* const kBufferNames[] = {"L1",        "L0A",       "L0B",         "L0C",
                                    "UB (AIV0)", "UB (AIV1)", "GM workspace"};

// Intervals of a track overlapping [t0, t1) (zero-length ones inside it included), counted
// straight from the trace.
std::int64_t intervals_in_range(const amla::Trace& trace, int track, double t0, double t1) {
  std::int64_t n = 0;
  for (const amla::SlotInterval& s : trace.slot_intervals) {
    if (trace.place_of(s).track != track || s.start >= t1) continue;
    if (s.end > t0 || (s.end == s.start && s.start >= t0)) ++n;
  }
  return n;
}

std::int64_t counted(const std::vector<MemoryMapBar>& bars) {
  return std::accumulate(bars.begin(), bars.end(), std::int64_t{0},
                         [](std::int64_t sum, const MemoryMapBar& b) { return sum + b.count; });
}

int track_index(const amla::Trace& trace, int core, const std::string& name) {
  for (std::size_t i = 0; i < trace.buffers.size(); ++i) {
    if (trace.buffers[i].core == core && trace.buffers[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

double run_end(const amla::Trace& trace) {
  double end = 0;
  for (const amla::BufferTrack& t : trace.buffers) end = std::max(end, double(t.time.back()));
  return end;
}

class BuffersViewTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    amla::KernelConfig config;
    // Enough steps that a strip of the default width needs bands for L0B.
    config.problem.batch = 24;
    config.problem.kv_len = 4096;
    run_ = std::make_shared<const amla::SimulationRun>(
        amla::run_simulation(amla::find_preset("910B2"), config));
  }
  static void TearDownTestSuite() { run_.reset(); }

  void SetUp() override {
    view_ = std::make_unique<BuffersView>();
    view_->resize(1400, 1000);
    view_->setRun(run_);
  }

  // Paints a plot's canvas now, so its items decimate for the current range and width.
  static void paint(QwtPlot* plot) {
    plot->replot();
    plot->canvas()->grab();
  }

  static std::shared_ptr<const amla::SimulationRun> run_;
  std::unique_ptr<BuffersView> view_;
};

std::shared_ptr<const amla::SimulationRun> BuffersViewTest::run_;

TEST_F(BuffersViewTest, ShowsOneStripPerBufferOfTheChosenCore) {
  ASSERT_EQ(view_->trackCount(), 7);
  auto* combo = view_->findChild<QComboBox*>(QStringLiteral("buffersCoreCombo"));
  ASSERT_NE(combo, nullptr);
  EXPECT_EQ(combo->count(), run_->trace.cores);

  combo->setCurrentIndex(3);  // the user picks core 3
  EXPECT_EQ(view_->core(), 3);
  ASSERT_EQ(view_->trackCount(), 7);
  for (int i = 0; i < 7; ++i) {
    const amla::BufferTrack* t = view_->trackPlot(i)->track();
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->core, 3);
    EXPECT_EQ(t->name, kBufferNames[i]);
    // The capacity line sits inside the y range.
    EXPECT_GT(view_->trackPlot(i)->axisScaleDiv(QwtPlot::yLeft).upperBound(),
              t->capacity / view_->trackPlot(i)->byteUnit().bytes_per_unit);
  }
  EXPECT_EQ(view_->trackPlot(7), nullptr);

  view_->setCore(run_->trace.cores + 5);  // clamped, never out of range
  EXPECT_EQ(view_->core(), run_->trace.cores - 1);
  view_->setRun(nullptr);
  EXPECT_EQ(view_->trackCount(), 0);
}

// A strip's capacity label sits above the dashed line where the strip leaves room, else just
// below it, and inside the strip either way: in a short strip (the GM workspace's) it was cut by
// the strip's top edge.
TEST(CapacityMarkerTest, LabelGoesAboveTheLineWithRoomElseBelowInsideTheCanvas) {
  const QRectF canvas(0, 0, 400, 40);
  const QSizeF label(100, 12);
  const QRectF roomy = CapacityMarker::labelRect(canvas, 20, label);
  EXPECT_LE(roomy.bottom(), 20);
  EXPECT_GE(roomy.top(), canvas.top());
  const QRectF tight = CapacityMarker::labelRect(canvas, 8, label);
  EXPECT_GE(tight.top(), 8);
  EXPECT_TRUE(canvas.contains(tight));
  EXPECT_LE(tight.right(), canvas.right());
}

TEST_F(BuffersViewTest, EveryStripsCapacityUsesTheMarkerThatKeepsItsLabelInside) {
  for (int i = 0; i < view_->trackCount(); ++i) {
    const QwtPlotItemList markers = view_->trackPlot(i)->itemList(QwtPlotItem::Rtti_PlotMarker);
    ASSERT_EQ(markers.size(), 1) << i;
    EXPECT_NE(dynamic_cast<const CapacityMarker*>(markers.front()), nullptr) << i;
  }
}

TEST_F(BuffersViewTest, SetVisibleRangeMovesEveryAxis) {
  QSignalSpy changed(view_->timeControl(), &TimeRangeControl::rangeChanged);
  const double t0 = 1000, t1 = 25000;
  view_->setVisibleRange(t0, t1);
  const TimeUnit us = time_unit(run_->trace.clock_ghz, true);
  QList<QwtPlot*> plots;
  for (int i = 0; i < view_->trackCount(); ++i) plots << view_->trackPlot(i);
  plots << view_->memoryMap();
  for (QwtPlot* plot : plots) {
    const QwtScaleDiv& div = plot->axisScaleDiv(QwtPlot::xBottom);
    EXPECT_DOUBLE_EQ(div.lowerBound(), us.fromCycles(t0));
    EXPECT_DOUBLE_EQ(div.upperBound(), us.fromCycles(t1));
  }
  view_->setTimeUnitMicroseconds(false);
  for (QwtPlot* plot : plots) {
    EXPECT_DOUBLE_EQ(plot->axisScaleDiv(QwtPlot::xBottom).lowerBound(), t0);
    EXPECT_DOUBLE_EQ(plot->axisScaleDiv(QwtPlot::xBottom).upperBound(), t1);
  }
  EXPECT_EQ(changed.count(), 1);  // announced once, by the controller; a unit change is no move

  view_->setVisibleRange(0, 0);  // t1 <= t0: the whole run
  EXPECT_EQ(view_->visibleStart(), 0);
  EXPECT_EQ(view_->visibleEnd(), run_end(run_->trace));
}

TEST_F(BuffersViewTest, CtrlWheelZoomsAtTheCursorAndDragPans) {
  view_->show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(view_.get()));
  view_->setTimeUnitMicroseconds(false);
  QSignalSpy changed(view_->timeControl(), &TimeRangeControl::rangeChanged);
  OccupancyPlot* l0c = view_->trackPlot(3);
  QWidget* canvas = l0c->canvas();
  const QPoint at(canvas->width() / 4, canvas->height() / 2);
  const double anchor = l0c->invTransform(QwtPlot::xBottom, at.x());
  const double width0 = view_->visibleEnd() - view_->visibleStart();

  QWheelEvent plain(at, canvas->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(canvas, &plain);
  EXPECT_EQ(changed.count(), 0);  // a plain wheel scrolls, it does not zoom

  QWheelEvent zoom(at, canvas->mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton,
                   Qt::ControlModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(canvas, &zoom);
  ASSERT_EQ(changed.count(), 1);
  const double t0 = changed.at(0).at(0).toDouble();
  const double t1 = changed.at(0).at(1).toDouble();
  EXPECT_NEAR(t1 - t0, width0 * 0.64, 1e-6 * width0);
  // The time under the cursor stays under the cursor.
  EXPECT_NEAR(l0c->invTransform(QwtPlot::xBottom, at.x()), anchor, 1e-6 * width0 + 1);
  for (int i = 0; i < view_->trackCount(); ++i) {
    EXPECT_DOUBLE_EQ(view_->trackPlot(i)->axisScaleDiv(QwtPlot::xBottom).lowerBound(), t0);
  }
  EXPECT_DOUBLE_EQ(view_->memoryMap()->axisScaleDiv(QwtPlot::xBottom).upperBound(), t1);

  // Drag 100 px to the left on the memory map: later times come into view.
  QWidget* map_canvas = view_->memoryMap()->canvas();
  const QPoint from(map_canvas->width() / 2, map_canvas->height() / 2);
  const QPoint to = from - QPoint(100, 0);
  QMouseEvent press(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
  QMouseEvent move(QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
  QMouseEvent release(QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
  QApplication::sendEvent(map_canvas, &press);
  QApplication::sendEvent(map_canvas, &move);
  QApplication::sendEvent(map_canvas, &release);
  ASSERT_EQ(changed.count(), 2);
  const double p0 = changed.at(1).at(0).toDouble();
  const double p1 = changed.at(1).at(1).toDouble();
  EXPECT_NEAR(p1 - p0, t1 - t0, 1e-6 * width0);
  EXPECT_NEAR(p0 - t0, 100.0 * (t1 - t0) / map_canvas->contentsRect().width(), 1e-6 * width0);
  EXPECT_DOUBLE_EQ(view_->trackPlot(0)->axisScaleDiv(QwtPlot::xBottom).lowerBound(), p0);
}

TEST_F(BuffersViewTest, BandsWhenZoomedOutStepsWhenZoomedIn) {
  OccupancyPlot* l0b = view_->trackPlot(2);
  paint(l0b);
  const int width = l0b->canvas()->contentsRect().width();
  ASSERT_GT(l0b->track()->time.size() * OccupancyCache::kMinPixelsPerStep, width);
  EXPECT_FALSE(l0b->detailed());
  // One bucket per pixel column the x map spans.
  const QwtScaleMap x = l0b->canvasMap(QwtPlot::xBottom);
  EXPECT_EQ(l0b->cache().buckets().size(), static_cast<std::size_t>(std::lround(x.pDist())));
  // A window holding a handful of steps.
  const auto& time = l0b->track()->time;
  const std::size_t mid = time.size() / 2;
  view_->setVisibleRange(double(time[mid]) - 0.5, double(time[mid + 4]) + 0.5);
  paint(l0b);
  EXPECT_TRUE(l0b->detailed());
  EXPECT_EQ(l0b->cache().lastStep() - l0b->cache().firstStep(), 5u);
}

TEST_F(BuffersViewTest, MemoryMapAccountsForEveryTensorInRange) {
  view_->show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(view_.get()));
  MemoryMapPlot* map = view_->memoryMap();
  const amla::Trace& trace = run_->trace;
  const double end = run_end(trace);
  for (int buffer : {0, 3, 6}) {  // L1, L0C, GM workspace
    view_->setMapBuffer(buffer);
    const int track = track_index(trace, view_->core(), kBufferNames[buffer]);
    ASSERT_EQ(map->item()->index().track, track);
    for (const auto& [t0, t1] :
         {std::pair<double, double>{0, end}, std::pair<double, double>{end * 0.4, end * 0.45}}) {
      view_->setVisibleRange(t0, t1);
      const std::int64_t expected = intervals_in_range(trace, track, t0, t1);
      ASSERT_GT(expected, 0) << kBufferNames[buffer];
      EXPECT_EQ(counted(map->visibleBars()), expected) << kBufferNames[buffer];
    }
  }
  // Zoomed far out the narrow tensors fold, yet the counts still add up; at cycle resolution
  // nothing folds.
  view_->setMapBuffer(0);
  const MemoryMapIndex& index = map->item()->index();
  const auto coarse = layout_memory_map(trace, index, 0, end, end / 20);
  EXPECT_LT(coarse.size(), static_cast<std::size_t>(index.interval_count));
  EXPECT_EQ(counted(coarse), intervals_in_range(trace, index.track, 0, end));
  const auto fine = layout_memory_map(trace, index, 0, end, 1.0 / 64);
  EXPECT_EQ(fine.size(), static_cast<std::size_t>(index.interval_count));

  // The tooltip names the tensor under the mouse.
  view_->setVisibleRange(end * 0.4, end * 0.45);
  const std::vector<MemoryMapBar> bars = map->visibleBars();
  ASSERT_FALSE(bars.empty());
  const QRectF r = map->item()->barRect(bars.front(), map->canvasMap(QwtPlot::xBottom),
                                        map->canvasMap(QwtPlot::yLeft));
  const QString tip = map->describeAt(r.center().toPoint());
  EXPECT_TRUE(tip.contains(QString::fromLatin1(amla::op_kind_name(bars.front().kind))))
      << tip.toStdString();
  EXPECT_TRUE(tip.contains(QStringLiteral("slot"))) << tip.toStdString();
}

TEST_F(BuffersViewTest, ExportsPngSvgAndPdfAtTheAskedSize) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  BuffersRenderOptions options;
  options.width = 1234;
  options.height = 777;
  options.core = 1;

  const QImage image = render_buffers_image(*run_, options);
  EXPECT_EQ(image.size(), QSize(1234, 777));

  const QString png = dir.filePath(QStringLiteral("buffers.png"));
  ASSERT_EQ(export_buffers(*run_, options, png), QString());
  const QImage read(png);
  EXPECT_EQ(read.size(), QSize(1234, 777));
  EXPECT_EQ(QImageReader(png).format(), QByteArray("png"));
  int coloured = 0;
  for (int y = 0; y < read.height(); y += 3) {
    for (int x = 0; x < read.width(); x += 3) coloured += read.pixelColor(x, y).saturation() > 60;
  }
  EXPECT_GT(coloured, 2000);  // occupancy fills, capacity lines, memory map bars

  options.t0_cycles = 2000;
  options.t1_cycles = 9000;
  options.microseconds = false;
  const QString svg = dir.filePath(QStringLiteral("buffers.svg"));
  ASSERT_EQ(export_buffers(*run_, options, svg), QString());
  QFile svg_file(svg);
  ASSERT_TRUE(svg_file.open(QIODevice::ReadOnly));
  const QByteArray svg_text = svg_file.readAll();
  QXmlStreamReader xml(svg_text);
  ASSERT_TRUE(xml.readNextStartElement());
  EXPECT_EQ(xml.name().toString(), QStringLiteral("svg"));
  while (!xml.atEnd()) xml.readNext();
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  EXPECT_TRUE(svg_text.contains("capacity")) << "the capacity lines are labelled";
  EXPECT_TRUE(svg_text.contains("time (cycles)"));

  const QString pdf = dir.filePath(QStringLiteral("buffers.pdf"));
  ASSERT_EQ(export_buffers(*run_, options, pdf), QString());
  QFile pdf_file(pdf);
  ASSERT_TRUE(pdf_file.open(QIODevice::ReadOnly));
  EXPECT_EQ(pdf_file.read(4), QByteArray("%PDF"));
  EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files).size(), 3);  // no temporary files left
}

TEST_F(BuffersViewTest, FailedExportReportsAndLeavesNoFile) {
  BuffersRenderOptions options;
  const QString missing = QStringLiteral("/nonexistent-amla-dir/buffers.png");
  const QString error = export_buffers(*run_, options, missing);
  EXPECT_TRUE(error.contains(QStringLiteral("does not exist"))) << error.toStdString();
  EXPECT_FALSE(QFileInfo::exists(missing));

  QTemporaryDir dir;
  const QString bmp = dir.filePath(QStringLiteral("buffers.bmp"));
  EXPECT_TRUE(export_buffers(*run_, options, bmp).contains(QStringLiteral("unknown file type")));
  EXPECT_FALSE(QFileInfo::exists(bmp));

  // A refused export leaves the old file as it was.
  const QString old = dir.filePath(QStringLiteral("old.png"));
  {
    QFile f(old);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("old contents");
  }
  BuffersRenderOptions bad_core = options;
  bad_core.core = run_->trace.cores;
  EXPECT_TRUE(export_buffers(*run_, bad_core, old).contains(QStringLiteral("core")));
  BuffersRenderOptions bad_size = options;
  bad_size.width = 3;
  EXPECT_FALSE(export_buffers(*run_, bad_size, old).isEmpty());
  EXPECT_TRUE(render_buffers_image(*run_, bad_size).isNull());
  QFile f(old);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  EXPECT_EQ(f.readAll(), QByteArray("old contents"));
  EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("old.png")});
}

}  // namespace
}  // namespace amla::ui
