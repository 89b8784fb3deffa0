// The Sweep and A/B compare pages on Qt's offscreen platform: a small sweep through the page
// (cells, the invalid cell's message, the best cell, clicks), field validation, the cache, a
// cancelled sweep that leaves the previous result alone, heatmap images in three formats, and the
// compare page's delta table and synchronised zoom.
#include <gtest/gtest.h>

#include <qwt_plot_canvas.h>
#include <qwt_scale_draw.h>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHelpEvent>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QXmlStreamReader>
#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "core/hw/hardware_presets.h"
#include "core/run/metric_catalogue.h"
#include "core/run/simulation_run.h"
#include "core/sweep/knobs.h"
#include "ui/common/time_range_control.h"
#include "ui/compare/ab_state.h"
#include "ui/compare/compare_figure.h"
#include "ui/compare/compare_page.h"
#include "ui/sweep/sweep_heatmap.h"
#include "ui/sweep/sweep_heatmap_export.h"
#include "ui/sweep/sweep_page.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {
namespace {

constexpr int kSweepTimeoutMs = 120000;

template <typename T>
T* child(QObject* parent, const char* name) {
  T* found = parent->findChild<T*>(QString::fromLatin1(name));
  EXPECT_NE(found, nullptr) << "no child named " << name;
  return found;
}

amla::RunConfig small_base() {
  amla::RunConfig c;
  c.hardware = amla::find_preset("910B2");
  c.kernel.problem.batch = 2;
  c.kernel.problem.kv_len = 2048;
  return c;
}

std::string json_of(const amla::RunConfig& c) { return amla::run_config_to_json(c).dump(); }

// Sets a parameter's knob and values the way a user would.
void set_parameter(SweepPage* page, int number, const QString& knob, const QString& values) {
  auto* combo = child<QComboBox>(page, QStringLiteral("param%1Knob").arg(number).toLatin1());
  combo->setCurrentIndex(combo->findData(knob));
  auto* edit = child<QLineEdit>(page, QStringLiteral("param%1Values").arg(number).toLatin1());
  edit->clear();
  QTest::keyClicks(edit, values);
}

// Clicks Run and waits for sweepFinished; returns its argument.
std::optional<bool> run_and_wait(SweepPage* page) {
  QSignalSpy done(page, &SweepPage::sweepFinished);
  auto* run = child<QPushButton>(page, "runButton");
  EXPECT_TRUE(run->isEnabled());
  QTest::mouseClick(run, Qt::LeftButton);
  if (done.isEmpty() && !done.wait(kSweepTimeoutMs)) return std::nullopt;
  return done.takeFirst().at(0).toBool();
}

// The best cell by the metric, computed here from the cells.
int argmax(const amla::SweepResult& r) {
  const bool higher = amla::find_sweep_metric(r.metric).better == amla::Better::kHigher;
  int best = -1;
  for (int i = 0; i < static_cast<int>(r.cells.size()); ++i) {
    const auto& c = r.cells[static_cast<std::size_t>(i)];
    if (!c.valid) continue;
    const double v = amla::sweep_metric_value(c, r.metric);
    if (best < 0) {
      best = i;
      continue;
    }
    const double b = amla::sweep_metric_value(r.cells[static_cast<std::size_t>(best)], r.metric);
    if (higher ? v > b : v < b) best = i;
  }
  return best;
}

bool svg_parses(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return false;
  QXmlStreamReader xml(&file);
  bool saw_svg = false;
  while (!xml.atEnd()) {
    if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("svg")) {
      saw_svg = true;
    }
  }
  return saw_svg && !xml.hasError();
}

QByteArray head_of(const QString& path, int n) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.read(n);
}

