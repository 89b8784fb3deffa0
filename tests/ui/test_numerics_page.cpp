// Drives the real main window on Qt's offscreen platform: a small numerics run, the tables it
// fills, heatmap clicks feeding the bit view, plot export in three formats and its failure path,
// field validation, cancelling, and the bit view on the spec's hazard cases.
#include <gtest/gtest.h>

#include <qwt_plot_canvas.h>
#include <QApplication>
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <memory>
#include <numeric>
#include <optional>

#include "core/kernel/op_catalogue.h"
#include "core/numerics/accuracy_standards.h"
#include "core/numerics/float_bits.h"
#include "core/numerics/heatmaps.h"
#include "core/numerics/step_through.h"
#include "ui/common/export_dialog.h"
#include "ui/common/plot_export.h"
#include "ui/main_window.h"
#include "ui/numerics/bit_cells.h"
#include "ui/numerics/bit_view.h"
#include "ui/numerics/hazard_presets.h"
#include "ui/numerics/heatmap_panel.h"
#include "ui/numerics/heatmap_plot.h"
#include "ui/numerics/metrics_view.h"
#include "ui/numerics/numerics_page.h"
#include "ui/numerics/run_controls.h"
#include "ui/numerics/state_table_model.h"

namespace amla::ui {
namespace {

// The words the bit view shows for a class of the integer add, by its code name.
QString class_words(const char* key) {
  for (int c = 0; c < kRescaleClassCount; ++c) {
    const CatalogueEntry& e = rescale_class_entry(static_cast<RescaleClass>(c));
    if (e.key == key) return QString::fromStdString(e.name);
  }
  return QStringLiteral("(no class %1)").arg(QLatin1String(key));
}

constexpr int kRows = 16;
constexpr int kKvLen = 1024;
constexpr int kKvBlock = 256;
constexpr int kKvBlocks = kKvLen / kKvBlock;
constexpr int kRunTimeoutMs = 120000;

template <typename T>
T* child(QObject* parent, const char* name) {
  T* found = parent->findChild<T*>(QString::fromLatin1(name));
  EXPECT_NE(found, nullptr) << "no child named " << name;
  return found;
}

// Clicks Run and waits for the page's runCompleted; returns its argument.
bool run_and_wait(NumericsPage* page) {
  QSignalSpy done(page, &NumericsPage::runCompleted);
  QPushButton* run = child<QPushButton>(page, "runButton");
  EXPECT_TRUE(run->isEnabled());
  QTest::mouseClick(run, Qt::LeftButton);
  if (done.isEmpty() && !done.wait(kRunTimeoutMs)) return false;
  return done.takeFirst().at(0).toBool();
}

class NumericsPageTest : public ::testing::Test {
 protected:
  // One window and one small run for the whole suite: the run is the expensive part.
  static void SetUpTestSuite() {
    window_ = new MainWindow(/*run_default_case=*/false);
    // Wide enough that one output column of the 512-column heatmap is at least a pixel, next
    // to the studio's configuration dock.
    window_->resize(2400, 1200);
    window_->pages()->setCurrentWidget(window_->numericsPage());  // laid out only when shown
    window_->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window_));
    NumericsPage* page = window_->numericsPage();
    child<QSpinBox>(page, "rowsSpin")->setValue(kRows);
    child<QSpinBox>(page, "kvLenSpin")->setValue(kKvLen);
    child<QSpinBox>(page, "kvBlockSpin")->setValue(kKvBlock);
    request_ = page->controls()->request();
    run_ok_ = run_and_wait(page);
  }
  static void TearDownTestSuite() {
    delete window_;
    window_ = nullptr;
  }

  void SetUp() override { ASSERT_TRUE(run_ok_) << "the small run did not complete"; }

  NumericsPage* page() const { return window_->numericsPage(); }
  const NumericsRun& run() const { return *page()->lastRun(); }

