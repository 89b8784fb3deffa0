#pragma once
// A sweep's heatmap as a figure, without a window: for the sweep page's export and for
// `amla-cli sweep` (which runs a QApplication on the offscreen platform). The title names the
// metric, the swept parameters and the knobs every cell shares.
#include <QImage>
#include <QString>

#include "core/sweep/sweep.h"

namespace amla::ui {

// Exactly width x height pixels.
QImage render_sweep_heatmap(const amla::SweepResult& result, int width, int height);

// PNG, SVG or PDF by the suffix, written atomically. Empty on success, otherwise the reason.
QString export_sweep_heatmap(const amla::SweepResult& result, int width, int height,
                             const QString& path);

}  // namespace amla::ui