class SweepPageTest : public ::testing::Test {
 protected:
  // One page and one small sweep for the suite: the simulations are the expensive part.
  static void SetUpTestSuite() {
    page_ = new SweepPage();
    page_->resize(1300, 800);
    page_->setBaseConfig(small_base());
    page_->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(page_));
    child<QSpinBox>(page_, "jobsSpin")->setValue(2);
    set_parameter(page_, 1, QStringLiteral("rows-per-task"), QStringLiteral("64,128"));
    // 2048-token blocks need 8 resident P~ tiles, more than the 4 QP buffers: that column is
    // invalid.
    set_parameter(page_, 2, QStringLiteral("kv-block"), QStringLiteral("256,2048"));
    const auto ok = run_and_wait(page_);
    ASSERT_TRUE(ok.has_value()) << "the sweep did not finish";
    ASSERT_TRUE(*ok);
  }
  static void TearDownTestSuite() {
    delete page_;
    page_ = nullptr;
  }
  static SweepPage* page_;
};

SweepPage* SweepPageTest::page_ = nullptr;

TEST_F(SweepPageTest, ShowsEveryCellWithInvalidOnesExplained) {
  const amla::SweepResult* r = page_->lastResult();
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->cells.size(), 4u);
  SweepHeatmap* map = page_->heatmap();
  EXPECT_EQ(map->result(), r);
  EXPECT_EQ(map->rowCount(), 2);
  EXPECT_EQ(map->columnCount(), 2);
  for (int i = 0; i < 4; ++i) {
    const auto& cell = r->cells[static_cast<std::size_t>(i)];
    EXPECT_EQ(map->cellAt(map->canvasPointOfCell(i)), i);
    EXPECT_EQ(cell.valid, cell.values[1] == "256") << i;
    if (cell.valid) {
      EXPECT_EQ(map->cellText(i).toStdString(),
                amla::format_metric(*amla::find_metric(r->metric),
                                    amla::sweep_metric_value(cell, r->metric)));
      continue;
    }
    EXPECT_EQ(cell.reason_field, "tiling.qp_buffers");
    EXPECT_TRUE(map->cellText(i).contains(QStringLiteral("invalid")))
        << map->cellText(i).toStdString();
    EXPECT_TRUE(map->cellToolTip(i).contains(QStringLiteral("--kv-block"))) << i;
    EXPECT_TRUE(map->cellToolTip(i).contains(QString::fromStdString(cell.reason)));
  }
  // Hovering the invalid cell shows the reason as the tooltip.
  QWidget* canvas = map->canvas();
  const QPoint at = map->canvasPointOfCell(1);
  QHelpEvent help(QEvent::ToolTip, at, canvas->mapToGlobal(at));
  QApplication::sendEvent(canvas, &help);
  EXPECT_TRUE(QToolTip::text().contains(QStringLiteral("--kv-block")))
      << QToolTip::text().toStdString();
  // The axes are labelled with the values, not positions.
  EXPECT_EQ(map->axisScaleDraw(QwtPlot::xBottom)->label(1).text(), QStringLiteral("2048"));
  EXPECT_EQ(map->axisScaleDraw(QwtPlot::yLeft)->label(0).text(), QStringLiteral("64"));
  EXPECT_EQ(map->axisTitle(QwtPlot::yRight).text(), QStringLiteral("FLOPS utilisation (%)"));
}

TEST_F(SweepPageTest, BestCellIsTheArgmax) {
  const amla::SweepResult* r = page_->lastResult();
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->best, argmax(*r));
  EXPECT_GE(r->best, 0);
  auto* status = child<QLabel>(page_, "statusLabel");
  EXPECT_TRUE(status->text().contains(QStringLiteral("4 cells"))) << status->text().toStdString();
  EXPECT_TRUE(status->text().contains(QStringLiteral("2 invalid")));
}

