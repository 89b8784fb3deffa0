// The Summary page's Sensitivity tab: runs in the background and draws the same result the core
// computes, File > Export picks its chart while the tab is shown, a new run clears the stale
// chart, and Cancel ends the run with no chart.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <memory>

#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"
#include "ui/sensitivity/sensitivity_panel.h"
#include "ui/sensitivity/tornado_plot.h"
#include "ui/studio/roofline_plot.h"
#include "ui/studio/summary_view.h"

namespace amla::ui {
namespace {

constexpr int kWaitMs = 60000;

SimulationPtr small_run(int batch) {
  amla::KernelConfig config;
  config.problem.batch = batch;
  config.problem.kv_len = 1024;
  return std::make_shared<const amla::SimulationRun>(
      amla::run_simulation(amla::find_preset("910C-package"), config));
}

TEST(SensitivityView, DrawsTheCoresResultForTheShownRun) {
  SummaryView view;
  const SimulationPtr run = small_run(4);
  view.setRun(run);
  EXPECT_EQ(view.currentPlot(), view.roofline());
  view.showSensitivity();
  SensitivityPanel* panel = view.sensitivity();
  EXPECT_EQ(view.currentPlot(), panel->plot());
  EXPECT_EQ(panel->plot()->result(), nullptr);
  EXPECT_FALSE(panel->canExport());
  QSignalSpy done(panel, &SensitivityPanel::runCompleted);
  panel->start();
  EXPECT_TRUE(panel->isRunning());
  ASSERT_TRUE(done.wait(kWaitMs));
  ASSERT_TRUE(done.first().at(0).toBool()) << panel->statusText().toStdString();
  const amla::SensitivityResult* shown = panel->plot()->result();
  ASSERT_NE(shown, nullptr);
  EXPECT_TRUE(panel->canExport());
  amla::SensitivityOptions options;  // the panel's defaults: +-20%
  const amla::SensitivityResult expected =
      amla::run_sensitivity(run->hardware, run->config, options);
  EXPECT_EQ(amla::sensitivity_to_json(*shown), amla::sensitivity_to_json(expected));
  const QString top = panel->plot()->rowLabel(0);
  EXPECT_TRUE(top.startsWith(QString::fromStdString(expected.params.front().name)))
      << top.toStdString();
  EXPECT_TRUE(top.contains(QString::fromStdString(expected.params.front().source)));
  EXPECT_TRUE(panel->statusText().contains(QString::fromStdString(expected.params.front().name)));
  // Hovering the top row names its whole source note and both ends' figures.
  TornadoPlot* plot = panel->plot();
  plot->resize(900, 600);
  plot->replot();
  const QPoint top_row(plot->canvas()->width() / 2,
                       static_cast<int>(plot->transform(QwtPlot::yLeft, 0)));
  ASSERT_EQ(plot->rowAt(top_row), 0);
  const QString tip = plot->rowToolTip(0);
  EXPECT_TRUE(tip.contains(QString::fromStdString(expected.params.front().note).toHtmlEscaped()));
  EXPECT_TRUE(tip.contains(QString::number(*expected.params.front().plus.makespan_us, 'f', 2)));
  EXPECT_TRUE(tip.contains(QString::fromStdString(expected.params.front().plus.bound)));

  view.setRun(small_run(2));  // another configuration: the chart no longer applies
  EXPECT_EQ(panel->plot()->result(), nullptr);
  EXPECT_FALSE(panel->canExport());
}

TEST(SensitivityView, CancelEndsTheRunWithoutAChart) {
  SensitivityPanel panel;
  panel.setRun(small_run(4));
  QSignalSpy done(&panel, &SensitivityPanel::runCompleted);
  panel.start();
  panel.cancel();
  ASSERT_TRUE(done.wait(kWaitMs));
  EXPECT_FALSE(done.first().at(0).toBool());
  EXPECT_EQ(panel.plot()->result(), nullptr);
  EXPECT_EQ(panel.statusText(), QStringLiteral("Cancelled."));
}

}  // namespace
}  // namespace amla::ui