  // The run's inputs, drawn again from the request it was made from.
  static AttentionInputs inputs() { return generate_inputs(request_->spec); }

  static MainWindow* window_;
  static bool run_ok_;
  static std::optional<NumericsRequest> request_;
};

MainWindow* NumericsPageTest::window_ = nullptr;
bool NumericsPageTest::run_ok_ = false;
std::optional<NumericsRequest> NumericsPageTest::request_;

TEST_F(NumericsPageTest, RunFillsTheMetricsTables) {
  ASSERT_EQ(run().rows, kRows);
  ASSERT_EQ(run().kv_len, kKvLen);
  ASSERT_EQ(run().kv_blocks, kKvBlocks);

  QTableWidget* metrics = page()->metrics()->metricsTable();
  ASSERT_EQ(metrics->columnCount(), 2);
  for (int r = 0; r < metrics->rowCount(); ++r) {
    for (int c = 0; c < 2; ++c) {
      ASSERT_NE(metrics->item(r, c), nullptr) << "row " << r << " column " << c;
      EXPECT_FALSE(metrics->item(r, c)->text().isEmpty());
    }
  }
  // Row 0 is the max abs error, shown with 4 significant digits.
  bool ok = false;
  const double amla_max_abs = metrics->item(0, 0)->text().toDouble(&ok);
  ASSERT_TRUE(ok);
  EXPECT_NEAR(amla_max_abs, run().amla.metrics.max_abs_err,
              1e-3 * run().amla.metrics.max_abs_err + 1e-30);
  const double baseline_max_abs = metrics->item(0, 1)->text().toDouble(&ok);
  ASSERT_TRUE(ok);
  EXPECT_NEAR(baseline_max_abs, run().baseline.metrics.max_abs_err,
              1e-3 * run().baseline.metrics.max_abs_err + 1e-30);
  // Five criteria rows (FlashMLA, Ascend Threshold, Ascend Ratio L0/L1/L2) say PASS or FAIL for
  // each variant; the FlashMLA row matches the core.
  const auto verdict_cells = metrics->findItems(QStringLiteral("PASS"), Qt::MatchExactly).size() +
                             metrics->findItems(QStringLiteral("FAIL"), Qt::MatchExactly).size();
  EXPECT_EQ(verdict_cells, 10);
  int flashmla_row = -1;
  for (int r = 0; r < metrics->rowCount(); ++r) {
    if (metrics->verticalHeaderItem(r)->text() == QStringLiteral("FlashMLA dense decode test")) {
      flashmla_row = r;
    }
  }
  ASSERT_GE(flashmla_row, 0);
  EXPECT_EQ(metrics->item(flashmla_row, 0)->text(),
            run().amla.metrics.flashmla_pass ? QStringLiteral("PASS") : QStringLiteral("FAIL"));

  // Rescale classes: the counts shown are the core's, and there is one integer add per element
  // of O for every KV block after the first.
  QTableWidget* classes = page()->metrics()->classTable();
  std::uint64_t shown_total = 0;
  for (int c = 0; c + 1 < classes->rowCount(); ++c) {
    ASSERT_NE(classes->item(c, 0), nullptr);
    shown_total += classes->item(c, 0)->text().toULongLong();
  }
  const auto& counts = run().amla.rescale_classes;
  EXPECT_EQ(shown_total, std::accumulate(counts.begin(), counts.end(), std::uint64_t{0}));
  EXPECT_EQ(shown_total, std::uint64_t{kRows} * 512 * (kKvBlocks - 1));
  EXPECT_EQ(classes->item(classes->rowCount() - 1, 0)->text().toULongLong(), run().amla.guard_hits);
}

