// Words for what is on screen, on Qt's offscreen platform: the bit view names a class of the
// integer add in words (its meaning on hover, the explanation a click away); the preset cases say
// their class's meaning on hover; the class table's rows are named in words and a click explains
// them; a Summary metric row's click opens the metric catalogue's entry.
#include <gtest/gtest.h>

// Core headers first: trace.h has a member named `slots`, which Qt's keyword macro would eat.
#include "core/hw/hardware_presets.h"
#include "core/kernel/op_catalogue.h"
#include "core/run/metric_catalogue.h"
#include "core/run/simulation_run.h"

#include <QApplication>
#include <QComboBox>
#include <QFrame>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QTest>
#include <memory>

#include "ui/numerics/bit_view.h"
#include "ui/numerics/hazard_presets.h"
#include "ui/numerics/metrics_view.h"
#include "ui/studio/summary_view.h"

namespace amla::ui {
namespace {

QString popup_text(QWidget* window) {
  auto* popup = window->findChild<QFrame*>(QStringLiteral("explanationPopup"));
  if (popup == nullptr || !popup->isVisible()) return {};
  return popup->findChild<QLabel*>(QStringLiteral("explanationText"))->text();
}

void close_popup(QWidget* window) {
  if (auto* popup = window->findChild<QFrame*>(QStringLiteral("explanationPopup"))) popup->hide();
}

TEST(WordsOnScreen, TheBitViewNamesTheClassInWordsAndExplainsItOnClick) {
  BitView view;
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  view.selectPreset(0);  // +0, n = -3
  const CatalogueEntry& zero = rescale_class_entry(RescaleClass::kZeroGarbage);
  EXPECT_EQ(view.classificationText(), QString::fromStdString(zero.name));
  auto* label = view.findChild<QLabel*>(QStringLiteral("bitClassLabel"));
  ASSERT_NE(label, nullptr);
  EXPECT_TRUE(label->toolTip().contains(QString::fromStdString(zero.meaning)));
  EXPECT_TRUE(label->toolTip().contains(QStringLiteral("zero_garbage")));
  QTest::mouseClick(label, Qt::LeftButton);
  EXPECT_TRUE(popup_text(&view).contains(QString::fromStdString(zero.explanation).toHtmlEscaped()));
  close_popup(&view);
  // Every preset case says on hover what its class means.
  auto* presets = view.findChild<QComboBox*>(QStringLiteral("bitPresetCombo"));
  ASSERT_NE(presets, nullptr);
  ASSERT_EQ(presets->count(), static_cast<int>(hazard_presets().size()) + 1);
  EXPECT_TRUE(presets->itemData(1, Qt::ToolTipRole)
                  .toString()
                  .contains(QString::fromStdString(zero.meaning)));
  for (int i = 1; i < presets->count(); ++i) {
    EXPECT_FALSE(presets->itemData(i, Qt::ToolTipRole).toString().isEmpty()) << i;
  }
}

TEST(WordsOnScreen, TheClassTableNamesEveryClassInWordsAndExplainsARowOnClick) {
  MetricsView view;
  view.resize(600, 500);
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  auto* table = view.findChild<QTableWidget*>(QStringLiteral("rescaleClassTable"));
  ASSERT_NE(table, nullptr);
  ASSERT_EQ(table->rowCount(), kRescaleClassCount + 1);
  for (int c = 0; c < kRescaleClassCount; ++c) {
    const CatalogueEntry& e = rescale_class_entry(static_cast<RescaleClass>(c));
    EXPECT_EQ(table->verticalHeaderItem(c)->text(), QString::fromStdString(e.name));
    EXPECT_TRUE(
        table->verticalHeaderItem(c)->toolTip().contains(QString::fromStdString(e.meaning)));
  }
  const int row = static_cast<int>(RescaleClass::kUnderflowWrap);
  emit table->verticalHeader()->sectionClicked(row);
  EXPECT_TRUE(popup_text(&view).contains(
      QString::fromStdString(rescale_class_entry(RescaleClass::kUnderflowWrap).explanation)
          .toHtmlEscaped()));
}

TEST(WordsOnScreen, ASummaryMetricRowExplainsItselfOnClick) {
  KernelConfig config;
  config.problem.batch = 1;
  config.problem.kv_len = 2048;
  auto run = std::make_shared<const SimulationRun>(run_simulation(find_preset("910B2"), config));
  SummaryView view;
  view.resize(1200, 800);
  view.setRun(run);
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  QTableWidget* table = nullptr;
  for (auto* t : view.findChildren<QTableWidget*>()) {
    if (t->columnCount() == 2 && t->horizontalHeaderItem(0)->text() == QStringLiteral("metric"))
      table = t;
  }
  ASSERT_NE(table, nullptr);
  const MetricDef& tflops = *find_metric("tflops");
  int row = -1;
  for (int r = 0; r < table->rowCount(); ++r) {
    if (table->item(r, 0)->text() == QString::fromStdString(tflops.label)) row = r;
  }
  ASSERT_GE(row, 0);
  EXPECT_TRUE(table->item(row, 0)->toolTip().contains(QString::fromStdString(tflops.description)));
  QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                    table->visualItemRect(table->item(row, 0)).center());
  const QString text = popup_text(&view);
  EXPECT_TRUE(text.contains(QString::fromStdString(tflops.description).toHtmlEscaped()));
  EXPECT_TRUE(text.contains(QStringLiteral("amla-cli sweep --metric tflops")));
  EXPECT_TRUE(text.contains(QStringLiteral("higher is better")));
  close_popup(&view);
  // The problem and plan rows are not catalogue metrics: no popup.
  QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                    table->visualItemRect(table->item(0, 0)).center());
  EXPECT_TRUE(popup_text(&view).isEmpty());
  // The per-pipe table's cells too: the busy fraction of AIC CUBE.
  QTableWidget* pipes = nullptr;
  for (auto* t : view.findChildren<QTableWidget*>()) {
    if (t->columnCount() == 4 && t->horizontalHeaderItem(1)->text() == QStringLiteral("busy"))
      pipes = t;
  }
  ASSERT_NE(pipes, nullptr);
  const MetricDef& cube = *find_metric(pipe_busy_key(Unit::kAic, Pipe::kCube));
  for (int r = 0; r < pipes->rowCount(); ++r) {
    if (pipes->item(r, 0)->text() != QStringLiteral("AIC CUBE")) continue;
    QTest::mouseClick(pipes->viewport(), Qt::LeftButton, {},
                      pipes->visualItemRect(pipes->item(r, 1)).center());
  }
  EXPECT_TRUE(popup_text(&view).contains(QString::fromStdString(cube.key)));
}

}  // namespace
}  // namespace amla::ui
