#include "ui/timeline/timeline_figure.h"

#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "core/common/input_error.h"
#include "core/ops/trace.h"
#include "core/run/simulation_run.h"
#include "core/view/timeline_index.h"
#include "ui/common/painted_export.h"
#include "ui/timeline/timeline_layout.h"
#include "ui/timeline/timeline_legend.h"
#include "ui/timeline/timeline_palette.h"
#include "ui/timeline/timeline_renderer.h"
#include "ui/timeline/timeline_style.h"

namespace amla::ui {

namespace {

constexpr Unit kUnits[kUnitCount] = {Unit::kAic, Unit::kAiv0, Unit::kAiv1};
// Row heights in layout pixels, for 11-pixel labels: about 1.4 lines, so labels never touch.
constexpr int kCoreRowHeight = 16;
constexpr int kUnitRowHeight = 15;
constexpr int kLaneRowHeight = 15;
// White space right of the lanes, so the last tick label and the lanes' ends do not touch the
// figure's edge.
constexpr int kRightMargin = 8;

double cycles_per_us(const SimulationRun& run) { return run.trace.clock_ghz * 1e3; }

double end_us(const SimulationRun& run, const TimelineIndex& index) {
  return static_cast<double>(std::max<std::int64_t>(index.end_cycle(), 1)) / cycles_per_us(run);
}

// One unit of one core: its header row and the lanes of the chosen pipes.
struct UnitGroup {
  int core = 0;
  Unit unit = Unit::kAic;
  std::vector<Pipe> pipes;
};

std::vector<UnitGroup> chosen_groups(const TimelineFigureContent& content) {
  std::vector<UnitGroup> groups;
  for (int core : content.cores) {
    for (Unit unit : kUnits) {
      if (!content.shows(unit)) continue;
      UnitGroup g{core, unit, {}};
      for (int p = 0; p < kPipeCount; ++p) {
        const auto pipe = static_cast<Pipe>(p);
        if (content.shows(pipe) && unit_has_pipe(unit, pipe)) g.pipes.push_back(pipe);
      }
      if (!g.pipes.empty()) groups.push_back(std::move(g));
    }
  }
  return groups;
}

// Rows for the chosen lanes in display order. When they do not all fit `available` layout
// pixels, the busiest of them: the longest run of the lanes ranked by `busy` (cycles in the
// window; ties in display order) that fits with the header rows of its units and cores. So every
// lane shown is at least as busy as every lane left out, a taller figure never shows fewer, and
// a unit none of whose lanes are shown is left out, header and all. `lanes_hidden`: those left
// out.
std::vector<TimelineRow> fitted_rows(const std::vector<UnitGroup>& groups, int available,
                                     const std::function<double(int lane)>& busy,
                                     int* lanes_hidden) {
  struct Candidate {
    std::size_t group;
    Pipe pipe;
    double busy;
  };
  std::vector<Candidate> lanes;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (Pipe pipe : groups[g].pipes) {
      lanes.push_back({g, pipe, busy(lane_index(groups[g].core, groups[g].unit, pipe))});
    }
  }
  std::vector<std::size_t> ranked(lanes.size());
  for (std::size_t i = 0; i < ranked.size(); ++i) ranked[i] = i;
  std::stable_sort(ranked.begin(), ranked.end(),
                   [&](std::size_t a, std::size_t b) { return lanes[a].busy > lanes[b].busy; });
  // Adds ranked lanes while the rows they need fit (all of them when everything does).
  std::vector<int> kept_in_group(groups.size(), 0);
  std::vector<bool> kept(lanes.size(), false);
  std::vector<int> core_groups_kept;  // per core id: groups with a lane kept
  int height = 0, shown = 0;
  for (std::size_t i : ranked) {
    const UnitGroup& g = groups[lanes[i].group];
    if (static_cast<std::size_t>(g.core) >= core_groups_kept.size()) {
      core_groups_kept.resize(static_cast<std::size_t>(g.core) + 1, 0);
    }
    const bool new_unit = kept_in_group[lanes[i].group] == 0;
    const bool new_core = new_unit && core_groups_kept[static_cast<std::size_t>(g.core)] == 0;
    const int needs =
        kLaneRowHeight + (new_unit ? kUnitRowHeight : 0) + (new_core ? kCoreRowHeight : 0);
    if (height + needs > available) break;
    height += needs;
    kept[i] = true;
    ++shown;
    if (new_unit) ++core_groups_kept[static_cast<std::size_t>(g.core)];
    ++kept_in_group[lanes[i].group];
  }
  *lanes_hidden = static_cast<int>(lanes.size()) - shown;

