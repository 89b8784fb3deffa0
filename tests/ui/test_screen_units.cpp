// Microseconds are spelled µs on screen: the core and the CLI write "us", the views translate.
#include <gtest/gtest.h>

#include <QHeaderView>
#include <QRegularExpression>
#include <QTableWidget>
#include <memory>

#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"
#include "ui/common/screen_units.h"
#include "ui/studio/summary_view.h"

namespace amla::ui {
namespace {

TEST(ScreenUnits, MicrosecondsBecomeMicroSign) {
  EXPECT_EQ(screen_unit("us"), QStringLiteral("\u00b5s"));
  EXPECT_EQ(screen_unit("MB"), QStringLiteral("MB"));
  EXPECT_EQ(screen_unit(""), QString());
  EXPECT_EQ(screen_text(std::string("504.42 us")), QStringLiteral("504.42 \u00b5s"));
  EXPECT_EQ(screen_text(std::string("dispatch combine us per token")),
            QStringLiteral("dispatch combine \u00b5s per token"));
  // Only the word: "bus", "users", "us_per" are left alone.
  EXPECT_EQ(screen_text(std::string("bus users us_per")), QStringLiteral("bus users us_per"));
}

TEST(ScreenUnits, ACountOfOneTakesTheSingular) {
  EXPECT_EQ(screen_count_unit("parts", 1), QStringLiteral("part"));
  EXPECT_EQ(screen_count_unit("parts", 2), QStringLiteral("parts"));
  EXPECT_EQ(screen_count_unit("parts", 0), QStringLiteral("parts"));
  EXPECT_EQ(screen_count_unit("bytes", 1), QStringLiteral("byte"));
  // Abbreviations and symbols are no plural nouns.
  EXPECT_EQ(screen_count_unit("us", 1), QStringLiteral("\u00b5s"));
  EXPECT_EQ(screen_count_unit("ms", 1), QStringLiteral("ms"));
  EXPECT_EQ(screen_count_unit("GB/s", 1), QStringLiteral("GB/s"));
  EXPECT_EQ(screen_count_unit("", 1), QString());
}

TEST(ScreenUnits, SummaryTablesSayMicroseconds) {
  amla::KernelConfig config;
  config.problem.batch = 4;
  config.problem.kv_len = 1024;
  auto run = std::make_shared<const amla::SimulationRun>(
      amla::run_simulation(amla::find_preset("910C-package"), config));
  SummaryView view;
  view.setRun(run);
  EXPECT_TRUE(view.metricText(QStringLiteral("makespan")).endsWith(QStringLiteral(" \u00b5s")))
      << view.metricText(QStringLiteral("makespan")).toStdString();
  const QRegularExpression ascii_us(QStringLiteral("\\bus\\b"));
  int micro_cells = 0;
  for (const QTableWidget* table : view.findChildren<QTableWidget*>()) {
    for (int c = 0; c < table->columnCount(); ++c) {
      const QTableWidgetItem* header = table->horizontalHeaderItem(c);
      if (!header) continue;
      EXPECT_FALSE(header->text().contains(ascii_us)) << header->text().toStdString();
      micro_cells += header->text().contains(QStringLiteral("\u00b5s"));
    }
    for (int r = 0; r < table->rowCount(); ++r) {
      for (int c = 0; c < table->columnCount(); ++c) {
        const QTableWidgetItem* item = table->item(r, c);
        if (!item) continue;
        EXPECT_FALSE(item->text().contains(ascii_us)) << item->text().toStdString();
        micro_cells += item->text().contains(QStringLiteral("\u00b5s"));
      }
    }
  }
  EXPECT_GE(micro_cells, 2);  // the makespan and the critical path's column at least
}

}  // namespace
}  // namespace amla::ui
