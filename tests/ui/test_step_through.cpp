// The Numerics step-through panel, the state table's clamp marking and the operating range on
// the exponent x dn heatmap, each on its own (no main window): a run whose running max jumps by
// 22 score units after the first KV block, so dn = -32 meets the -30 clamp.
#include <gtest/gtest.h>

#include <qwt_plot_shapeitem.h>
#include <QApplication>
#include <QImage>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "core/numerics/float_bits.h"
#include "core/numerics/heatmaps.h"
#include "core/numerics/step_through.h"
#include "ui/common/plot_export.h"
#include "ui/numerics/bit_cells.h"
#include "ui/numerics/heatmap_plot.h"
#include "ui/numerics/state_table_model.h"
#include "ui/numerics/step_through_panel.h"

namespace amla::ui {
namespace {

constexpr int kRows = 8;
constexpr int kKvLen = 2048;

NumericsConfig jump_config() {
  NumericsConfig config;
  config.blocking.rows_per_task = kRows;
  config.blocking.kv_block = 512;
  config.threads = 1;
  return config;
}

InputsPtr jump_inputs() {
  InputSpec spec;
  spec.distribution = InputDistribution::kMaxJump;
  spec.rows = kRows;
  spec.kv_len = kKvLen;
  return std::make_shared<const AttentionInputs>(generate_inputs(spec));
}

// The first (row, block) where the clamp engaged.
std::pair<int, int> first_clamp(const NumericsRun& run) {
  for (int r = 0; r < run.rows; ++r) {
    for (int b = 0; b < run.kv_blocks; ++b) {
      if (run.state(r, b).clamped) return {r, b};
    }
  }
  return {-1, -1};
}

TEST(StateTableClamp, ShowsTheClampedValueAndSaysTheClampEngaged) {
  const auto run = std::make_shared<const NumericsRun>(run_numerics(*jump_inputs(), jump_config()));
  const auto [row, block] = first_clamp(*run);
  ASSERT_GE(row, 0) << "the jump input must engage the clamp";
  const RowBlockState& s = run->state(row, block);
  ASSERT_EQ(s.dn, -32);
  StateTableModel model;
  model.setRun(run);
  model.setRow(row);
  EXPECT_EQ(model.index(block, StateTableModel::kDn).data().toString(),
            QStringLiteral("-30 (clamped from -32)"));
  EXPECT_EQ(model.index(block, StateTableModel::kDn).data(Qt::UserRole).toInt(), -32);
  EXPECT_EQ(model.index(block, StateTableModel::kClamped).data().toString(),
            QStringLiteral("engaged: dn -32 -> -30"));
  EXPECT_TRUE(model.index(block, StateTableModel::kDn)
                  .data(Qt::ToolTipRole)
                  .toString()
                  .startsWith(QStringLiteral("clamp engaged: dn -32 -> -30")));
  EXPECT_TRUE(model.index(block, StateTableModel::kDn).data(Qt::FontRole).value<QFont>().bold());
  // Block 0 never rescales: no clamp, the plain dn.
  EXPECT_EQ(model.index(0, StateTableModel::kDn).data().toString(), QStringLiteral("0"));
  EXPECT_EQ(model.index(0, StateTableModel::kClamped).data().toString(), QStringLiteral("no"));

  NumericsConfig off = jump_config();
  off.switches.clamp = false;
  model.setRun(std::make_shared<const NumericsRun>(run_numerics(*jump_inputs(), off)));
  model.setRow(row);
  EXPECT_EQ(model.index(block, StateTableModel::kDn).data().toString(), QStringLiteral("-32"));
  EXPECT_EQ(model.index(block, StateTableModel::kClamped).data().toString(), QStringLiteral("off"));
}

TEST(StepThroughPanel, StepsBlockByBlockAndSaysWhenTheClampActs) {
  const InputsPtr inputs = jump_inputs();
  const auto run = std::make_shared<const NumericsRun>(run_numerics(*inputs, jump_config()));
  const auto [row, block] = first_clamp(*run);
  ASSERT_GE(block, 1);
  const RowStepThrough expected = step_through_row(*inputs, jump_config(), row);

  StepThroughPanel panel;
  panel.resize(1000, 420);
  panel.setRun(run, inputs);
  QSignalSpy probes(&panel, &StepThroughPanel::probeSelected);
  const int column = 40;
  panel.load(row, block, column, QStringLiteral("test"));
  // The replay runs in the background; the add is announced when it lands.
  ASSERT_TRUE(QTest::qWaitFor([&] { return panel.steps() != nullptr; }, 30000));
  ASSERT_EQ(probes.size(), 1);
  EXPECT_EQ(panel.block(), block);
  EXPECT_EQ(panel.slider()->value(), block);
  EXPECT_EQ(panel.clampText(), QStringLiteral("clamp engaged: dn -32 -> -30"));
  const BitProbe p = panel.probe();
  EXPECT_EQ(p.input_bits, expected.probe(block, column).input_bits);
  EXPECT_EQ(p.shift, -30);  // the add applied the clamp, not dn
  EXPECT_TRUE(probes.first().at(1).toString().contains(QStringLiteral("block %1").arg(block)));
  // The cells show before, the INT32 N, after.
  const StepBlock& b = expected.blocks[static_cast<std::size_t>(block)];
  EXPECT_EQ(panel.cells()->rowBits(BitCells::kInputRow), bits_of(b.before[column]));
  EXPECT_EQ(panel.cells()->rowBits(BitCells::kAddendRow), static_cast<std::uint32_t>(b.state.N));
  EXPECT_EQ(panel.cells()->rowBits(BitCells::kResultRow), bits_of(b.after_add[column]));

  // Previous goes back to block 0 (no add, no clamp), next walks to the last block, whose text
  // gives the kernel's output.
  auto* previous = panel.findChild<QPushButton*>(QStringLiteral("stepPreviousButton"));
  auto* next = panel.findChild<QPushButton*>(QStringLiteral("stepNextButton"));
  ASSERT_NE(previous, nullptr);
  ASSERT_NE(next, nullptr);
  while (panel.block() > 0) QTest::mouseClick(previous, Qt::LeftButton);
  EXPECT_FALSE(previous->isEnabled());
  EXPECT_FALSE(panel.clampText().contains(QStringLiteral("engaged")));
  while (next->isEnabled()) QTest::mouseClick(next, Qt::LeftButton);
  EXPECT_EQ(panel.block(), expected.block_count() - 1);
  EXPECT_TRUE(panel.errorText().contains(
      QStringLiteral("Kernel output (BF16): %1")
          .arg(QString::number(static_cast<double>(run->amla.output(row, column)), 'g', 9))))
      << panel.errorText().toStdString();
  // The slider is the same control.
  panel.slider()->setValue(block);
  EXPECT_EQ(panel.block(), block);
  EXPECT_EQ(panel.probe().input_bits, expected.probe(block, column).input_bits);
}

// Exactly-zero V columns under a falling max: the add on a zero element is named a hazard, and
// the guard says what it does before the final divide.
TEST(StepThroughPanel, NamesTheZeroHazardAndTheGuard) {
  InputSpec spec;
  spec.distribution = InputDistribution::kZeroV;
  spec.rows = kRows;
  spec.kv_len = kKvLen;
  const auto inputs = std::make_shared<const AttentionInputs>(generate_inputs(spec));
  const auto run = std::make_shared<const NumericsRun>(run_numerics(*inputs, jump_config()));
  int block = -1;
  for (int b = 1; b < run->kv_blocks && block < 0; ++b) {
    if (run->state(0, b).dn < 0) block = b;
  }
  ASSERT_GE(block, 1) << "the zero-v input must make dn negative";
  StepThroughPanel panel;
  panel.setRun(run, inputs);
  panel.load(0, block, 0, QStringLiteral("test"));  // column 0 of V is exactly zero
  ASSERT_TRUE(QTest::qWaitFor([&] { return panel.steps() != nullptr; }, 30000));
  EXPECT_EQ(panel.probe().input_bits, 0u);
  EXPECT_TRUE(panel.addText().contains(QStringLiteral("zero_garbage")))
      << panel.addText().toStdString();
  panel.setBlock(run->kv_blocks - 1);
  EXPECT_TRUE(panel.guardText().startsWith(QStringLiteral("guard engaged: ")))
      << panel.guardText().toStdString();
  EXPECT_TRUE(panel.guardText().endsWith(QStringLiteral("before the final divide")));
}

// A second load while the first row still replays: the panel ends on the second row, and the
// bit view gets that row's add.
TEST(StepThroughPanel, ALaterLoadWinsOverAReplayInFlight) {
  const InputsPtr inputs = jump_inputs();
  const auto run = std::make_shared<const NumericsRun>(run_numerics(*inputs, jump_config()));
  StepThroughPanel panel;
  panel.setRun(run, inputs);
  QSignalSpy probes(&panel, &StepThroughPanel::probeSelected);
  panel.load(0, 1, 5, QStringLiteral("first"));
  panel.load(2, 3, 9, QStringLiteral("second"));
  ASSERT_TRUE(
      QTest::qWaitFor([&] { return panel.steps() != nullptr && panel.steps()->row == 2; }, 30000));
  QTest::qWait(50);  // let a late first replay land, if it would
  EXPECT_EQ(panel.steps()->row, 2);
  ASSERT_FALSE(probes.isEmpty());
  EXPECT_TRUE(probes.last().at(1).toString().contains(QStringLiteral("row 2, column 9")));
  EXPECT_EQ(panel.probe().input_bits,
            step_through_row(*inputs, jump_config(), 2).probe(3, 9).input_bits);
}

TEST(OperatingRange, OutlinedOnTheExponentHeatmapAndInItsExport) {
  HeatmapPlot plot;
  plot.resize(700, 500);
  plot.setGrid(exponent_shift_heatmap(-160, 40));
  ASSERT_EQ(plot.grid().regions.size(), 1u);
  const HeatmapRegion& range = plot.grid().regions.front();
  EXPECT_EQ(range.x0, -30.5);
  EXPECT_EQ(range.x1, 0.5);
  EXPECT_EQ(range.y0, 0.5);
  EXPECT_EQ(range.y1, 254.5);
  EXPECT_NE(range.label.find("dn in [-30, 0], normal inputs"), std::string::npos);
  ASSERT_EQ(plot.regionItems().size(), 2u);  // the outline and its label
  const auto* shape = dynamic_cast<const QwtPlotShapeItem*>(plot.regionItems().front());
  ASSERT_NE(shape, nullptr);
  EXPECT_EQ(shape->boundingRect(), QRectF(QPointF(-30.5, 0.5), QPointF(0.5, 254.5)));

  // In the export: the outline's red, which the colour map never uses, is drawn.
  const auto red_pixels = [](const QImage& image) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
      for (int x = 0; x < image.width(); ++x) {
        const QColor c = image.pixelColor(x, y);
        count += c.red() > 220 && c.green() < 60 && c.blue() > 40 && c.blue() < 100;
      }
    }
    return count;
  };
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString with_range = dir.filePath(QStringLiteral("with.png"));
  ASSERT_EQ(export_plot(&plot, with_range, QSize(800, 600)), QString());
  const int drawn = red_pixels(QImage(with_range));
  // Two vertical sides of about 500 px at least.
  EXPECT_GT(drawn, 800);
  HeatmapGrid plain = exponent_shift_heatmap(-160, 40);
  plain.regions.clear();
  plot.setGrid(plain);
  EXPECT_TRUE(plot.regionItems().empty());
  const QString without = dir.filePath(QStringLiteral("without.png"));
  ASSERT_EQ(export_plot(&plot, without, QSize(800, 600)), QString());
  EXPECT_LT(red_pixels(QImage(without)), drawn / 20);
}

}  // namespace
}  // namespace amla::ui
