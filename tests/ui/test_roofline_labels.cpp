// The roofline's labels on the plot: for runs with different limits and at several plot sizes,
// the drawn labels never overlap each other, a roof, the peak line or a run's point, and the
// peak's label is always drawn.
#include <gtest/gtest.h>

#include <QImage>
#include <memory>

#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"
#include "ui/common/label_placement.h"
#include "ui/studio/roof_labels_item.h"
#include "ui/studio/roofline_plot.h"

namespace amla::ui {
namespace {

amla::SimulationRun run_of(const char* preset, int batch, int kv_len) {
  amla::KernelConfig config;
  config.problem.batch = batch;
  config.problem.kv_len = kv_len;
  return amla::run_simulation(amla::find_preset(preset), config);
}

TEST(RooflineLabels, SegmentAndRectangleIntersection) {
  const QRectF box(10, 10, 20, 10);
  EXPECT_TRUE(segment_hits_rect(QLineF(0, 15, 40, 15), box));   // straight through
  EXPECT_TRUE(segment_hits_rect(QLineF(15, 12, 16, 13), box));  // inside
  EXPECT_TRUE(segment_hits_rect(QLineF(0, 0, 40, 30), box));    // diagonally across
  EXPECT_FALSE(segment_hits_rect(QLineF(0, 0, 40, 5), box));    // above
  EXPECT_FALSE(segment_hits_rect(QLineF(0, 25, 9, 40), box));   // beside
}

TEST(RooflineLabels, PlacementSkipsTakenPlacesAndLeavesOutWhatCannotFit) {
  LabelObstacles obstacles;
  obstacles.segments.emplace_back(QPointF(0, 50), QPointF(100, 50));
  const QRectF bounds(0, 0, 100, 100);
  std::vector<LabelCandidates> labels(3);
  labels[0].rects = {QRectF(10, 45, 30, 10), QRectF(10, 30, 30, 10)};  // first crosses the line
  labels[1].rects = {QRectF(20, 32, 30, 10), QRectF(10, 60, 30, 10)};  // first meets label 0
  labels[2].rects = {QRectF(90, 10, 30, 10)};                          // outside the bounds
  const auto placed = place_labels(labels, obstacles, bounds);
  ASSERT_EQ(placed.size(), 3u);
  ASSERT_TRUE(placed[0]);
  EXPECT_EQ(*placed[0], QRectF(10, 30, 30, 10));
  ASSERT_TRUE(placed[1]);
  EXPECT_EQ(*placed[1], QRectF(10, 60, 30, 10));
  EXPECT_FALSE(placed[2]);
}

TEST(RooflineLabels, NeverOverlapEachOtherOrTheLines) {
  const amla::SimulationRun runs[] = {
      run_of("910C-package", 128, 4096),  // the default: Cube-bound
      run_of("910B2", 2, 2048),           // small: bandwidth-bound
      run_of("910C-package", 16, 16384),  // long context
  };
  int levels_drawn = 0;
  for (const amla::SimulationRun& run : runs) {
    for (const QSize size : {QSize(1200, 800), QSize(800, 500), QSize(520, 360)}) {
      RooflinePlot plot;
      plot.setRun(&run);
      plot.resize(size);
      plot.grab();  // lays out and draws the plot, placing the labels
      const RoofLabelsItem* labels = plot.labels();
      const std::vector<QRectF>& rects = labels->drawnLabels();
      const std::string where = run.hardware.name + " batch " +
                                std::to_string(run.config.problem.batch) + " at " +
                                std::to_string(size.width()) + "x" + std::to_string(size.height());
      EXPECT_TRUE(labels->peakLabelDrawn()) << where << " canvas " << plot.canvas()->height();
      ASSERT_FALSE(labels->lineSegments().empty()) << where;
      levels_drawn += static_cast<int>(rects.size()) - 1;
      for (std::size_t i = 0; i < rects.size(); ++i) {
        EXPECT_TRUE(plot.canvas()->rect().contains(rects[i].toAlignedRect())) << where;
        for (std::size_t j = i + 1; j < rects.size(); ++j) {
          EXPECT_FALSE(rects[i].intersects(rects[j])) << where << ": labels " << i << ", " << j;
        }
        for (const QLineF& segment : labels->lineSegments()) {
          EXPECT_FALSE(segment_hits_rect(segment, rects[i]))
              << where << ": label " << i << " crosses a line";
        }
      }
    }
  }
  // Beside the peak, the levels are named on the plot too (not all left out).
  EXPECT_GT(levels_drawn, 9);
}

}  // namespace
}  // namespace amla::ui