// The status under Run names each criterion with its own verdict, the same as the table's.
TEST_F(NumericsPageTest, StatusNamesEveryCriterionWithItsVerdict) {
  const QString status = child<QLabel>(page(), "runStatus")->text();
  EXPECT_TRUE(status.contains(QStringLiteral("FlashMLA"))) << status.toStdString();
  EXPECT_TRUE(status.contains(QStringLiteral("Ascend Ratio"))) << status.toStdString();
  EXPECT_TRUE(status.contains(QStringLiteral("Ascend Threshold"))) << status.toStdString();
  for (NumericsVariant v : run().variants) {
    const VariantInfo& info = variant_info(v);
    const auto criteria =
        evaluate_criteria(run().result(v).metrics, run().baseline.metrics, info.output);
    const QString expected = QStringLiteral("%1: %2").arg(
        QString::fromLatin1(info.label), QString::fromStdString(criteria_verdicts(criteria)));
    EXPECT_TRUE(status.contains(expected)) << status.toStdString();
    // A failing criterion is never hidden behind a "pass".
    for (const auto& c : criteria) {
      if (!c.pass) {
        EXPECT_TRUE(status.contains(QStringLiteral("FAIL"))) << status.toStdString();
      }
    }
  }
}

TEST_F(NumericsPageTest, StateTableHasOneLinePerKvBlock) {
  StateTableModel* model = page()->stateModel();
  ASSERT_EQ(model->rowCount(), kKvBlocks);
  ASSERT_EQ(model->columnCount(), StateTableModel::kColumnCount);
  EXPECT_EQ(page()->stateRowSpin()->maximum(), kRows - 1);

  page()->stateRowSpin()->setValue(5);
  EXPECT_EQ(model->row(), 5);
  for (int b = 0; b < kKvBlocks; ++b) {
    const RowBlockState& s = run().state(5, b);
    EXPECT_EQ(model->index(b, StateTableModel::kDn).data().toInt(), s.dn);
    EXPECT_EQ(model->index(b, StateTableModel::kN).data().toInt(), s.n);
    EXPECT_FLOAT_EQ(model->index(b, StateTableModel::kM).data().toString().toFloat(), s.m);
    EXPECT_EQ(model->index(b, StateTableModel::kAddendHex).data().toString(),
              QString::fromStdString(hex32(static_cast<std::uint32_t>(s.N))));
  }
  EXPECT_EQ(model->index(0, StateTableModel::kDn).data().toInt(), 0);  // dn_1 := 0
}

TEST_F(NumericsPageTest, ClickingOutputErrorCellLoadsTheProbe) {
  HeatmapPanel* heatmaps = page()->heatmaps();
  heatmaps->setCurrentTab(HeatmapPanel::kOutputError);
  HeatmapPlot* plot = heatmaps->plot(HeatmapPanel::kOutputError);
  QApplication::processEvents();
  ASSERT_TRUE(plot->hasData());
  ASSERT_EQ(plot->grid().ny, kRows);
  ASSERT_EQ(plot->grid().nx, 512);

  const int row = 7;
  const int column = 300;
  const QPoint at = plot->canvasPointOfCell(column, row);
  ASSERT_EQ(plot->cellAt(at), QPoint(column, row));
  QSignalSpy clicked(plot, &HeatmapPlot::cellClicked);
  QTest::mouseClick(plot->canvas(), Qt::LeftButton, Qt::NoModifier, at);
  ASSERT_EQ(clicked.size(), 1);

  const BitProbe expected = output_error_probe(run(), row, column);
  const BitProbe& shown = page()->bitView()->probe();
  EXPECT_EQ(shown.input_bits, expected.input_bits);
  EXPECT_EQ(shown.shift, expected.shift);
  EXPECT_EQ(shown.compensation, expected.compensation);
  const RescaleReport report =
      analyze_exponent_add(expected.input_bits, expected.shift, expected.compensation);
  EXPECT_EQ(page()->bitView()->report().result_bits, report.result_bits);
  EXPECT_EQ(page()->bitView()->cells()->rowBits(BitCells::kResultRow), report.result_bits);
  EXPECT_TRUE(page()->bitView()->probeSource().contains(QStringLiteral("row 7, column 300")));
  EXPECT_TRUE(plot->describeCell(column, row).contains(QStringLiteral("output column = 300")));
  // The clicked row is now the one in the state table.
  EXPECT_EQ(page()->stateModel()->row(), row);
}

