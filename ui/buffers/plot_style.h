#pragma once
// The look shared by the Buffers panel's plots, on screen and in exports: white canvas with a
// thin frame, small tick fonts, short bold titles, and one fixed width for the left axis so
// stacked plots line their canvases up.
#include <qwt_text.h>
#include <QFont>

class QwtPlot;

namespace amla::ui {

// The tick labels' size: the panel's body text, which a figure prints at its chosen size.
inline constexpr int kPlotBodyPt = 8;

QFont plot_font(int point_size, bool bold = false);
// Text in the plot font, centred, wrapped at word breaks when wider than its place: a title, a
// footer or an axis title of a column-wide figure has room for half of a long one.
QwtText plot_text(const QString& text, int point_size, bool bold = false);
QwtText axis_title(const QString& text);
void style_strip_plot(QwtPlot* plot);
// Gives every plot's left axis the widest one's extent, so their canvases start at the same x.
void align_left_axes(const QList<QwtPlot*>& plots);

}  // namespace amla::ui
