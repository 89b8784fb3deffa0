#pragma once
// The flags that shape a figure (--figure, --dpi, --font-pt, --cores, --units, --pipes, --range,
// --legend, --no-legend, --no-title), declared once for every command that draws a timeline image
// (simulate, import), and read into an ImageExportRequest.
#include "app/cli/arg_list.h"
#include "app/cli/flag_spec.h"
#include "app/cli/image_export.h"

namespace amla::cli {

// `outputs` names the image flags they shape, for the help ("--timeline/--buffers").
FlagTable figure_flag_table(const std::string& outputs);

// Reads the figure flags into `request` (whose paths must be read already). A figure flag
// given without any image output is refused: InputError naming the flag and `outputs`.
void parse_figure_flags(ArgList& list, const std::string& outputs, ImageExportRequest& request);

}  // namespace amla::cli