TEST_F(SweepPageTest, ClickingAValidCellOpensItsRunAndInvalidDoesNot) {
  const amla::SweepResult* r = page_->lastResult();
  ASSERT_NE(r, nullptr);
  std::vector<std::string> opened;
  auto connection =
      QObject::connect(page_, &SweepPage::openRunRequested,
                       [&](const amla::RunConfig& c) { opened.push_back(json_of(c)); });
  SweepHeatmap* map = page_->heatmap();
  QTest::mouseClick(map->canvas(), Qt::LeftButton, {}, map->canvasPointOfCell(2));
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0], json_of(r->cells[2].config));
  QTest::mouseClick(map->canvas(), Qt::LeftButton, {}, map->canvasPointOfCell(3));
  EXPECT_EQ(opened.size(), 1u);  // invalid
  EXPECT_TRUE(child<QLabel>(page_, "statusLabel")->text().contains(QStringLiteral("--kv-block")));
  QObject::disconnect(connection);

  std::vector<std::string> best;
  connection = QObject::connect(page_, &SweepPage::compareWithBestRequested,
                                [&](const amla::RunConfig& c) { best.push_back(json_of(c)); });
  auto* button = child<QPushButton>(page_, "compareBestButton");
  ASSERT_TRUE(button->isEnabled());
  QTest::mouseClick(button, Qt::LeftButton);
  ASSERT_EQ(best.size(), 1u);
  EXPECT_EQ(best[0], json_of(r->cells[static_cast<std::size_t>(r->best)].config));
  QObject::disconnect(connection);
}

TEST_F(SweepPageTest, BadParameterTextIsShownAndDisablesRun) {
  auto* run = child<QPushButton>(page_, "runButton");
  auto* error1 = child<QLabel>(page_, "param1Error");
  auto* error2 = child<QLabel>(page_, "param2Error");
  EXPECT_TRUE(run->isEnabled());
  EXPECT_TRUE(error1->isHidden());

  set_parameter(page_, 1, QStringLiteral("rows-per-task"), QStringLiteral("64,,128"));
  EXPECT_FALSE(run->isEnabled());
  EXPECT_FALSE(error1->isHidden());
  EXPECT_TRUE(error1->text().contains(QStringLiteral("rows-per-task")))
      << error1->text().toStdString();

  set_parameter(page_, 1, QStringLiteral("rows-per-task"), QStringLiteral("64,abc"));
  EXPECT_FALSE(run->isEnabled());
  EXPECT_TRUE(error1->text().contains(QStringLiteral("--rows-per-task")));

  set_parameter(page_, 1, QStringLiteral("rows-per-task"), QStringLiteral("64,128"));
  set_parameter(page_, 2, QStringLiteral("rows-per-task"), QStringLiteral("64"));
  EXPECT_FALSE(run->isEnabled());
  EXPECT_FALSE(error2->isHidden());

  set_parameter(page_, 2, QStringLiteral("kv-block"), QStringLiteral("256,2048"));
  EXPECT_TRUE(run->isEnabled());
  EXPECT_TRUE(error1->isHidden());
  EXPECT_TRUE(error2->isHidden());
}

TEST_F(SweepPageTest, RepeatedSweepComesFromTheCache) {
  const amla::SweepResult* before = page_->lastResult();
  ASSERT_NE(before, nullptr);
  const std::vector<amla::SweepCell> cells = before->cells;
  const auto ok = run_and_wait(page_);
  ASSERT_TRUE(ok.has_value() && *ok);
  const amla::SweepResult* after = page_->lastResult();
  ASSERT_EQ(after->cells.size(), cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    EXPECT_TRUE(after->cells[i].from_cache);
    EXPECT_EQ(after->cells[i].metrics.makespan_cycles, cells[i].metrics.makespan_cycles);
  }
  EXPECT_TRUE(child<QLabel>(page_, "statusLabel")->text().contains(QStringLiteral("4 from cache")));
}

