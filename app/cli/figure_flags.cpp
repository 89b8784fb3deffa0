#include "app/cli/figure_flags.h"

#include "core/common/input_error.h"

namespace amla::cli {

namespace {

std::string preset_names() {
  std::string names;
  for (const FigurePreset& p : figure_presets()) {
    names += std::string(names.empty() ? "" : ", ") + std::string(p.name) + " (" +
             std::string(p.meaning) + ", " + format_real(p.width_mm) + " x " +
             format_real(p.height_mm) + " mm, " + format_real(p.font_pt) + " pt)";
  }
  return names;
}

std::string legend_help() {
  std::string help;
  for (const LegendPositionName& p : legend_positions()) {
    help += (help.empty() ? "" : ", ") + std::string(p.name) + " (" + std::string(p.meaning) + ")";
  }
  return help;
}

}  // namespace

namespace {

// The flags both tables share, built once here.
FlagSpec figure_size_flag(const std::string& outputs, bool timeline, const std::string& preset) {
  const std::string heights =
      timeline
          ? ". A column or double-column timeline takes the height its lanes need (at most " +
                format_real(FigureSpec::kMaxFitHeightMm) + " mm); a slide and WxH fix the height."
          : ".";
  FlagSpec figure = text_flag("figure", "column|double|slide|WxH",
                              "With " + outputs +
                                  ": the printed size of the figure, a preset or width x height "
                                  "in millimetres. Presets: " +
                                  preset_names() + heights,
                              preset);
  figure.range_text = "a preset or WxH, each side in [" + format_real(FigureSpec::kMinSideMm) +
                      ", " + format_real(FigureSpec::kMaxSideMm) + "] mm";
  return figure;
}

FlagSpec dpi_flag(const std::string& outputs) {
  const FigureSpec defaults;
  // A text flag read as an integer: like every figure flag it needs an image to shape, even
  // at its default, which an integer flag's default may not.
  FlagSpec dpi = text_flag("dpi", "N",
                           "With " + outputs +
                               ": dots per inch of a PNG (an SVG or PDF keeps the printed size "
                               "and ignores it).",
                           format_real(defaults.dpi));
  dpi.min = static_cast<long long>(FigureSpec::kMinDpi);
  dpi.max = static_cast<long long>(FigureSpec::kMaxDpi);
  dpi.range_text = integer_range_text(dpi.min, dpi.max);
  return dpi;
}

FlagSpec font_flag(const std::string& outputs) {
  FlagSpec font = text_flag("font-pt", "PT",
                            "With " + outputs +
                                ": the body text size in points at the printed size (titles "
                                "are 1.2 times larger).",
                            "the preset's: 8, slide 16");
  font.real_min = FigureSpec::kMinFontPt;
  font.real_max = FigureSpec::kMaxFontPt;
  font.range_text = real_range_text(font.real_min, font.real_max);
  font.unit = "points";
  return font;
}

FlagSpec no_title_flag(const std::string& outputs, const std::string& what) {
  return bare_flag("no-title", "With " + outputs + ": leave the title (" + what + ") out.");
}

// Refuses any flag of `table` given without an image to shape.
void refuse_without_image(ArgList& list, const FlagTable& table, const std::string& outputs) {
  for (const FlagSpec& flag : table) {
    if (list.has(flag.name)) {
      const std::string value = flag.takes_value() ? list.value(flag.name).value_or("") : "given";
      throw InputError("--" + flag.name, value, "needs " + outputs + " FILE");
    }
  }
}

// --figure, --dpi, --font-pt and --no-title into a checked FigureSpec.
FigureSpec parse_size_dpi_font_title(ArgList& list) {
  FigureSpec figure = parse_figure(list.text("figure"), "--figure");
  if (const auto dpi = list.value("dpi")) {
    figure.dpi = static_cast<double>(list.integer_of("dpi", *dpi));
  }
  if (const auto font = list.value("font-pt")) figure.font_pt = list.real_of("font-pt", *font);
  figure.title = !list.flag("no-title");
  return figure;
}

}  // namespace

FlagTable figure_flag_table(const std::string& outputs) {
  const FigureSpec defaults;
  FlagSpec range = text_flag("range", "START_US:END_US",
                             "With " + outputs +
                                 ": draw only this time window, in microseconds of simulated "
                                 "time; it must lie inside the run.",
                             "the whole run");
  range.real_min = 0;
  range.real_max = 1e12;
  range.range_text = "START_US < END_US, each " + real_range_text(range.real_min, range.real_max);
  // A text flag from the positions' one list rather than a choice flag: like every figure flag
  // it needs an image to shape, even at its default, which a choice flag's default may not.
  std::vector<std::string> positions;
  for (const LegendPositionName& p : legend_positions()) positions.emplace_back(p.name);
  FlagSpec legend =
      text_flag("legend", "POSITION",
                "With " + outputs + ": where the timeline's legend goes: " + legend_help() +
                    ". A plot figure (the buffers) keeps its legend in its own "
                    "place, or leaves it out with none.",
                std::string(legend_position_name(defaults.legend)));
  legend.range_text = choices_text(positions);
  return in_group(
      "Figure",
      {figure_size_flag(outputs, true, "column"), dpi_flag(outputs), font_flag(outputs),
       text_flag("cores", "LIST",
                 "With --timeline: the cores drawn, numbers and ranges (0-1,4); when their lanes "
                 "do not all fit the figure at a readable height, the least busy are left out "
                 "and counted in a note.",
                 "0"),
       text_flag("units", "LIST", "With --timeline: the units drawn, of aic, aiv0, aiv1.",
                 "aic,aiv0,aiv1"),
       text_flag("pipes", "LIST",
                 "With --timeline: the pipes drawn, of " + pipe_list_text(0x7f) + ".",
                 "every pipe"),
       range, legend, bare_flag("no-legend", "With " + outputs + ": the same as --legend none."),
       no_title_flag(outputs, "the configuration")});
}

FlagTable plot_figure_flag_table(const std::string& output, const std::string& title) {
  return in_group("Figure", {figure_size_flag(output, false, "double"), dpi_flag(output),
                             font_flag(output), no_title_flag(output, title)});
}

FigureSpec parse_plot_figure_flags(ArgList& list, const std::optional<std::string>& path,
                                   const std::string& output) {
  if (!path) {
    refuse_without_image(list, plot_figure_flag_table(output, ""), output);
    return FigureSpec{};
  }
  FigureSpec figure = parse_size_dpi_font_title(list);
  validate_figure(figure, "--figure");
  return figure;
}

void parse_figure_flags(ArgList& list, const std::string& outputs, ImageExportRequest& request) {
  const bool any_image = request.timeline_path || request.buffers_path;
  if (!any_image) {
    refuse_without_image(list, figure_flag_table(outputs), outputs);
    return;
  }
  if (!request.timeline_path) {
    for (const char* name : {"units", "pipes"}) {
      if (const auto value = list.value(name)) {
        throw InputError("--" + std::string(name), *value, "needs --timeline FILE");
      }
    }
  }
  FigureSpec figure = parse_size_dpi_font_title(list);
  const auto legend = list.value("legend");  // read once: reading takes the tokens
  if (legend) figure.legend = parse_legend_position(*legend, "--legend");
  if (list.flag("no-legend")) {
    // An alias of --legend none: refused beside another position rather than one winning.
    if (legend && figure.has_legend()) {
      throw InputError("--no-legend", "given",
                       "contradicts --legend " + std::string(legend_position_name(figure.legend)));
    }
    figure.legend = LegendPosition::kNone;
  }
  validate_figure(figure, "--figure");
  request.figure = figure;
  if (const auto cores = list.value("cores")) request.content.cores = parse_core_list(*cores);
  if (const auto units = list.value("units")) request.content.units = parse_unit_list(*units);
  if (const auto pipes = list.value("pipes")) request.content.pipes = parse_pipe_list(*pipes);
  if (const auto range = list.value("range"))
    request.content.range_us = parse_time_range_us(*range);
}

}  // namespace amla::cli