// The column of a row where AMLA is furthest from the golden.
int worst_amla_column(const NumericsRun& run, int row) {
  int worst = 0;
  for (int c = 1; c < kValueDim; ++c) {
    if (std::fabs(run.amla.output(row, c) - run.golden(row, c)) >
        std::fabs(run.amla.output(row, worst) - run.golden(row, worst))) {
      worst = c;
    }
  }
  return worst;
}

// A cell of the error-growth heatmap is one (row, KV block): the add it loads is that block's,
// not the row's last one.
TEST_F(NumericsPageTest, ClickingErrorGrowthCellLoadsTheAddOfThatBlock) {
  HeatmapPanel* heatmaps = page()->heatmaps();
  heatmaps->setCurrentTab(HeatmapPanel::kErrorGrowth);
  heatmaps->setVariant(HeatmapPanel::kErrorGrowth, HeatmapPanel::kAmla);
  HeatmapPlot* plot = heatmaps->plot(HeatmapPanel::kErrorGrowth);
  QApplication::processEvents();
  ASSERT_EQ(plot->grid().nx, kKvBlocks);
  const int row = 7;
  const RowStepThrough expected_row = step_through_row(inputs(), request_->config, row);
  for (int block : {1, 2, kKvBlocks - 1}) {
    QTest::mouseClick(plot->canvas(), Qt::LeftButton, Qt::NoModifier,
                      plot->canvasPointOfCell(block, row));
    // The step-through replays the row in the background, then loads the add.
    EXPECT_TRUE(QTest::qWaitFor(
        [&] {
          return page()->bitView()->probeSource().contains(QStringLiteral("block %1").arg(block));
        },
        30000));
    const int column = worst_amla_column(run(), row);
    const BitProbe expected = expected_row.probe(block, column);
    const BitProbe& shown = page()->bitView()->probe();
    EXPECT_EQ(shown.input_bits, expected.input_bits) << "block " << block;
    EXPECT_EQ(shown.shift, expected.shift) << "block " << block;
    EXPECT_EQ(shown.compensation, expected.compensation) << "block " << block;
    EXPECT_TRUE(page()->bitView()->probeSource().contains(QStringLiteral("block %1").arg(block)))
        << page()->bitView()->probeSource().toStdString();
    EXPECT_EQ(page()->stateModel()->row(), row);
  }
  // The blocks' adds differ: loading the last one for every cell would not pass the above.
  EXPECT_NE(expected_row.probe(1, 0).input_bits, expected_row.probe(kKvBlocks - 1, 0).input_bits);
}

TEST_F(NumericsPageTest, ClickingExponentHeatmapCellLoadsTheProbe) {
  HeatmapPanel* heatmaps = page()->heatmaps();
  heatmaps->setCurrentTab(HeatmapPanel::kExponentShift);
  HeatmapPlot* plot = heatmaps->plot(HeatmapPanel::kExponentShift);
  QApplication::processEvents();
  // Biased exponent 0 (zero/subnormal input with the default fraction) at dn = -3.
  const int ix = plot->grid().cell_x(-3);
  const int iy = plot->grid().cell_y(0);
  ASSERT_GE(ix, 0);
  ASSERT_GE(iy, 0);
  QTest::mouseClick(plot->canvas(), Qt::LeftButton, Qt::NoModifier,
                    plot->canvasPointOfCell(ix, iy));
  const BitProbe expected = exponent_shift_probe(plot->grid(), ix, iy);
  EXPECT_EQ(page()->bitView()->probe().input_bits, expected.input_bits);
  EXPECT_EQ(page()->bitView()->probe().shift, -3);
  EXPECT_TRUE(page()->bitView()->probeSource().contains(QStringLiteral("exponent")));
  EXPECT_EQ(page()->bitView()->classificationText(), class_words("subnormal_input"));
}

