#pragma once
// Writes a QwtPlot to PNG, SVG or PDF (chosen by the file suffix) at an exact size in pixels.
// The file is written to a temporary file next to the target and renamed only when complete, so
// a failed export never leaves a partial file. Errors come back as a message, never as an
// exception, because they travel through Qt code.
#include <QSize>
#include <QString>
#include <optional>

class QwtPlot;

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

}  // namespace amla::ui