TEST_F(SweepPageTest, CancelLeavesThePreviousResult) {
  const amla::SweepResult* before = page_->lastResult();
  ASSERT_NE(before, nullptr);
  const std::size_t cells_before = before->cells.size();
  // A larger sweep on one job, on a base the cache has never seen: 48 cells of about 0.1 to
  // 0.4 s each, so the first cell finishes long before the last.
  amla::RunConfig base = small_base();
  base.kernel.problem.batch = 8;
  base.kernel.problem.kv_len = 8192;
  page_->setBaseConfig(base);
  child<QSpinBox>(page_, "jobsSpin")->setValue(1);
  set_parameter(page_, 1, QStringLiteral("rows-per-task"),
                QStringLiteral("16,32,48,64,80,96,112,128"));
  set_parameter(page_, 2, QStringLiteral("kv-block"), QStringLiteral("128,256,384,512,640,768"));
  QSignalSpy done(page_, &SweepPage::sweepFinished);
  auto* progress = child<QProgressBar>(page_, "progressBar");
  page_->startSweep();
  ASSERT_TRUE(page_->isRunning());
  EXPECT_EQ(progress->maximum(), 48);
  EXPECT_TRUE(child<QPushButton>(page_, "cancelButton")->isEnabled());
  EXPECT_FALSE(child<QPushButton>(page_, "runButton")->isEnabled());
  // Mid-way: after the first cells, long before the last.
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return progress->value() >= 1 || !done.isEmpty(); }, kSweepTimeoutMs));
  ASSERT_TRUE(done.isEmpty()) << "the sweep finished before it could be cancelled";
  QTest::mouseClick(child<QPushButton>(page_, "cancelButton"), Qt::LeftButton);
  ASSERT_TRUE(done.wait(kSweepTimeoutMs));
  EXPECT_FALSE(done.takeFirst().at(0).toBool());
  EXPECT_FALSE(page_->isRunning());
  EXPECT_EQ(page_->lastResult(), before);
  EXPECT_EQ(page_->lastResult()->cells.size(), cells_before);
  EXPECT_EQ(page_->heatmap()->result(), before);
  EXPECT_TRUE(child<QPushButton>(page_, "runButton")->isEnabled());
  // Back to the suite's sweep for any test after this one.
  page_->setBaseConfig(small_base());
  child<QSpinBox>(page_, "jobsSpin")->setValue(2);
  set_parameter(page_, 1, QStringLiteral("rows-per-task"), QStringLiteral("64,128"));
  set_parameter(page_, 2, QStringLiteral("kv-block"), QStringLiteral("256,2048"));
}

TEST_F(SweepPageTest, HeatmapRendersAndExportsInThreeFormats) {
  const amla::SweepResult* r = page_->lastResult();
  ASSERT_NE(r, nullptr);
  const QImage image = render_sweep_heatmap(*r, 900, 560);
  EXPECT_EQ(image.size(), QSize(900, 560));
  // Not blank: the cells bring colour.
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 7) {
    for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
  }
  EXPECT_GT(colours.size(), 20);

  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString png = dir.filePath(QStringLiteral("sweep.png"));
  const QString svg = dir.filePath(QStringLiteral("sweep.svg"));
  const QString pdf = dir.filePath(QStringLiteral("sweep.pdf"));
  // At a figure's printed size and DPI, as every figure.
  const amla::FigureSpec figure = amla::parse_figure("column");
  EXPECT_EQ(export_sweep_heatmap(*r, figure, png), QString());
  EXPECT_EQ(QImageReader(png).size(), QSize(figure.width_pixels(), figure.height_pixels()));
  EXPECT_EQ(export_sweep_heatmap(*r, figure, svg), QString());
  EXPECT_TRUE(svg_parses(svg));
  EXPECT_EQ(export_sweep_heatmap(*r, figure, pdf), QString());
  EXPECT_EQ(head_of(pdf, 5), QByteArray("%PDF-"));
  // Failures say why and leave nothing behind.
  EXPECT_FALSE(export_sweep_heatmap(*r, figure, dir.filePath(QStringLiteral("x.bmp"))).isEmpty());
  amla::FigureSpec narrow = figure;
  narrow.width_mm = amla::FigureSpec::kMinSideMm / 2;
  EXPECT_FALSE(export_sweep_heatmap(*r, narrow, dir.filePath(QStringLiteral("y.png"))).isEmpty());
  EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 3);
  // The page hands the heatmap to File > Export.
  EXPECT_EQ(page_->currentPlot(), page_->heatmap());
}