TEST_F(NumericsPageTest, ExportsPngSvgAndPdfAtTheAskedSize) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  HeatmapPlot* plot = page()->heatmaps()->plot(HeatmapPanel::kOutputError);

  const QString png = dir.filePath(QStringLiteral("heatmap.png"));
  ASSERT_EQ(export_plot(plot, png, QSize(640, 480)), QString());
  QImage image(png);
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), QSize(640, 480));
  EXPECT_EQ(QImageReader(png).format(), QByteArray("png"));
  // Something other than the white background was drawn (axes, cells, colour bar).
  int coloured = 0;
  for (int y = 0; y < image.height(); y += 4) {
    for (int x = 0; x < image.width(); x += 4) {
      const QColor c = image.pixelColor(x, y);
      if (c.saturation() > 60) ++coloured;
    }
  }
  EXPECT_GT(coloured, 1000);

  const QString svg = dir.filePath(QStringLiteral("heatmap.svg"));
  ASSERT_EQ(export_plot(plot, svg, QSize(800, 600)), QString());
  QFile svg_file(svg);
  ASSERT_TRUE(svg_file.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&svg_file);
  ASSERT_TRUE(xml.readNextStartElement());
  EXPECT_EQ(xml.name().toString(), QStringLiteral("svg"));
  EXPECT_EQ(xml.attributes().value(QStringLiteral("viewBox")).toString(),
            QStringLiteral("0 0 800 600"));
  while (!xml.atEnd()) xml.readNext();
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();

  const QString pdf = dir.filePath(QStringLiteral("heatmap.pdf"));
  ASSERT_EQ(export_plot(plot, pdf, QSize(800, 600)), QString());
  QFile pdf_file(pdf);
  ASSERT_TRUE(pdf_file.open(QIODevice::ReadOnly));
  EXPECT_EQ(pdf_file.read(4), QByteArray("%PDF"));
  EXPECT_GT(pdf_file.size(), 1000);
  // 800 x 600 px at 96 dpi is a 600 x 450 pt page.
  pdf_file.seek(0);
  EXPECT_TRUE(pdf_file.readAll().contains("/MediaBox [0 0 600.000000 450.000000]"));

  // No temporary files are left next to the exports.
  EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files).size(), 3);
}

TEST_F(NumericsPageTest, FailedExportReportsAndLeavesNoFile) {
  HeatmapPlot* plot = page()->heatmaps()->plot(HeatmapPanel::kExponentShift);
  const QString missing_dir = QStringLiteral("/nonexistent-amla-dir/heatmap.png");
  const QString error = export_plot(plot, missing_dir, QSize(320, 240));
  EXPECT_FALSE(error.isEmpty());
  EXPECT_TRUE(error.contains(QStringLiteral("does not exist"))) << error.toStdString();
  EXPECT_FALSE(QFileInfo::exists(missing_dir));

  QTemporaryDir dir;
  const QString unknown = dir.filePath(QStringLiteral("heatmap.bmp"));
  EXPECT_FALSE(export_plot(plot, unknown, QSize(320, 240)).isEmpty());
  EXPECT_FALSE(QFileInfo::exists(unknown));
  const QString too_big = dir.filePath(QStringLiteral("heatmap.png"));
  EXPECT_FALSE(export_plot(plot, too_big, QSize(100000, 10)).isEmpty());
  EXPECT_FALSE(QFileInfo::exists(too_big));
  EXPECT_TRUE(QDir(dir.path()).entryList(QDir::Files).isEmpty());
}

