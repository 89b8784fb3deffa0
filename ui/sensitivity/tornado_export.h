#pragma once
// A sensitivity run's tornado chart as a file, without a window: for the studio's export and for
// `amla-cli sensitivity --plot` (which runs a QApplication on the offscreen platform).
#include <QString>

#include "core/run/sensitivity.h"
#include "core/view/figure_spec.h"

namespace amla::ui {

// PNG, SVG or PDF by the suffix at the figure's printed size, DPI and text size (as every
// figure), written atomically. Empty on success, otherwise the reason.
QString export_tornado_chart(const amla::SensitivityResult& result, const QString& subject,
                             const QString& path, const amla::FigureSpec& figure);

}  // namespace amla::ui
