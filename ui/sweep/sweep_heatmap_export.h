#pragma once
// A sweep's heatmap as a figure, without a window: for the sweep page's export and for
// `amla-cli sweep` (which runs a QApplication on the offscreen platform). The title names the
// metric, the swept parameters and the knobs every cell shares.
#include <QImage>
#include <QString>

#include "core/sweep/sweep.h"
#include "core/view/figure_spec.h"

namespace amla::ui {

// Exactly width x height pixels.
QImage render_sweep_heatmap(const amla::SweepResult& result, int width, int height);

// PNG, SVG or PDF by the suffix at the figure's printed size, DPI and text size (as every
// figure), written atomically. Empty on success, otherwise the reason.
QString export_sweep_heatmap(const amla::SweepResult& result, const amla::FigureSpec& figure,
                             const QString& path);

}  // namespace amla::ui