  std::vector<TimelineRow> rows;
  int y = 0, last_core = -1;
  const auto add = [&](TimelineRow row, int h) {
    row.y = y;
    row.height = h;
    y += h;
    rows.push_back(row);
  };
  std::size_t next = 0;  // candidates are in display order
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    const UnitGroup& g = groups[gi];
    if (kept_in_group[gi] == 0) {
      next += g.pipes.size();
      continue;
    }
    TimelineRow row;
    row.core = g.core;
    row.expanded = true;
    if (g.core != last_core) {
      row.kind = RowKind::kCore;
      add(row, kCoreRowHeight);
      last_core = g.core;
    }
    row.kind = RowKind::kUnit;
    row.unit = g.unit;
    add(row, kUnitRowHeight);
    for (Pipe pipe : g.pipes) {
      if (kept[next++]) {
        row.kind = RowKind::kLane;
        row.pipe = pipe;
        row.lane = lane_index(g.core, g.unit, pipe);
        row.expanded = false;
        add(row, kLaneRowHeight);
      }
    }
  }
  return rows;
}

// The label column: as wide as the widest label it holds, plus the ruler's axis title.
int label_column_width(const std::vector<UnitGroup>& groups) {
  const QFontMetrics bold(timeline_font(kLabelFontPx, true));
  const QFontMetrics plain(timeline_font(kLabelFontPx));
  const QFontMetrics ruler(timeline_font(kRulerFontPx + 1, true));
  int width = ruler.horizontalAdvance(QStringLiteral("time (\u00b5s)")) + 8;
  for (const UnitGroup& g : groups) {
    width = std::max(width, bold.horizontalAdvance(QStringLiteral("Core %1").arg(g.core)) + 8);
    for (Pipe pipe : g.pipes) {
      width = std::max(
          width, kFigureLaneIndent + plain.horizontalAdvance(QLatin1String(pipe_name(pipe))) + 6);
    }
  }
  return width;
}

}  // namespace

QString timeline_figure_title(const SimulationRun& run) {
  const Problem& p = run.config.problem;
  return QStringLiteral("%1, preload %2, %3: B=%4, %5 heads x %6 q, S_k=%7")
      .arg(QString::fromLatin1(variant_name(run.config.variant)).toUpper())
      .arg(run.config.tiling.preload)
      .arg(QString::fromStdString(run.hardware.name))
      .arg(p.batch)
      .arg(p.heads)
      .arg(p.q_tokens)
      .arg(p.kv_lens.empty() ? QString::number(p.kv_len) : QStringLiteral("varied"));
}

void check_timeline_figure(const SimulationRun& run, const TimelineFigureContent& content) {
  const TimelineIndex index(run.trace);
  check_figure_content(content, run.trace.cores, end_us(run, index));
}