TEST(SweepHeatmapTest, OneParameterIsOneRow) {
  amla::SweepOptions options;
  options.jobs = 2;
  options.metric = "makespan_us";
  const amla::SweepResult r =
      amla::run_sweep(small_base(), {amla::parse_sweep_parameter("preload=0,1,2")}, options);
  SweepHeatmap map;
  map.resize(700, 300);
  map.setResult(std::make_shared<const amla::SweepResult>(r));
  map.replot();
  EXPECT_EQ(map.rowCount(), 1);
  EXPECT_EQ(map.columnCount(), 3);
  EXPECT_EQ(map.axisScaleDraw(QwtPlot::xBottom)->label(2).text(), QStringLiteral("2"));
  EXPECT_TRUE(map.title().text().contains(QStringLiteral("makespan")));
  EXPECT_TRUE(map.title().text().contains(QStringLiteral("preload")));
  EXPECT_EQ(render_sweep_heatmap(r, 640, 200).size(), QSize(640, 200));
}

// ---------------------------------------------------------------------------------------------
// A/B compare

SimulationPtr simulate(int rows_per_task) {
  amla::RunConfig c = small_base();
  c.kernel.tiling.blocking.rows_per_task = rows_per_task;
  return std::make_shared<const amla::SimulationRun>(amla::run_simulation(c.hardware, c.kernel));
}

int row_of(QTableWidget* table, const QString& label) {
  for (int r = 0; r < table->rowCount(); ++r) {
    if (table->verticalHeaderItem(r)->text() == label) return r;
  }
  ADD_FAILURE() << "no row " << label.toStdString();
  return 0;
}

double number_at(QTableWidget* table, int row, int column) {
  return table->item(row, column)->data(Qt::UserRole).toDouble();
}

class ComparePageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    a_ = simulate(64);
    b_ = simulate(128);
  }
  static SimulationPtr a_;
  static SimulationPtr b_;
};

SimulationPtr ComparePageTest::a_;
SimulationPtr ComparePageTest::b_;

TEST_F(ComparePageTest, DeltaTableMatchesTheMetrics) {
  ComparePage page;
  page.setRunA(a_);
  page.setRunB(b_);
  EXPECT_EQ(page.runA(), a_);
  EXPECT_EQ(page.runB(), b_);
  QTableWidget* table = page.deltaTable();
  const amla::SimulationMetrics& ma = a_->metrics;
  const amla::SimulationMetrics& mb = b_->metrics;
  ASSERT_NE(ma.makespan_cycles, mb.makespan_cycles) << "the two runs should differ";

  const int makespan = row_of(table, QStringLiteral("makespan"));
  EXPECT_DOUBLE_EQ(number_at(table, makespan, 0), ma.makespan_us);
  EXPECT_DOUBLE_EQ(number_at(table, makespan, 1), mb.makespan_us);
  EXPECT_DOUBLE_EQ(number_at(table, makespan, 2), mb.makespan_us - ma.makespan_us);
  EXPECT_DOUBLE_EQ(number_at(table, makespan, 3), mb.makespan_us / ma.makespan_us);
  EXPECT_EQ(table->item(makespan, 1)->text(),
            QString::number(mb.makespan_us, 'f', 2) + QStringLiteral(" \u00b5s"));
  // Shorter is better: green; longer: red.
  const QColor ink = table->item(makespan, 2)->foreground().color();
  if (mb.makespan_us < ma.makespan_us) {
    EXPECT_GT(ink.green(), ink.red());
  } else {
    EXPECT_GT(ink.red(), ink.green());
  }

  const int util = row_of(table, QStringLiteral("FLOPS utilisation"));
  EXPECT_DOUBLE_EQ(number_at(table, util, 2), mb.flops_utilization - ma.flops_utilization);
  EXPECT_TRUE(table->item(util, 3)->text().isEmpty());  // no ratio of percentages
  const int hbm = row_of(table, QStringLiteral("HBM traffic"));
  EXPECT_DOUBLE_EQ(number_at(table, hbm, 2), mb.hbm_bytes - ma.hbm_bytes);
  const int l2 = row_of(table, QStringLiteral("L2 traffic"));
  EXPECT_DOUBLE_EQ(number_at(table, l2, 0), ma.l2_bytes);
  const int bound = row_of(table, QStringLiteral("bound"));
  EXPECT_EQ(table->item(bound, 0)->text(), QString::fromStdString(ma.bound));
  // One row per unit's pipe, never averaged across units.
  for (const auto& [unit, pipe] : {std::pair{amla::Unit::kAic, amla::Pipe::kCube},
                                   std::pair{amla::Unit::kAic, amla::Pipe::kMte2},
                                   std::pair{amla::Unit::kAic, amla::Pipe::kFixp},
                                   std::pair{amla::Unit::kAiv0, amla::Pipe::kVector},
                                   std::pair{amla::Unit::kAiv1, amla::Pipe::kMte2}}) {
    const int r = row_of(table, QStringLiteral("%1 %2 busy")
                                    .arg(QLatin1String(amla::unit_name(unit)),
                                         QLatin1String(amla::pipe_name(pipe))));
    EXPECT_DOUBLE_EQ(number_at(table, r, 2),
                     mb.pipe(unit, pipe).busy_fraction - ma.pipe(unit, pipe).busy_fraction)
        << amla::unit_name(unit) << " " << amla::pipe_name(pipe);
  }
  // Titles name what differs.
  EXPECT_TRUE(child<QLabel>(&page, "titleA")->text().contains(QStringLiteral("rows-per-task 64")));
  EXPECT_TRUE(child<QLabel>(&page, "titleB")->text().contains(QStringLiteral("rows-per-task 128")));
  EXPECT_TRUE(child<QLabel>(&page, "titleB")->text().contains(QStringLiteral("910B2")));

  // Swapping turns the deltas around.
  page.swapRuns();
  EXPECT_EQ(page.runA(), b_);
  EXPECT_DOUBLE_EQ(number_at(table, makespan, 2), ma.makespan_us - mb.makespan_us);
}

