#include "ui/sweep/sweep_heatmap_export.h"

#include <QPainter>
#include <algorithm>
#include <memory>

#include "ui/common/plot_export.h"
#include "ui/sweep/sweep_heatmap.h"

namespace amla::ui {

QImage render_sweep_heatmap(const amla::SweepResult& result, int width, int height) {
  SweepHeatmap plot;
  plot.setResult(std::make_shared<const amla::SweepResult>(result));
  QImage image(std::max(1, width), std::max(1, height), QImage::Format_ARGB32);
  image.setDotsPerMeterX(qRound(kExportDpi / 0.0254));
  image.setDotsPerMeterY(qRound(kExportDpi / 0.0254));
  image.fill(Qt::white);
  QPainter painter(&image);
  render_plot_for_export(&plot, painter, QRectF(image.rect()));  // the same look as export_plot
  return image;
}

QString export_sweep_heatmap(const amla::SweepResult& result, const amla::FigureSpec& figure,
                             const QString& path) {
  SweepHeatmap plot;
  plot.setResult(std::make_shared<const amla::SweepResult>(result));
  return export_plot(&plot, path, figure);
}

}  // namespace amla::ui
