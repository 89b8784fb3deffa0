// The Numerics page with the FP16 variants: choosing variants and PASA's switches at their
// fields (errors shown there), and the metrics table with a column per variant, the overflow
// counts and every criterion by name and level.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <cmath>

#include "ui/main_window.h"
#include "ui/numerics/heatmap_plot.h"
#include "ui/numerics/metrics_view.h"
#include "ui/numerics/numerics_page.h"
#include "ui/numerics/pasa_grid_panel.h"
#include "ui/numerics/pasa_state_model.h"
#include "ui/numerics/run_controls.h"

namespace amla::ui {
namespace {

template <typename T>
T* child(QObject* parent, const char* name) {
  T* found = parent->findChild<T*>(QString::fromLatin1(name));
  EXPECT_NE(found, nullptr) << "no child named " << name;
  return found;
}

int row_named(QTableWidget* table, const QString& name) {
  for (int r = 0; r < table->rowCount(); ++r) {
    if (table->verticalHeaderItem(r) && table->verticalHeaderItem(r)->text() == name) return r;
  }
  return -1;
}

class NumericsVariantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    window_ = std::make_unique<MainWindow>(/*run_default_case=*/false);
    window_->resize(2000, 1100);
    window_->pages()->setCurrentWidget(window_->numericsPage());
    window_->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window_.get()));
  }
  NumericsPage* page() const { return window_->numericsPage(); }
  std::unique_ptr<MainWindow> window_;
};

TEST_F(NumericsVariantsTest, PasaSwitchErrorsShowAtTheirFields) {
  RunControls* controls = page()->controls();
  child<QCheckBox>(page(), "variant_pasa")->setChecked(true);
  auto* beta = child<QLineEdit>(page(), "betaEdit");
  beta->setText(QStringLiteral("1.5"));
  EXPECT_FALSE(controls->isValid());
  EXPECT_TRUE(controls->fieldError(QStringLiteral("pasa-beta")).contains(QStringLiteral("0.999")))
      << controls->fieldError(QStringLiteral("pasa-beta")).toStdString();
  EXPECT_FALSE(child<QPushButton>(page(), "runButton")->isEnabled());
  beta->setText(QStringLiteral("0.9375"));
  EXPECT_TRUE(controls->isValid());
  ASSERT_TRUE(controls->request().has_value());
  EXPECT_DOUBLE_EQ(controls->request()->config.pasa.beta, 0.9375);

  for (const char* name : {"variant_amla", "variant_baseline", "variant_fp16", "variant_pasa"}) {
    child<QCheckBox>(page(), name)->setChecked(false);
  }
  EXPECT_FALSE(controls->isValid());
  EXPECT_FALSE(controls->fieldError(QStringLiteral("variants")).isEmpty());

  child<QCheckBox>(page(), "variant_fp16")->setChecked(true);
  child<QLineEdit>(page(), "amplitudeEdit")->setText(QStringLiteral("-2"));
  EXPECT_TRUE(controls->fieldError(QStringLiteral("amplitude")).contains(QStringLiteral("-2")));
}