TEST_F(ComparePageTest, ZoomingOneTimelineMovesTheOther) {
  ComparePage page;
  page.resize(1400, 900);
  page.setRunA(a_);
  page.setRunB(b_);
  page.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
  TimelineWidget* ta = page.timelineA();
  TimelineWidget* tb = page.timelineB();
  ta->setFocus();
  const auto before = ta->visibleRange();
  QTest::keyClick(ta, Qt::Key_W);  // zoom in
  const auto zoomed = ta->visibleRange();
  EXPECT_LT(zoomed.second - zoomed.first, before.second - before.first);
  EXPECT_DOUBLE_EQ(tb->visibleRange().first, zoomed.first);
  EXPECT_DOUBLE_EQ(tb->visibleRange().second, zoomed.second);
  // And the other way round.
  tb->setFocus();
  QTest::keyClick(tb, Qt::Key_W);
  EXPECT_DOUBLE_EQ(ta->visibleRange().first, tb->visibleRange().first);
  EXPECT_DOUBLE_EQ(ta->visibleRange().second, tb->visibleRange().second);
  EXPECT_LT(ta->visibleRange().second - ta->visibleRange().first, zoomed.second - zoomed.first);
}

TEST_F(ComparePageTest, BothTimelinesObserveOneRangeOverTheLongerRun) {
  ComparePage page;
  EXPECT_EQ(page.timelineA()->timeControl(), page.timeControl());
  EXPECT_EQ(page.timelineB()->timeControl(), page.timeControl());
  page.setRunA(a_);
  page.setRunB(b_);
  EXPECT_DOUBLE_EQ(page.timeControl()->traceEnd(),
                   std::max(run_end_cycles(*a_), run_end_cycles(*b_)));
  EXPECT_FALSE(page.timeControl()->isZoomed());  // both shown whole
  // A zoom the user chose survives a new run and a swap.
  page.timeControl()->requestRange(1000, 9000);
  page.setRunB(a_);
  EXPECT_EQ(page.timeControl()->range(), std::make_pair(1000.0, 9000.0));
  page.swapRuns();
  EXPECT_EQ(page.timelineA()->visibleRange(), std::make_pair(1000.0, 9000.0));
}

