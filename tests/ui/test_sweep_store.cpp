// The Sweep page with result stores and long sweeps, on Qt's offscreen platform: a store opened
// shows any two of its varying knobs as the heatmap with the others held by choosers (cells equal
// to the sweeps that wrote them), and a running sweep's heatmap fills in cell by cell. With
// AMLA_UI_SCREENSHOT_DIR set, the page with a store open is saved there as sweep_store.png.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/hw/hardware_presets.h"
#include "core/kernel/config_json.h"
#include "core/run/model_revision.h"
#include "core/store/config_key.h"
#include "core/store/result_store.h"
#include "core/sweep/knobs.h"
#include "ui/sweep/sweep_heatmap.h"
#include "ui/sweep/sweep_page.h"

namespace amla::ui {
namespace {

amla::RunConfig small_base() {
  amla::RunConfig c;
  c.hardware = amla::find_preset("910B2");
  c.kernel.problem.batch = 2;
  c.kernel.problem.kv_len = 2048;
  return c;
}

std::vector<amla::SweepParameter> grid() {
  return {amla::parse_sweep_parameter("rows-per-task=64,128"),
          amla::parse_sweep_parameter("kv-block=256,512,1024")};
}

// Two sweeps into one store, differing in the preload: three knobs vary in it.
struct StoreFixture {
  QTemporaryDir dir;
  QString path = dir.filePath(QStringLiteral("cells.db"));
  std::map<std::string, amla::SweepResult> by_preload;

  StoreFixture() {
    amla::ResultStore store("--store", path.toStdString());
    for (const char* preload : {"1", "2"}) {
      amla::RunConfig base = small_base();
      amla::apply_knob(base, "preload", preload);
      amla::SweepOptions o;
      o.jobs = 2;
      o.cache = &store;
      by_preload[preload] = amla::run_sweep(base, grid(), o);
    }
  }
};

TEST(SweepStore, AnyTwoKnobsAsTheHeatmapWithTheOthersHeld) {
  StoreFixture fixture;
  SweepPage page;
  page.resize(1400, 820);
  page.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
  ASSERT_TRUE(page.openStore(fixture.path));
  ASSERT_NE(page.store(), nullptr);
  std::vector<std::string> varying;
  for (const auto& k : page.store()->knobs) varying.push_back(k.name);
  EXPECT_EQ(varying, (std::vector<std::string>{"preload", "rows-per-task", "kv-block"}));
  EXPECT_TRUE(page.findChild<QGroupBox*>(QStringLiteral("storeBox"))->isVisible());

  // Rows x columns = rows-per-task x kv-block, preload held at 2.
  page.showStoreSlice(QStringLiteral("rows-per-task"), QStringLiteral("kv-block"),
                      {{"preload", "2"}});
  auto* held = page.findChild<QComboBox*>(QStringLiteral("storeFixed_preload"));
  ASSERT_NE(held, nullptr);
  EXPECT_EQ(held->currentText(), QStringLiteral("2"));
  const amla::SweepResult* shown = page.heatmap()->result();
  ASSERT_NE(shown, nullptr);
  EXPECT_EQ(page.heatmap()->rowCount(), 2);
  EXPECT_EQ(page.heatmap()->columnCount(), 3);
  const amla::SweepResult& two = fixture.by_preload.at("2");
  for (std::size_t i = 0; i < shown->cells.size(); ++i) {
    EXPECT_EQ(shown->cells[i].valid, two.cells[i].valid) << i;
    EXPECT_EQ(shown->cells[i].pending, !two.cells[i].valid) << i;  // invalid cells: not stored
    if (two.cells[i].valid) {
      EXPECT_EQ(shown->cells[i].metrics.makespan_cycles, two.cells[i].metrics.makespan_cycles);
    }
  }
  // The chooser moves the slice to the other sweep's cells.
  held->setCurrentText(QStringLiteral("1"));
  shown = page.heatmap()->result();
  const amla::SweepResult& one = fixture.by_preload.at("1");
  for (std::size_t i = 0; i < shown->cells.size(); ++i) {
    if (one.cells[i].valid) {
      EXPECT_EQ(shown->cells[i].metrics.makespan_cycles, one.cells[i].metrics.makespan_cycles);
    }
  }
  if (const QByteArray dir = qgetenv("AMLA_UI_SCREENSHOT_DIR"); !dir.isEmpty()) {
    page.showStoreSlice(QStringLiteral("rows-per-task"), QStringLiteral("kv-block"),
                        {{"preload", "2"}});
    QTest::qWait(100);  // new choosers are shown from the event loop
    EXPECT_TRUE(page.grab().save(
        QDir(QString::fromLocal8Bit(dir)).filePath(QStringLiteral("sweep_store.png"))));
  }
  // Another pair: kv-block x preload, rows-per-task held.
  page.showStoreSlice(QStringLiteral("kv-block"), QStringLiteral("preload"));
  EXPECT_NE(page.findChild<QComboBox*>(QStringLiteral("storeFixed_rows-per-task")), nullptr);
  EXPECT_EQ(page.heatmap()->rowCount(), 3);
  EXPECT_EQ(page.heatmap()->columnCount(), 2);
}

// A cell an earlier model computed is left out of the view, and the label says how many.
TEST(SweepStore, CellsOfAnEarlierModelAreCountedInTheLabel) {
  StoreFixture fixture;
  {
    amla::ResultStore store("--store", fixture.path.toStdString());
    amla::StoredCell old = store.cells().front();
    const amla::RunConfig config = amla::run_config_from_json(nlohmann::json::parse(old.config));
    old.canonical = amla::canonical_config_text(config, amla::kModelRevision - 1);
    old.hash = amla::config_hash(old.canonical);
    store.put(old);
  }
  SweepPage page;
  // About the page's size in the studio on a 1280 x 720 screen.
  page.resize(1000, 600);
  page.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
  ASSERT_TRUE(page.openStore(fixture.path));
  QTest::qWait(50);  // (the layout settles from the event loop)
  auto* store_label = page.findChild<QLabel*>(QStringLiteral("storeLabel"));
  const QString label = store_label->text();
  // Every wrapped line of the label is shown: the layout gives it the height its text takes.
  EXPECT_GE(store_label->height(), store_label->heightForWidth(store_label->width()))
      << label.toStdString();
  EXPECT_TRUE(label.contains(QStringLiteral(": 12 cells"))) << label.toStdString();
  EXPECT_TRUE(label.contains(QStringLiteral("1 from an earlier model, left out")))
      << label.toStdString();
}

TEST(SweepStore, AFileThatIsNotAStoreIsRefusedWithTheReason) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("notes.db"));
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(QByteArray(4096, 'x'));
  file.close();
  SweepPage page;
  EXPECT_FALSE(page.openStore(path));
  EXPECT_EQ(page.store(), nullptr);
  const auto* status = page.findChild<QLabel*>(QStringLiteral("statusLabel"));
  EXPECT_TRUE(status->text().contains(QStringLiteral("Cannot open the store")))
      << status->text().toStdString();
}