namespace {

// Op kinds on `lanes` inside the window: the legend lists only these.
std::uint32_t kinds_on_lanes(const TimelineIndex& index, const std::vector<int>& lanes, double t0,
                             double t1) {
  const OpTrace& ops = index.trace().ops;
  std::uint32_t kinds = 0;
  for (int lane : lanes) {
    const OpRange r = index.visible_ops(lane, t0, t1);
    for (std::int64_t i = r.first; i < r.last; ++i) {
      const auto k = static_cast<std::size_t>(i);
      if (ops.end[k] > t0 && ops.start[k] < t1) kinds |= 1u << static_cast<int>(ops.kind[k]);
    }
  }
  return kinds;
}

// The groups' lanes, in display order.
std::vector<int> lanes_of(const std::vector<UnitGroup>& groups) {
  std::vector<int> lanes;
  for (const UnitGroup& g : groups) {
    for (Pipe pipe : g.pipes) lanes.push_back(lane_index(g.core, g.unit, pipe));
  }
  return lanes;
}

// Everything is laid out in layout pixels where the label font is 11 px, then scaled so that
// font prints at figure.font_pt: text keeps its printed size at any DPI.
double layout_scale(const FigureSpec& figure) {
  return figure.pixels_for_pt(figure.font_pt) / kLabelFontPx;
}

struct FigureScene {
  TimelinePalette palette;
  std::vector<UnitGroup> groups;
  std::vector<TimelineRow> rows;
  TimelineScene scene;
};

// The scene without its rows: title, ruler, legend and label column as the settings ask.
void build_scene(FigureScene& f, const SimulationRun& run, const TimelineIndex& index,
                 const FigureSpec& figure, const TimelineFigureContent& content) {
  TimelineScene& scene = f.scene;
  scene.index = &index;
  scene.palette = &f.palette;
  scene.rows = &f.rows;
  scene.clock_ghz = run.trace.clock_ghz;
  scene.t0 = 0;
  scene.t1 = static_cast<double>(std::max<std::int64_t>(index.end_cycle(), 1));
  if (content.range_us) {
    scene.t0 = content.range_us->first * cycles_per_us(run);
    scene.t1 = content.range_us->second * cycles_per_us(run);
  }
  scene.microseconds = true;
  scene.figure = true;
  scene.title = figure.title ? timeline_figure_title(run) : QString();
  scene.legend = figure.legend;
  scene.line_width =
      std::max(1.0, figure.line_pixels(FigureSpec::kMinLinePt) / layout_scale(figure));
  f.groups = chosen_groups(content);
  scene.label_width = label_column_width(f.groups);
  if (figure.has_legend()) {
    scene.legend_kinds = kinds_on_lanes(index, lanes_of(f.groups), scene.t0, scene.t1);
    if (scene.legend_kinds == 0) scene.legend_kinds = index.kinds_present();
  }
}

int rows_height(const std::vector<UnitGroup>& groups) {
  int total = 0, last_core = -1;
  for (const UnitGroup& g : groups) {
    total += (g.core != last_core ? kCoreRowHeight : 0) + kUnitRowHeight +
             kLaneRowHeight * static_cast<int>(g.pipes.size());
    last_core = g.core;
  }
  return total;
}

}  // namespace

FigureSpec fitted_timeline_figure(const SimulationRun& run, const TimelineIndex& index,
                                  const FigureSpec& figure, const TimelineFigureContent& content) {
  if (!figure.fit_height) return figure;
  FigureScene f;
  build_scene(f, run, index, figure, content);
  const double scale = layout_scale(figure);
  const int width = static_cast<int>(figure.pixels_for_mm(figure.width_mm) / scale) - kRightMargin;
  // The frame around the tracks at a nominal height, plus the rows (and a pixel of slack for
  // the rounding to device pixels).
  const QRect probe(0, 0, width, 10000);
  const TimelineGeometry geo = timeline_geometry(probe, f.scene);
  const int frame = probe.height() - geo.tracks.height();
  // A legend at the right may run below the last lane: the figure is tall enough for both.
  const int right_legend = figure.legend == LegendPosition::kRight && !geo.legend.isEmpty()
                               ? geo.legend.bottom() + 2
                               : 0;
  const double layout_px = std::max(frame + rows_height(f.groups) + 1, right_legend);
  FigureSpec fitted = figure;
  const double mm = layout_px * scale / figure.dpi * 25.4;
  fitted.height_mm = std::clamp(mm, FigureSpec::kMinSideMm, FigureSpec::kMaxFitHeightMm);
  return fitted;
}

