#pragma once
// A sensitivity run's tornado chart as a file, without a window: for the studio's export and for
// `amla-cli sensitivity --plot` (which runs a QApplication on the offscreen platform).
#include <QSize>
#include <QString>

#include "core/run/sensitivity.h"

namespace amla::ui {

// PNG, SVG or PDF by the suffix, written atomically. Empty on success, otherwise the reason.
QString export_tornado_chart(const amla::SensitivityResult& result, const QString& subject,
                             const QString& path, const QSize& pixels);

}  // namespace amla::ui