TEST_F(NumericsPageTest, ExportDialogWritesTheFileOrShowsTheError) {
  QTemporaryDir dir;
  HeatmapPlot* plot = page()->heatmaps()->plot(HeatmapPanel::kMantissa);
  ExportDialog dialog(plot, window_);
  const QString path = dir.filePath(QStringLiteral("mantissa.png"));
  child<QSpinBox>(&dialog, "exportWidthSpin")->setValue(300);
  child<QSpinBox>(&dialog, "exportHeightSpin")->setValue(200);

  child<QLineEdit>(&dialog, "exportFileEdit")
      ->setText(QStringLiteral("/nonexistent-amla-dir/x.png"));
  dialog.accept();
  EXPECT_NE(dialog.result(), QDialog::Accepted);
  EXPECT_FALSE(child<QLabel>(&dialog, "exportErrorLabel")->text().isEmpty());

  child<QLineEdit>(&dialog, "exportFileEdit")->setText(path);
  dialog.accept();
  EXPECT_EQ(dialog.result(), QDialog::Accepted);
  EXPECT_EQ(QImage(path).size(), QSize(300, 200));
}

// A number longer than its field (the default scale, 1/sqrt(576) = 0.041666666666666664) shows
// its start, as it is set and as a request is loaded: the field used to show its last digits,
// ".041666666666666664".
TEST_F(NumericsPageTest, ALongNumberShowsItsStart) {
  QLineEdit* scale = child<QLineEdit>(page(), "scaleEdit");
  ASSERT_GT(scale->text().size(), 12) << scale->text().toStdString();
  EXPECT_EQ(scale->cursorPosition(), 0);
  page()->controls()->setRequest(*page()->controls()->request());
  EXPECT_EQ(scale->cursorPosition(), 0);
}

TEST_F(NumericsPageTest, InvalidFieldShowsReasonAndDisablesRun) {
  QLineEdit* scale = child<QLineEdit>(page(), "scaleEdit");
  QPushButton* run_button = child<QPushButton>(page(), "runButton");
  const QString good = scale->text();
  ASSERT_TRUE(run_button->isEnabled());

  scale->setText(QStringLiteral("abc"));
  EXPECT_FALSE(run_button->isEnabled());
  EXPECT_TRUE(
      page()->controls()->fieldError(QStringLiteral("scale")).contains(QStringLiteral("abc")));
  scale->setText(QStringLiteral("-1"));  // parses, but the core's validator refuses it
  EXPECT_FALSE(run_button->isEnabled());
  EXPECT_TRUE(
      page()->controls()->fieldError(QStringLiteral("scale")).startsWith(QStringLiteral("scale")));
  scale->setText(good);
  EXPECT_TRUE(run_button->isEnabled());
  EXPECT_TRUE(page()->controls()->fieldError(QStringLiteral("scale")).isEmpty());

  QLineEdit* epsilon = child<QLineEdit>(page(), "epsilonEdit");
  epsilon->setText(QStringLiteral("0.5"));  // outside [-0.01, 0.01]
  EXPECT_FALSE(run_button->isEnabled());
  EXPECT_TRUE(page()
                  ->controls()
                  ->fieldError(QStringLiteral("epsilon"))
                  .contains(QStringLiteral("epsilon")));
  epsilon->setText(QStringLiteral("1e-6"));
  EXPECT_TRUE(run_button->isEnabled());
}

TEST_F(NumericsPageTest, CancelStopsALongRun) {
  NumericsPage* p = page();
  QSpinBox* rows = child<QSpinBox>(p, "rowsSpin");
  QSpinBox* kv_len = child<QSpinBox>(p, "kvLenSpin");
  rows->setValue(512);
  kv_len->setValue(1 << 15);
  QSignalSpy done(p, &NumericsPage::runCompleted);
  QTest::mouseClick(child<QPushButton>(p, "runButton"), Qt::LeftButton);
  ASSERT_TRUE(p->isRunning());
  QTest::mouseClick(child<QPushButton>(p, "cancelButton"), Qt::LeftButton);
  ASSERT_TRUE(done.wait(kRunTimeoutMs));
  EXPECT_FALSE(done.takeFirst().at(0).toBool());
  EXPECT_FALSE(p->isRunning());
  // The earlier results are still shown.
  EXPECT_EQ(p->lastRun()->rows, kRows);
  EXPECT_TRUE(child<QPushButton>(p, "runButton")->isEnabled());
  rows->setValue(kRows);
  kv_len->setValue(kKvLen);
}

