#pragma once
// Writes a QwtPlot to PNG, SVG or PDF (chosen by the file suffix) at an exact size in pixels.
// The file is written to a temporary file next to the target and renamed only when complete, so
// a failed export never leaves a partial file. Errors come back as a message, never as an
// exception, because they travel through Qt code.
#include <QImage>
#include <QSize>
#include <QString>
#include <optional>

class QPainter;
class QRectF;
class QwtPlot;

namespace amla {
struct FigureSpec;
}

namespace amla::ui {

enum class PlotFileFormat { kPng, kSvg, kPdf };

// The format named by the file's suffix (case-insensitive), or nothing for an unknown suffix.
std::optional<PlotFileFormat> plot_format_for(const QString& path);

// Pixels per inch used to turn a size in pixels into a page size for SVG and PDF.
constexpr double kExportDpi = 96.0;

// Smallest and largest accepted export sizes, per side, in pixels.
constexpr int kMinExportPixels = 16;
constexpr int kMaxExportPixels = 16384;

// Returns an empty string on success, otherwise a one-line reason.
QString export_plot(QwtPlot* plot, const QString& path, const QSize& pixels);
// At the figure's printed size and DPI; the plot's text scaled so its body font prints at
// figure.font_pt.
// figure.title false leaves the plot's title out, figure.legend none its legend (a plot keeps
// its legend where the plot has it: the positions place a timeline's).
QString export_plot(QwtPlot* plot, const QString& path, const amla::FigureSpec& figure);

// The same figure as an image (figure.width_pixels() x height_pixels() at figure.dpi), for
// previews.
QImage render_plot_figure(QwtPlot* plot, const amla::FigureSpec& figure);

// How every export draws a plot: on white (neither the widget's grey nor the canvas fill nor
// its frame come along), no frame around the scales. Qwt keeps the fonts' printed size at the
// device's DPI.
// `title` / `legend` false leave the plot's title / legend out.
void render_plot_for_export(QwtPlot* plot, QPainter& painter, const QRectF& rect, bool title = true,
                            bool legend = true);

}  // namespace amla::ui
