#pragma once
// Writes anything drawn with a QPainter to PNG, SVG or PDF (by the file suffix) at an exact size
// in pixels. The figure is drawn into memory, then written through the output layer
// (core/common/output_set.h): a failure never leaves a partial file, and when the CLI declared
// the path the file lands with the command's other outputs. For figures that are not a single
// QwtPlot (export_plot covers those).
#include <QRect>
#include <QSize>
#include <QString>
#include <functional>

class QPainter;

namespace amla::ui {

using PaintFunction = std::function<void(QPainter& painter, const QRect& area)>;

// Empty on success, otherwise a one-line reason. `title` becomes the SVG / PDF document title.
QString export_painting(const QString& path, const QSize& pixels, const QString& title,
                        const PaintFunction& paint);

}  // namespace amla::ui