TEST_F(ComparePageTest, PinnedRunIsAAndTheNextRunsAreB) {
  ComparePage page;
  AbState ab(&page);
  const auto title = [&](const char* name) {
    return page.findChild<QLabel*>(QString::fromLatin1(name))->text().toStdString();
  };
  QSignalSpy show(&ab, &AbState::showRequested);
  EXPECT_FALSE(ab.pin(nullptr));
  ab.runFinished(a_);  // nothing pinned: nothing to compare
  EXPECT_EQ(page.runA(), nullptr);
  EXPECT_EQ(page.runB(), nullptr);
  // An empty side says how to fill it.
  EXPECT_NE(title("titleA").find("Pin this run as A (Ctrl+P)"), std::string::npos)
      << title("titleA");
  EXPECT_NE(title("titleB").find("the next run after A"), std::string::npos) << title("titleB");
  ASSERT_TRUE(ab.pin(a_));
  EXPECT_EQ(page.runA(), a_);
  EXPECT_EQ(title("titleA").find("Ctrl+P"), std::string::npos) << title("titleA");
  ab.runFinished(a_);  // the pinned run itself is not its own B
  EXPECT_EQ(page.runB(), nullptr);
  ab.runFinished(b_);
  EXPECT_EQ(page.runB(), b_);
  EXPECT_EQ(show.count(), 0);
  // Compare with best: the current run becomes A, the next one B, and the page is asked for once.
  ab.compareNextRunWith(b_);
  EXPECT_EQ(page.runA(), b_);
  ab.runFinished(a_);
  EXPECT_EQ(page.runB(), a_);
  EXPECT_EQ(show.count(), 1);
  ab.runFinished(a_);
  EXPECT_EQ(show.count(), 1);
}

TEST_F(ComparePageTest, ExportsDeltaTableAndTimelines) {
  ComparePage page;
  page.setRunA(a_);
  page.setRunB(b_);
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString png = dir.filePath(QStringLiteral("ab.png"));
  EXPECT_EQ(page.exportCompare(png, QSize(1600, 900)), QString());
  const QImage image(png);
  EXPECT_EQ(image.size(), QSize(1600, 900));
  const QString svg = dir.filePath(QStringLiteral("ab.svg"));
  EXPECT_EQ(page.exportCompare(svg, QSize(1600, 900)), QString());
  EXPECT_TRUE(svg_parses(svg));
  const QString pdf = dir.filePath(QStringLiteral("ab.pdf"));
  EXPECT_EQ(page.exportCompare(pdf, QSize(1600, 900)), QString());
  EXPECT_EQ(head_of(pdf, 5), QByteArray("%PDF-"));
  EXPECT_FALSE(
      page.exportCompare(dir.filePath(QStringLiteral("ab.gif")), QSize(800, 600)).isEmpty());
  EXPECT_FALSE(page.exportCompare(dir.filePath(QStringLiteral("no/such/ab.png")), QSize(800, 600))
                   .isEmpty());
  EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 3);
}

// The exported figure draws A and B over one time range, so their axes line up even when the
// runs differ in length or the timelines were left at different ranges.
TEST_F(ComparePageTest, FigureDrawsBothRunsOnOneTimeAxis) {
  CompareFigure figure;
  figure.a = a_;
  figure.b = b_;
  const double end_a = run_end_cycles(*a_);
  const double end_b = run_end_cycles(*b_);
  ASSERT_NE(end_a, end_b);
  const auto whole = compare_figure_range(figure);
  EXPECT_EQ(whole.first, 0);
  EXPECT_EQ(whole.second, std::max(end_a, end_b));
  figure.range_a = {100, 200};
  figure.range_b = {150, 400};
  EXPECT_EQ(compare_figure_range(figure), std::make_pair(100.0, 400.0));
  figure.range_b = {0, 0};  // one set: that one
  EXPECT_EQ(compare_figure_range(figure), std::make_pair(100.0, 200.0));
}

}  // namespace
}  // namespace amla::ui
