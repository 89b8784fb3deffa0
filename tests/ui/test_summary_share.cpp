// The Summary's Why table: each row's share is a bar with its percentage beside it. Drawn at
// 100%, 150% and 200% device pixels per pixel (QT_SCALE_FACTOR 1, 1.5, 2), no text lies on the
// bar's fill and the percentage's text stays right of the bar.
#include <gtest/gtest.h>

// Core headers first: trace.h has a member named `slots`, which Qt's keyword macro would eat.
#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"

#include <QHeaderView>
#include <QImage>
#include <QPainter>
#include <QTableWidget>
#include <memory>

#include "ui/studio/summary_view.h"

namespace amla::ui {
namespace {

QTableWidget* why_table(SummaryView& view) {
  for (QTableWidget* table : view.findChildren<QTableWidget*>()) {
    const QTableWidgetItem* header = table->horizontalHeaderItem(table->columnCount() - 1);
    if (header != nullptr && header->text() == QStringLiteral("share")) return table;
  }
  return nullptr;
}

bool near(QRgb pixel, const QColor& colour, int tolerance) {
  return std::abs(qRed(pixel) - colour.red()) <= tolerance &&
         std::abs(qGreen(pixel) - colour.green()) <= tolerance &&
         std::abs(qBlue(pixel) - colour.blue()) <= tolerance;
}

bool dark(QRgb pixel) { return std::max({qRed(pixel), qGreen(pixel), qBlue(pixel)}) < 100; }

TEST(SummaryShare, TheShareTextNeverLiesOnItsBarAtAnyScale) {
  amla::KernelConfig config;
  config.problem.batch = 16;
  config.problem.kv_len = 4096;
  const auto run = std::make_shared<const amla::SimulationRun>(
      amla::run_simulation(amla::find_preset("910B2"), config));
  SummaryView view;
  view.resize(1280, 720);
  view.show();
  view.setRun(run);
  QTableWidget* table = why_table(view);
  ASSERT_NE(table, nullptr);
  ASSERT_GT(table->rowCount(), 1);
  const QColor fill = table->palette().color(QPalette::Active, QPalette::Highlight);
  for (const double scale : {1.0, 1.5, 2.0}) {
    int long_bars = 0;
    for (int row = 0; row < table->rowCount(); ++row) {
      const QRect cell = table->visualRect(table->model()->index(row, 2));
      if (cell.isEmpty() || !table->viewport()->rect().contains(cell)) continue;
      QImage image((QSizeF(cell.size()) * scale).toSize(), QImage::Format_ARGB32);
      image.setDevicePixelRatio(scale);
      image.fill(Qt::white);
      table->viewport()->render(&image, QPoint(), QRegion(cell));
      // The bar's fill: the box around its highlight-coloured pixels.
      int x0 = image.width(), x1 = -1, y0 = image.height(), y1 = -1;
      for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
          if (!near(image.pixel(x, y), fill, 40)) continue;
          x0 = std::min(x0, x);
          x1 = std::max(x1, x);
          y0 = std::min(y0, y);
          y1 = std::max(y1, y);
        }
      }
      const std::string where = "row " + std::to_string(row) + " at " + std::to_string(scale);
      int text_pixels = 0, text_left = image.width();
      for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
          if (!dark(image.pixel(x, y))) continue;
          ++text_pixels;
          text_left = std::min(text_left, x);
        }
      }
      EXPECT_GT(text_pixels, 0) << where << ": no percentage drawn";
      if (x1 - x0 < 8 * scale) continue;  // too short a bar to tell
      ++long_bars;
      // Inside the fill's box: the fill only, no digits drawn over it.
      int other = 0;
      for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) other += near(image.pixel(x, y), fill, 40) ? 0 : 1;
      }
      const int area = (x1 - x0 + 1) * (y1 - y0 + 1);
      EXPECT_LT(other, area / 100 + 1) << where << ": " << other << " of " << area
                                       << " pixels of the bar's fill are something else";
      EXPECT_GT(text_left, x1) << where << ": the text starts on the bar";
    }
    EXPECT_GT(long_bars, 0) << "at " << scale;
  }
}

}  // namespace
}  // namespace amla::ui
