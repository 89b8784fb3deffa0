// Importing a profile in the studio: it becomes the run on every page (the Timeline spans it,
// the Summary shows its figures), sits as B beside a pinned simulated run on Compare, and a
// malformed file is refused with the reader's message while the current run stays.
#include <gtest/gtest.h>

#include <qwt_scale_div.h>

#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include "core/hw/hardware_presets.h"
#include "ui/compare/ab_state.h"
#include "ui/compare/compare_model.h"
#include "ui/compare/compare_page.h"
#include "ui/main_window.h"
#include "ui/studio/config_panel.h"
#include "ui/studio/roofline_plot.h"
#include "ui/studio/summary_view.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {
namespace {

const QString kFixture =
    QStringLiteral(AMLA_TEST_PROFILE_DIR) + QStringLiteral("/all_cores_trace.json");

bool finish(MainWindow& window, const std::function<void()>& start) {
  QSignalSpy done(&window, &MainWindow::simulationFinished);
  start();
  if (!done.wait(60000)) return false;
  return done.takeFirst().at(0).toBool();
}

// A small simulated run (910B2, batch 2, S_k 1024) as the window's current run; null on failure.
SimulationPtr simulate_small_run(MainWindow& window) {
  amla::RunConfig c;
  c.hardware = amla::find_preset("910B2");
  c.kernel.problem.batch = 2;
  c.kernel.problem.kv_len = 1024;
  window.configPanel()->setConfig(c);
  if (!finish(window, [&] { window.startSimulation(); })) return nullptr;
  return window.lastRun();
}

TEST(ProfileImportTest, AnImportedProfileIsTheRunOnEveryPage) {
  MainWindow window(false);
  ASSERT_TRUE(finish(window, [&] { window.importProfile(kFixture); }));
  const SimulationPtr run = window.lastRun();
  ASSERT_TRUE(run);
  EXPECT_EQ(run->hardware.name, "profile all_cores_trace.json");
  EXPECT_EQ(run->trace.ops.size(), 7u);
  EXPECT_EQ(run->metrics.makespan_cycles, 9000);  // 5 us at the default 1800 MHz
  const auto [t0, t1] = window.timeline()->visibleRange();
  EXPECT_LT(t0, t1);
  EXPECT_GE(t1, 9000 * 0.99);
  EXPECT_EQ(window.summary()->metricText("bound"), QString::fromStdString(run->metrics.bound));
  // The Summary names the file, never a kernel configuration or tiling advice the profile lacks.
  EXPECT_TRUE(run->is_profile());
  EXPECT_EQ(window.summary()->metricText("source"), QString::fromStdString(run->profile_source));
  EXPECT_FALSE(window.summary()->whyAdvice().contains(QStringLiteral("preload")));
  EXPECT_TRUE(window.summary()->whyAdvice().contains(QStringLiteral("profile")));
  EXPECT_EQ(window.summary()->metricText("TFLOPS"), QStringLiteral("n/a"));
}

// A profile has no FLOP count, so no point on any roof: the plot says so where the plot is
// instead of drawing empty logarithmic axes down to 1e-100.
TEST(ProfileImportTest, TheRooflineSaysAProfileHasNoPoint) {
  MainWindow window(false);
  ASSERT_TRUE(finish(window, [&] { window.importProfile(kFixture); }));
  const RooflinePlot* plot = window.summary()->roofline();
  for (const int axis : {QwtPlot::xBottom, QwtPlot::yLeft}) {
    if (!plot->axisEnabled(axis)) continue;
    EXPECT_GE(plot->axisScaleDiv(axis).lowerBound(), 1e-6) << "axis " << axis;
  }
  EXPECT_FALSE(plot->levelShown(amla::RoofLevel::kHbm));
  EXPECT_TRUE(plot->emptyText().contains(QStringLiteral("imported profile")))
      << plot->emptyText().toStdString();
  EXPECT_TRUE(plot->emptyText().contains(QStringLiteral("FLOP")));
  // A simulated run afterwards brings the roofline back, without the words.
  ASSERT_TRUE(simulate_small_run(window));
  EXPECT_TRUE(plot->levelShown(amla::RoofLevel::kHbm));
  EXPECT_TRUE(plot->emptyText().isEmpty());
  EXPECT_TRUE(plot->axisEnabled(QwtPlot::yLeft));
}

// The stale banner says the results shown are not for the inputs shown. Right after an import
// what is shown is the file itself, on every page; an edit of the configuration after it still
// raises the banner, and undoing the edit lowers it.
TEST(ProfileImportTest, AnImportIsNotStaleUntilTheConfigurationIsEdited) {
  MainWindow window(false);
  window.resize(1280, 720);
  window.show();
  ASSERT_TRUE(simulate_small_run(window));
  auto* batch = qobject_cast<QSpinBox*>(window.configPanel()->fieldEditor("problem.batch"));
  ASSERT_NE(batch, nullptr);
  batch->setValue(3);
  ASSERT_TRUE(window.resultsStale());
  ASSERT_TRUE(finish(window, [&] { window.importProfile(kFixture); }));
  const auto show_page = [&window](const char* page) {
    for (int i = 0; i < window.pages()->count(); ++i) {
      if (window.pages()->tabText(i).remove('&') == QLatin1String(page)) {
        window.pages()->setCurrentIndex(i);
      }
    }
  };
  for (const char* page : {"Timeline", "Buffers", "Summary", "Compare"}) {
    show_page(page);
    EXPECT_FALSE(window.resultsStale()) << page;
    EXPECT_FALSE(window.staleBanner()->isVisible()) << page;
  }
  show_page("Timeline");
  batch->setValue(4);
  EXPECT_TRUE(window.resultsStale());
  EXPECT_TRUE(window.staleBanner()->isVisible());
  batch->setValue(3);
  EXPECT_FALSE(window.resultsStale());
  EXPECT_FALSE(window.staleBanner()->isVisible());
}

TEST(ProfileImportTest, AProfileSitsBesideAPinnedSimulatedRun) {
  MainWindow window(false);
  const SimulationPtr simulated = simulate_small_run(window);
  ASSERT_TRUE(simulated);
  window.pinRunAsA();
  ASSERT_TRUE(finish(window, [&] { window.importProfile(kFixture); }));
  EXPECT_EQ(window.comparePage()->runA(), simulated);
  ASSERT_TRUE(window.comparePage()->runB());
  EXPECT_EQ(window.comparePage()->runB()->hardware.name, "profile all_cores_trace.json");
  const QString title = amla::ui::compare_run_title(
      QStringLiteral("B"), window.comparePage()->runB().get(), simulated.get());
  EXPECT_EQ(title, QStringLiteral("B: profile all_cores_trace.json"));
}

TEST(ProfileImportTest, ExportedInsightTraceImportsAsTheSameRun) {
  MainWindow window(false);
  const SimulationPtr simulated = simulate_small_run(window);
  ASSERT_TRUE(simulated);
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("sim.json"));
  ASSERT_TRUE(window.exportTrace(path, amla::TraceFormat::kInsight).isEmpty());
  ASSERT_TRUE(finish(window, [&] { window.importProfile(path); }));
  const SimulationPtr imported = window.lastRun();
  EXPECT_EQ(imported->trace.ops.start, simulated->trace.ops.start);
  EXPECT_EQ(imported->trace.ops.lane, simulated->trace.ops.lane);
  EXPECT_EQ(imported->trace.flags.size(), simulated->trace.flags.size());
  EXPECT_EQ(imported->metrics.makespan_cycles, simulated->metrics.makespan_cycles);
}

TEST(ProfileImportTest, AMalformedFileIsRefusedAndTheRunStays) {
  QTemporaryDir dir;
  const QString bad = dir.filePath(QStringLiteral("bad.json"));
  QFile f(bad);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write("{\"profilingType\":\"op\",\"traceEvents\":[{\"name\":\"A\",\"ph\":\"X\"");
  f.close();
  MainWindow window(false);
  ASSERT_TRUE(finish(window, [&] { window.importProfile(kFixture); }));
  const SimulationPtr before = window.lastRun();
  // The refusal is a modal message: read it and close it.
  QString shown;
  QTimer::singleShot(200, [&shown] {
    for (QWidget* w : QApplication::topLevelWidgets()) {
      if (auto* box = qobject_cast<QMessageBox*>(w)) {
        shown = box->text();
        box->accept();
      }
    }
  });
  EXPECT_FALSE(finish(window, [&] { window.importProfile(bad); }));
  EXPECT_TRUE(shown.contains(QStringLiteral("bad.json"))) << shown.toStdString();
  EXPECT_TRUE(shown.contains(QStringLiteral("byte"))) << shown.toStdString();
  EXPECT_EQ(window.lastRun(), before);
}

}  // namespace
}  // namespace amla::ui