TEST(SweepStore, HeatmapFillsInWhileTheSweepRuns) {
  SweepPage page;
  page.resize(1200, 800);
  amla::RunConfig base = small_base();
  base.kernel.problem.kv_len = 16384;
  base.kernel.problem.batch = 8;
  page.setBaseConfig(base);
  page.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
  page.findChild<QSpinBox*>(QStringLiteral("jobsSpin"))->setValue(1);
  // What the heatmap shows, sampled while the sweep runs: (finished cells, all cells).
  std::vector<std::pair<int, int>> samples;
  QTimer sampler;
  QObject::connect(&sampler, &QTimer::timeout, [&] {
    const amla::SweepResult* r = page.heatmap()->result();
    if (!r || !page.isRunning()) return;
    int done = 0;
    for (const auto& c : r->cells) done += c.pending ? 0 : 1;
    const int total = static_cast<int>(r->cells.size());
    const bool first_partial =
        done > 0 && done < total && std::none_of(samples.begin(), samples.end(), [](const auto& s) {
          return s.first > 0 && s.first < s.second;
        });
    samples.emplace_back(done, total);
    const QByteArray dir = qgetenv("AMLA_UI_SCREENSHOT_DIR");
    if (first_partial && !dir.isEmpty()) {
      page.grab().save(
          QDir(QString::fromLocal8Bit(dir)).filePath(QStringLiteral("sweep_live.png")));
    }
  });
  sampler.start(20);
  QSignalSpy finished(&page, &SweepPage::sweepFinished);
  page.startSweep();
  ASSERT_TRUE(page.isRunning());
  ASSERT_TRUE(finished.wait(120000));
  sampler.stop();
  ASSERT_FALSE(samples.empty());
  EXPECT_EQ(samples.front().first, 0);  // the grid is drawn before any cell finished
  bool partial = false;
  int previous = 0;
  for (const auto& [done, total] : samples) {
    EXPECT_GE(done, previous);  // cells only ever arrive
    previous = done;
    partial = partial || (done > 0 && done < total);
  }
  EXPECT_TRUE(partial) << "no sample showed some cells finished and some pending";
  // At the end the heatmap shows the finished sweep, every cell with its result.
  ASSERT_NE(page.lastResult(), nullptr);
  EXPECT_EQ(page.heatmap()->result(), page.lastResult());
  for (const auto& c : page.lastResult()->cells) EXPECT_FALSE(c.pending);
}

}  // namespace
}  // namespace amla::ui