TEST_F(NumericsVariantsTest, RunShowsEveryVariantWithOverflowsAndNamedCriteria) {
  auto* dist = child<QComboBox>(page(), "distributionCombo");
  dist->setCurrentIndex(dist->findText(QStringLiteral("pasa-uniform")));
  child<QSpinBox>(page(), "rowsSpin")->setValue(8);
  child<QSpinBox>(page(), "kvLenSpin")->setValue(1024);
  for (const char* name : {"variant_fp16", "variant_pasa"}) {
    child<QCheckBox>(page(), name)->setChecked(true);
  }
  QSignalSpy done(page(), &NumericsPage::runCompleted);
  QTest::mouseClick(child<QPushButton>(page(), "runButton"), Qt::LeftButton);
  ASSERT_TRUE(!done.isEmpty() || done.wait(120000));
  ASSERT_TRUE(done.takeFirst().at(0).toBool());

  QTableWidget* table = page()->metrics()->metricsTable();
  ASSERT_EQ(table->columnCount(), 4);
  EXPECT_EQ(table->horizontalHeaderItem(2)->text(), QStringLiteral("FP16"));
  EXPECT_EQ(table->horizontalHeaderItem(3)->text(), QStringLiteral("PASA"));
  const int overflow = row_named(table, QStringLiteral("overflow count"));
  ASSERT_GE(overflow, 0);
  EXPECT_GT(table->item(overflow, 2)->text().toULongLong(), 0u);     // FP16 overflows at mean 30
  EXPECT_EQ(table->item(overflow, 3)->text(), QStringLiteral("0"));  // PASA does not
  EXPECT_EQ(table->item(row_named(table, QStringLiteral("relative RMSE")), 2)->text(),
            QStringLiteral("inf"));
  for (const char* criterion : {"FlashMLA dense decode test", "Ascend Threshold (per format)",
                                "Ascend Ratio L0", "Ascend Ratio L1", "Ascend Ratio L2"}) {
    const int r = row_named(table, QString::fromLatin1(criterion));
    ASSERT_GE(r, 0) << criterion;
    for (int c = 0; c < 4; ++c) ASSERT_NE(table->item(r, c), nullptr);
  }
  // The PASA tab shows its terms per KV block: the shift removed most of the scores' bias.
  PasaStateModel* pasa = page()->pasaStateModel();
  ASSERT_EQ(pasa->rowCount(), 2);
  EXPECT_GT(pasa->data(pasa->index(0, PasaStateModel::kShift)).toString().toDouble(), 10000.0);
  EXPECT_EQ(pasa->data(pasa->index(1, PasaStateModel::kOverflow)).toString(), QStringLiteral("no"));
  const int ratio_l2 = row_named(table, QStringLiteral("Ascend Ratio L2"));
  EXPECT_EQ(table->item(ratio_l2, 1)->text(), QStringLiteral("PASS"));  // baseline vs itself
  EXPECT_EQ(table->item(ratio_l2, 2)->text(), QStringLiteral("FAIL"));  // FP16 overflowed
}

TEST_F(NumericsVariantsTest, PasaGridShowsWhereFp16OverflowsAndPasaDoesNot) {
  child<QSpinBox>(page(), "rowsSpin")->setValue(2);
  child<QSpinBox>(page(), "kvLenSpin")->setValue(64);
  child<QSpinBox>(page(), "kvBlockSpin")->setValue(32);
  PasaGridPanel* grid = page()->pasaGrid();
  QSignalSpy done(grid, &PasaGridPanel::gridCompleted);
  QTest::mouseClick(child<QPushButton>(page(), "gridRunButton"), Qt::LeftButton);
  ASSERT_TRUE(!done.isEmpty() || done.wait(120000));
  ASSERT_TRUE(done.takeFirst().at(0).toBool()) << grid->status().toStdString();
  const amla::HeatmapGrid& fp16 = grid->fp16Plot()->grid();
  const amla::HeatmapGrid& pasa = grid->pasaPlot()->grid();
  ASSERT_EQ(fp16.nx, 4);
  ASSERT_EQ(fp16.ny, 4);
  for (int ix = 0; ix < 4; ++ix) {
    EXPECT_TRUE(std::isnan(fp16.at(ix, 3))) << "mean 30, Am index " << ix;  // overflowed
    EXPECT_TRUE(std::isfinite(fp16.at(ix, 0))) << "mean 0, Am index " << ix;
    for (int iy = 0; iy < 4; ++iy) EXPECT_TRUE(std::isfinite(pasa.at(ix, iy))) << ix << "," << iy;
  }
  EXPECT_TRUE(grid->status().contains(QStringLiteral("PASA at 0"))) << grid->status().toStdString();
}

}  // namespace
}  // namespace amla::ui