// A bit view on its own, for the spec's hazard table (amla-numerics.md, section 4).
TEST(BitViewTest, PositiveZeroShiftedDownBorrowsIntoTheSign) {
  BitView view;
  view.selectPreset(0);  // "+0, n = -3"
  EXPECT_EQ(view.probe().input_bits, 0x00000000u);
  EXPECT_EQ(view.probe().shift, -3);
  EXPECT_EQ(view.report().result_bits, 0xFE800000u);
  EXPECT_EQ(view.report().reference_bits, 0x00000000u);
  EXPECT_EQ(view.classificationText(), class_words("zero_garbage"));
  EXPECT_EQ(view.cells()->rowBits(BitCells::kResultRow), 0xFE800000u);
  EXPECT_EQ(view.cells()->rowBits(BitCells::kXorRow), 0xFE800000u);
  EXPECT_EQ(view.cells()->rowBits(BitCells::kAddendRow), 0xFE800000u);  // -3 * 2^23
}

TEST(BitViewTest, EveryPresetMatchesTheSpecTable) {
  struct Expected {
    std::uint32_t result;
    const char* classification;
  };
  // In hazard_presets() order.
  const Expected expected[] = {
      {0xFE800000u, "zero_garbage"},    {0x7E800000u, "zero_garbage"},
      {0x01800000u, "zero_garbage"},    {0xFF800200u, "subnormal_input"},
      {0x00800200u, "subnormal_input"}, {0x00000000u, "underflow_lost"},
      {0xFF800000u, "underflow_wrap"},  {0x00000000u, "underflow_lost"},
      {0xFF800000u, "underflow_wrap"},  {0xF4800000u, "underflow_wrap"},
      {0x7FFFFFFFu, "overflow_wrap"},   {0x80000000u, "overflow_wrap"},
      {0x7F000000u, "inf_lost"},        {0x7F400000u, "nan_lost"},
      {0x5B800000u, "underflow_wrap"},  {0x30800000u, "exact"},
  };
  ASSERT_EQ(hazard_presets().size(), std::size(expected));
  BitView view;
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    view.selectPreset(static_cast<int>(i));
    EXPECT_EQ(view.report().result_bits, expected[i].result) << hazard_presets()[i].name;
    EXPECT_EQ(view.classificationText(), class_words(expected[i].classification))
        << hazard_presets()[i].name;
  }
}

TEST(BitViewTest, TypingAndClickingBitsEditTheInput) {
  BitView view;
  view.show();
  QLineEdit* value = child<QLineEdit>(&view, "bitValueEdit");
  value->selectAll();
  QTest::keyClicks(value, QStringLiteral("1.5"));
  EXPECT_EQ(view.probe().input_bits, 0x3FC00000u);
  EXPECT_TRUE(view.inputError().isEmpty());

  value->selectAll();
  QTest::keyClicks(value, QStringLiteral("1.5x"));
  EXPECT_FALSE(view.inputError().isEmpty());
  EXPECT_TRUE(view.inputError().startsWith(QStringLiteral("value")));
  EXPECT_EQ(view.probe().input_bits, 0x3FC00000u);  // the last good value stays

  // Clicking the sign cell of the input row toggles bit 31.
  BitCells* cells = view.cells();
  QTest::mouseClick(cells, Qt::LeftButton, Qt::NoModifier,
                    cells->cellRect(BitCells::kInputRow, 31).center());
  EXPECT_EQ(view.probe().input_bits, 0xBFC00000u);
  EXPECT_EQ(value->text(), QStringLiteral("-1.5"));
  EXPECT_TRUE(view.inputError().isEmpty());
}

}  // namespace
}  // namespace amla::ui