TimelineFigureLayout paint_timeline_figure(QPainter& painter, const QRect& device,
                                           const SimulationRun& run, const TimelineIndex& index,
                                           const FigureSpec& figure,
                                           const TimelineFigureContent& content) {
  TimelineFigureLayout out;
  out.scale = layout_scale(figure);
  out.height_mm = device.height() / figure.dpi * 25.4;
  const QRect area(0, 0, static_cast<int>(device.width() / out.scale) - kRightMargin,
                   static_cast<int>(device.height() / out.scale));
  FigureScene f;
  build_scene(f, run, index, figure, content);
  TimelineScene& scene = f.scene;

  // First as if everything fits; when it does not, again with room for the note.
  int hidden = 0;
  const auto busy = [&](int lane) { return index.busy_cycles(lane, scene.t0, scene.t1); };
  const auto fit = [&] {
    f.rows = fitted_rows(f.groups, timeline_geometry(area, scene).tracks.height(), busy, &hidden);
  };
  const auto shown_lanes = [&] {
    std::vector<int> lanes;
    for (const TimelineRow& r : f.rows) {
      if (r.kind == RowKind::kLane) lanes.push_back(r.lane);
    }
    return lanes;
  };
  const auto note = [&] {
    if (hidden == 0) return QString();
    const QString why = f.rows.empty() ? QString() : QStringLiteral(" (the least busy)");
    return (hidden == 1 ? QStringLiteral("1 lane not shown")
                        : QStringLiteral("%1 lanes not shown").arg(hidden)) +
           why;
  };
  fit();
  if (hidden > 0) {
    scene.note = QStringLiteral("%1 lanes not shown (the least busy)").arg(hidden);
    fit();
    // The legend lists the kinds of the lanes shown (settle_legend: a shorter one may leave
    // room for more lanes).
    if (scene.legend != LegendPosition::kNone && !f.rows.empty()) {
      const SettledLegend legend = settle_legend(scene.legend_kinds, [&](std::uint32_t kinds) {
        scene.legend_kinds = kinds;
        fit();
        return kinds_on_lanes(index, shown_lanes(), scene.t0, scene.t1);
      });
      scene.legend_kinds = legend.layout;
      fit();
      scene.legend_kinds = legend.listed;  // the lanes stay as laid out
    }
    scene.note = note();
  }
  out.lanes = shown_lanes();
  out.lanes_shown = static_cast<int>(out.lanes.size());
  out.lanes_hidden = hidden;
  out.legend_kinds = figure.has_legend() ? scene.legend_kinds : 0;
  out.kinds_shown = kinds_on_lanes(index, out.lanes, scene.t0, scene.t1);

  const TimelineGeometry geo = timeline_geometry(area, scene);
  const auto to_device = [&](const QRect& r) {
    return QRectF(device.left() + r.left() * out.scale, device.top() + r.top() * out.scale,
                  r.width() * out.scale, r.height() * out.scale);
  };
  out.labels = to_device(geo.labels);
  out.tracks = to_device(geo.tracks);
  if (!geo.legend.isEmpty()) out.legend = to_device(geo.legend);

  painter.save();
  painter.fillRect(device, Qt::white);
  painter.translate(device.topLeft());
  painter.scale(out.scale, out.scale);
  paint_timeline_scene(painter, area, scene);
  painter.restore();
  return out;
}

QImage render_timeline_figure(const SimulationRun& run, const FigureSpec& figure,
                              const TimelineFigureContent& content, TimelineFigureLayout* layout) {
  const TimelineIndex index(run.trace);
  try {
    check_figure_content(content, run.trace.cores, end_us(run, index));
    validate_figure(figure);
  } catch (const InputError&) {
    return {};
  }
  const FigureSpec fitted = fitted_timeline_figure(run, index, figure, content);
  QImage image(fitted.width_pixels(), fitted.height_pixels(), QImage::Format_ARGB32_Premultiplied);
  const int dots_per_meter = static_cast<int>(std::lround(figure.dpi / 0.0254));
  image.setDotsPerMeterX(dots_per_meter);
  image.setDotsPerMeterY(dots_per_meter);
  image.fill(Qt::white);
  QPainter painter(&image);
  const TimelineFigureLayout kept =
      paint_timeline_figure(painter, image.rect(), run, index, fitted, content);
  if (layout != nullptr) *layout = kept;
  return image;
}

QString export_timeline_figure(const SimulationRun& run, const FigureSpec& figure,
                               const TimelineFigureContent& content, const QString& path,
                               TimelineFigureLayout* layout) {
  const TimelineIndex index(run.trace);
  try {
    check_figure_content(content, run.trace.cores, end_us(run, index));
    validate_figure(figure);
  } catch (const InputError& e) {
    return QStringLiteral("%1 %2: %3")
        .arg(QString::fromStdString(e.field()), QString::fromStdString(e.value()),
             QString::fromStdString(e.limit()));
  }
  const QString title = figure.title ? timeline_figure_title(run) : QStringLiteral("timeline");
  const FigureSpec fitted = fitted_timeline_figure(run, index, figure, content);
  return export_figure(path, fitted, title, [&](QPainter& painter, const QRect& device) {
    const TimelineFigureLayout kept =
        paint_timeline_figure(painter, device, run, index, fitted, content);
    if (layout != nullptr) *layout = kept;
  });
}

}  // namespace amla::ui
