#pragma once
// The flags that shape a figure (--figure, --dpi, --font-pt, --cores, --units, --pipes, --range,
// --legend, --no-legend, --no-title), declared once for every command that draws a timeline image
// (simulate, import), and read into an ImageExportRequest; and the four of them a plot's image
// takes (sweep --heatmap, sensitivity --plot), with the same meanings and limits.
#include <optional>
#include <string>

#include "app/cli/arg_list.h"
#include "app/cli/flag_spec.h"
#include "app/cli/image_export.h"

namespace amla::cli {

// `outputs` names the image flags they shape, for the help ("--timeline/--buffers").
FlagTable figure_flag_table(const std::string& outputs);

// Reads the figure flags into `request` (whose paths must be read already). A figure flag
// given without any image output is refused: InputError naming the flag and `outputs`.
void parse_figure_flags(ArgList& list, const std::string& outputs, ImageExportRequest& request);

// --figure (a preset or WxH; default double), --dpi, --font-pt and --no-title for the plot image
// flag `output` ("--heatmap"); `title` says what the title shows, for the help.
FlagTable plot_figure_flag_table(const std::string& output, const std::string& title);

// Those flags as a checked FigureSpec for the image at `path`; without one, any of them given is
// refused (InputError naming the flag and `output`).
amla::FigureSpec parse_plot_figure_flags(ArgList& list, const std::optional<std::string>& path,
                                         const std::string& output);

}  // namespace amla::cli
