#include "ui/sensitivity/tornado_export.h"

#include <memory>

#include "ui/common/plot_export.h"
#include "ui/sensitivity/tornado_plot.h"

namespace amla::ui {

QString export_tornado_chart(const amla::SensitivityResult& result, const QString& subject,
                             const QString& path, const amla::FigureSpec& figure) {
  TornadoPlot plot;
  plot.setResult(std::make_shared<const amla::SensitivityResult>(result), subject);
  return export_plot(&plot, path, figure);
}

}  // namespace amla::ui
