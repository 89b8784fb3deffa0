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

namespace amla {
struct FigureSpec;
}

namespace amla::ui {

using PaintFunction = std::function<void(QPainter& painter, const QRect& area)>;

// Empty on success, otherwise a one-line reason. `title` becomes the SVG / PDF document title.
// Pixels at 96 dpi (kExportDpi).
QString export_painting(const QString& path, const QSize& pixels, const QString& title,
                        const PaintFunction& paint);

// The figure model's way: `paint` gets the figure in device pixels at figure.dpi, on every
// format. A PNG is figure.width_pixels() x figure.height_pixels() and records the DPI; an SVG
// and a PDF have the printed size in millimetres. Every background is white. SVG text names a
// generic "sans-serif" family after the font it was laid out with, so any viewer finds a font;
// the PDF writer embeds the fonts it uses.
QString export_figure(const QString& path, const amla::FigureSpec& figure, const QString& title,
                      const PaintFunction& paint);

}  // namespace amla::ui
