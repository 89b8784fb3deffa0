// Publication figures (issue 12): printed size and DPI, text in points, lane labels that never
// overlap, the content the author chose, clean output, and one path for the GUI and the CLI.
#include <gtest/gtest.h>
#include <qwt_plot.h>
#include <qwt_plot_canvas.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTransform>
#include <QUrl>
#include <QXmlStreamReader>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <vector>

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/config_json.h"
#include "core/run/simulation_run.h"
#include "core/sweep/sweep.h"
#include "core/view/timeline_index.h"
#include "ui/buffers/buffers_export.h"
#include "ui/buffers/buffers_view.h"
#include "ui/buffers/plot_style.h"
#include "ui/common/app_settings.h"
#include "ui/common/plot_export.h"
#include "ui/compare/compare_page.h"
#include "ui/sensitivity/tornado_export.h"
#include "ui/sensitivity/tornado_item.h"
#include "ui/sensitivity/tornado_plot.h"
#include "ui/studio/panel_export_dialog.h"
#include "ui/sweep/sweep_format.h"
#include "ui/sweep/sweep_heatmap_export.h"
#include "ui/timeline/timeline_figure.h"

namespace amla::ui {
namespace {

RunConfig small_config() {
  RunConfig config;
  config.hardware = find_preset("910B2");
  config.kernel.problem.batch = 1;
  config.kernel.problem.kv_len = 2048;
  return config;
}

const SimulationRun& small_run() {
  static const SimulationRun run = [] {
    const RunConfig c = small_config();
    return run_simulation(c.hardware, c.kernel);
  }();
  return run;
}

double run_end_us(const SimulationRun& run) {
  return static_cast<double>(TimelineIndex(run.trace).end_cycle()) / (run.trace.clock_ghz * 1e3);
}

// One <text> of an SVG, in the document's (device) coordinates.
struct SvgText {
  QString text;
  double x = 0;        // start of the baseline
  double y = 0;        // baseline
  double font_px = 0;  // font size after the transforms
  QString family;
};

QTransform parse_matrix(const QString& attribute) {
  static const QRegularExpression matrix(QStringLiteral("matrix\\(([^)]*)\\)"));
  const auto m = matrix.match(attribute);
  if (!m.hasMatch()) return {};
  const QStringList v = m.captured(1).split(QLatin1Char(','));
  if (v.size() != 6) return {};
  return QTransform(v[0].toDouble(), v[1].toDouble(), v[2].toDouble(), v[3].toDouble(),
                    v[4].toDouble(), v[5].toDouble());
}

std::vector<SvgText> svg_texts(const QString& path, QString* root_width = nullptr) {
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&file);
  std::vector<QTransform> stack{QTransform()};
  std::vector<SvgText> texts;
  while (!xml.atEnd()) {
    const auto token = xml.readNext();
    if (token == QXmlStreamReader::StartElement) {
      const auto attrs = xml.attributes();
      const QTransform here =
          parse_matrix(attrs.value(QLatin1String("transform")).toString()) * stack.back();
      if (xml.name() == QLatin1String("svg") && root_width != nullptr) {
        *root_width = attrs.value(QLatin1String("width")).toString();
      }
      if (xml.name() == QLatin1String("text")) {
        SvgText t;
        const QPointF at = here.map(QPointF(attrs.value(QLatin1String("x")).toDouble(),
                                            attrs.value(QLatin1String("y")).toDouble()));
        t.x = at.x();
        t.y = at.y();
        // The vertical scale, also for text turned a quarter (an axis title).
        t.font_px =
            attrs.value(QLatin1String("font-size")).toDouble() * std::hypot(here.m12(), here.m22());
        t.family = attrs.value(QLatin1String("font-family")).toString();
        t.text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        texts.push_back(t);
        continue;  // readElementText consumed the end element
      }
      stack.push_back(here);
    } else if (token == QXmlStreamReader::EndElement) {
      if (stack.size() > 1) stack.pop_back();
    }
  }
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  return texts;
}

QByteArray read_all(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

TimelineFigureContent two_cores_aic_aiv0() {
  TimelineFigureContent c;
  c.cores = {0, 1};
  c.units = (1u << static_cast<int>(Unit::kAic)) | (1u << static_cast<int>(Unit::kAiv0));
  return c;
}

// Lane labels (the texts in the label column beside the lanes) in every preset, for a content
// that fits and one that does not: no two overlap (glyphs from 0.76 em above the baseline to
// 0.24 em below), and what was left out is counted in the note.
TEST(FigureExportTest, LaneLabelsNeverOverlapInAnyPreset) {
  QTemporaryDir dir;
  for (const FigurePreset& preset : figure_presets()) {
    for (const std::vector<int>& cores : {std::vector<int>{0}, std::vector<int>{0, 1, 2, 3}}) {
      const FigureSpec figure = parse_figure(preset.name);
      TimelineFigureContent content;
      content.cores = cores;
      const QString path = dir.filePath(QStringLiteral("t.svg"));
      TimelineFigureLayout layout;
      ASSERT_EQ(export_timeline_figure(small_run(), figure, content, path, &layout), QString());
      const std::string where = std::string(preset.name) + " cores " + core_list_text(cores);
      const int all_lanes = static_cast<int>(cores.size()) * 13;
      EXPECT_GT(layout.lanes_shown, 0) << where;
      EXPECT_EQ(layout.lanes_shown + layout.lanes_hidden, all_lanes) << where;
      std::vector<SvgText> labels;
      bool note = false;
      for (const SvgText& t : svg_texts(path)) {
        note |= t.text.contains(QLatin1String("not shown"));
        if (t.x >= layout.labels.left() && t.x < layout.labels.right() &&
            t.y > layout.tracks.top() && t.y <= layout.tracks.bottom() + 1) {
          labels.push_back(t);
        }
      }
      EXPECT_EQ(note, layout.lanes_hidden > 0) << where;
      // Core header, unit headers and one label per lane shown.
      EXPECT_GE(static_cast<int>(labels.size()), layout.lanes_shown) << where;
      std::sort(labels.begin(), labels.end(),
                [](const SvgText& a, const SvgText& b) { return a.y < b.y; });
      for (std::size_t i = 1; i < labels.size(); ++i) {
        const SvgText& a = labels[i - 1];
        const SvgText& b = labels[i];
        EXPECT_LE(a.y + 0.24 * a.font_px, b.y - 0.76 * b.font_px)
            << where << ": \"" << a.text.toStdString() << "\" and \"" << b.text.toStdString()
            << "\" overlap";
      }
      // The labels print at the figure's text size.
      for (const SvgText& t : labels) {
        EXPECT_NEAR(t.font_px / figure.dpi * 72.0, figure.font_pt, 0.05) << where;
      }
    }
  }
}

// The legend goes where it is asked: above the lanes, under them, in a column at their right,
// or nowhere; its entries are inside its box, never on the lanes, and inside the figure.
TEST(FigureExportTest, LegendGoesWhereAsked) {
  QTemporaryDir dir;
  for (const char* preset : {"column", "slide"}) {
    std::map<LegendPosition, double> height_mm;
    for (const LegendPositionName& p : legend_positions()) {
      FigureSpec figure = parse_figure(preset);
      figure.legend = p.position;
      const QString path = dir.filePath(QStringLiteral("legend.svg"));
      TimelineFigureLayout layout;
      ASSERT_EQ(export_timeline_figure(small_run(), figure, two_cores_aic_aiv0(), path, &layout),
                QString());
      const std::string where = std::string(preset) + " legend " + std::string(p.name);
      height_mm[p.position] = layout.height_mm;
      const double height_px = layout.height_mm / 25.4 * figure.dpi;
      const double width_px = figure.pixels_for_mm(figure.width_mm);
      const QRectF& legend = layout.legend;
      const QRectF& tracks = layout.tracks;
      switch (p.position) {
        case LegendPosition::kNone:
          EXPECT_TRUE(legend.isEmpty()) << where;
          break;
        case LegendPosition::kTop:
          EXPECT_LE(legend.bottom(), tracks.top() + 0.5) << where;
          break;
        case LegendPosition::kBottom:
          EXPECT_GE(legend.top(), tracks.bottom() - 0.5) << where;
          break;
        case LegendPosition::kRight:
          EXPECT_GE(legend.left(), tracks.right() - 0.5) << where;
          EXPECT_LT(legend.width(), width_px / 2) << where;
          break;
      }
      if (p.position == LegendPosition::kNone) continue;
      EXPECT_GT(legend.width(), 0) << where;
      EXPECT_LE(legend.right(), width_px + 0.5) << where;
      EXPECT_LE(legend.bottom(), height_px + 0.5) << where;
      bool entry = false;
      for (const SvgText& t : svg_texts(path)) {
        if (t.text != QLatin1String("folded, mixed kinds")) continue;
        entry = true;
        EXPECT_TRUE(legend.contains(QPointF(t.x, t.y))) << where << " at " << t.x << "," << t.y;
      }
      EXPECT_TRUE(entry) << where;
    }
    // A column takes the height its lanes and legend need: the same whether the legend is above
    // or under the lanes, less without one.
    EXPECT_NEAR(height_mm[LegendPosition::kTop], height_mm[LegendPosition::kBottom], 0.5) << preset;
    EXPECT_LE(height_mm[LegendPosition::kNone], height_mm[LegendPosition::kBottom]) << preset;
    EXPECT_LT(height_mm[LegendPosition::kBottom], FigureSpec::kMaxFitHeightMm) << preset;
  }
}

TEST(FigureExportTest, SvgNamesTheGenericSansSerifFamily) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("t.svg"));
  ASSERT_EQ(export_timeline_figure(small_run(), parse_figure("column"), two_cores_aic_aiv0(), path),
            QString());
  const std::vector<SvgText> texts = svg_texts(path);
  ASSERT_FALSE(texts.empty());
  for (const SvgText& t : texts) {
    EXPECT_TRUE(t.family.endsWith(QLatin1String("sans-serif"))) << t.family.toStdString();
  }
  EXPECT_FALSE(read_all(path).contains("\"Sans Serif\""));
  // A Qwt plot's default font ("Sans Serif" to Qt) becomes the generic family alone.
  QwtPlot plot;
  plot.setTitle(QStringLiteral("a plot"));
  const QString plot_svg = dir.filePath(QStringLiteral("p.svg"));
  ASSERT_EQ(export_plot(&plot, plot_svg, parse_figure("column")), QString());
  for (const SvgText& t : svg_texts(plot_svg)) {
    EXPECT_TRUE(t.family.endsWith(QLatin1String("sans-serif"))) << t.family.toStdString();
  }
}

TEST(FigureExportTest, SvgAndPdfHaveThePrintedSize) {
  QTemporaryDir dir;
  const QString svg = dir.filePath(QStringLiteral("t.svg"));
  ASSERT_EQ(export_timeline_figure(small_run(), parse_figure("double"), two_cores_aic_aiv0(), svg),
            QString());
  QString width;
  svg_texts(svg, &width);
  ASSERT_TRUE(width.endsWith(QLatin1String("mm"))) << width.toStdString();
  EXPECT_NEAR(width.chopped(2).toDouble(), 181.0, 0.2);
  // The PDF writer embeds the fonts it uses (a font file stream per font).
  const QString pdf = dir.filePath(QStringLiteral("t.pdf"));
  ASSERT_EQ(export_timeline_figure(small_run(), parse_figure("column"), two_cores_aic_aiv0(), pdf),
            QString());
  const QByteArray bytes = read_all(pdf);
  EXPECT_TRUE(bytes.startsWith("%PDF-"));
  EXPECT_TRUE(bytes.contains("/FontFile")) << "fonts not embedded";
  // 88.9 mm = 252 pt wide; as tall as the fitted figure.
  const TimelineIndex index(small_run().trace);
  const FigureSpec written =
      fitted_timeline_figure(small_run(), index, parse_figure("column"), two_cores_aic_aiv0());
  const QRegularExpression media(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
  // All of the bytes: the UTF-16 title holds NULs, where fromLatin1(QByteArray) would stop.
  const auto m = media.match(QString::fromLatin1(bytes.constData(), bytes.size()));
  ASSERT_TRUE(m.hasMatch());
  EXPECT_NEAR(m.captured(1).toDouble(), 88.9 / 25.4 * 72, 1.0);
  EXPECT_NEAR(m.captured(2).toDouble(), written.height_mm / 25.4 * 72, 1.0);
}

TEST(FigureExportTest, PngPixelsAreMillimetresTimesDpi) {
  QTemporaryDir dir;
  const TimelineIndex index(small_run().trace);
  for (const char* size : {"column", "120x80"}) {
    for (double dpi : {150.0, 300.0}) {
      FigureSpec figure = parse_figure(size);
      figure.dpi = dpi;
      const QString png = dir.filePath(QStringLiteral("t.png"));
      TimelineFigureLayout layout;
      ASSERT_EQ(export_timeline_figure(small_run(), figure, two_cores_aic_aiv0(), png, &layout),
                QString());
      // A column timeline takes the height its lanes need: all 18 here; 120x80 keeps 80 mm.
      const FigureSpec written =
          fitted_timeline_figure(small_run(), index, figure, two_cores_aic_aiv0());
      if (figure.fit_height) {
        EXPECT_EQ(layout.lanes_hidden, 0) << size;
        EXPECT_GT(written.height_mm, figure.height_mm) << size;
      } else {
        EXPECT_EQ(written.height_mm, 80.0);
      }
      QImageReader reader(png);
      const QImage image = reader.read();
      EXPECT_EQ(image.width(), qRound(figure.width_mm * dpi / 25.4)) << size;
      EXPECT_EQ(image.height(), qRound(written.height_mm * dpi / 25.4)) << size;
      EXPECT_NEAR(layout.height_mm, written.height_mm, 25.4 / dpi);
      EXPECT_NEAR(image.dotsPerMeterX() * 0.0254, dpi, 0.5);
      // White background, corners included.
      EXPECT_EQ(image.pixelColor(0, 0), QColor(Qt::white));
      EXPECT_EQ(image.pixelColor(image.width() - 1, image.height() - 1), QColor(Qt::white));
      // Buffers keep the width; a column takes at least the height asked, WxH exactly that.
      const QString buffers = dir.filePath(QStringLiteral("b.png"));
      BuffersFigureContent content;
      ASSERT_EQ(export_buffers_figure(small_run(), figure, content, buffers), QString());
      const QSize buffers_size = QImageReader(buffers).size();
      EXPECT_EQ(buffers_size.width(), qRound(figure.width_mm * dpi / 25.4));
      if (figure.fit_height) {
        EXPECT_GE(buffers_size.height(), qRound(figure.height_mm * dpi / 25.4));
      } else {
        EXPECT_EQ(buffers_size.height(), qRound(figure.height_mm * dpi / 25.4));
      }
    }
  }
}

// The buffers figure draws the buffers asked for, by name ("ub" both UBs).
TEST(FigureExportTest, BuffersFigureShowsTheBuffersAsked) {
  const SimulationRun& run = small_run();
  BuffersView view;
  view.setRun(std::shared_ptr<const SimulationRun>(&run, [](const SimulationRun*) {}));
  const int all = view.trackCount();
  EXPECT_GE(all, 7);
  view.setShownBuffers({"ub"});
  EXPECT_EQ(view.trackCount(), 2);
  view.setShownBuffers({"l1", "l0"});
  EXPECT_EQ(view.trackCount(), 4);
  view.setShownBuffers({});
  EXPECT_EQ(view.trackCount(), all);
  BuffersFigureContent content;
  content.buffers = {"l1", "hbm"};
  EXPECT_THROW(check_buffers_figure(run, content), InputError);
  content.buffers = {"l1"};
  EXPECT_NO_THROW(check_buffers_figure(run, content));
}

TEST(FigureExportTest, PlotExportsHaveAWhiteBackground) {
  QwtPlot plot;
  plot.setTitle(QStringLiteral("white"));
  const QImage image = render_plot_figure(&plot, parse_figure("column"));
  ASSERT_FALSE(image.isNull());
  for (const QPoint p :
       {QPoint(1, 1), QPoint(image.width() - 2, 1), QPoint(1, image.height() - 2)}) {
    EXPECT_EQ(image.pixelColor(p), QColor(Qt::white)) << p.x() << "," << p.y();
  }
}

// The ruler's tick labels: numbers in the band above the lanes, right of the label column.
std::vector<double> tick_values(const QString& svg, const TimelineFigureLayout& layout) {
  std::vector<double> values;
  for (const SvgText& t : svg_texts(svg)) {
    bool ok = false;
    const double v = t.text.toDouble(&ok);
    if (ok && t.y < layout.tracks.top() && t.x >= layout.labels.right()) values.push_back(v);
  }
  return values;
}

TEST(FigureExportTest, RangeLimitsTheTimeAxis) {
  QTemporaryDir dir;
  const QString svg = dir.filePath(QStringLiteral("t.svg"));
  const double end = run_end_us(small_run());
  ASSERT_GT(end, 6.0);
  TimelineFigureContent content = two_cores_aic_aiv0();
  TimelineFigureLayout layout;
  ASSERT_EQ(export_timeline_figure(small_run(), parse_figure("double"), content, svg, &layout),
            QString());
  const std::vector<double> whole = tick_values(svg, layout);
  ASSERT_GE(whole.size(), 3u);
  EXPECT_GT(*std::max_element(whole.begin(), whole.end()), 4.0);
  content.range_us = std::make_pair(2.0, 4.0);
  ASSERT_EQ(export_timeline_figure(small_run(), parse_figure("double"), content, svg, &layout),
            QString());
  const std::vector<double> window = tick_values(svg, layout);
  ASSERT_GE(window.size(), 3u);
  for (double v : window) {
    EXPECT_GE(v, 2.0);
    EXPECT_LE(v, 4.0);
  }
  // The axis spells the unit µs.
  bool unit = false;
  for (const SvgText& t : svg_texts(svg)) unit |= t.text == QStringLiteral("time (\u00b5s)");
  EXPECT_TRUE(unit);
  // A range past the run's end is refused, naming the flag.
  content.range_us = std::make_pair(1.0, end + 10);
  EXPECT_TRUE(export_timeline_figure(small_run(), parse_figure("double"), content, svg)
                  .startsWith(QLatin1String("--range")));
}

// A figure too short for every lane shows as many as fit, lane by lane: each lane's height more
// shows one lane more. (Whole units used to be left out, leaving up to four lanes' height blank
// above the note, as in the Compare figure at column width.)
TEST(FigureExportTest, AShortFigureShowsAsManyLanesAsFit) {
  TimelineFigureContent content;
  content.cores = {0};
  const TimelineIndex index(small_run().trace);
  const auto busy = [&](int lane) {
    return index.busy_cycles(lane, 0, static_cast<double>(index.end_cycle()));
  };
  std::vector<int> core_lanes;
  for (Unit unit : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
    for (int lane : index.unit_lanes(0, unit)) core_lanes.push_back(lane);
  }
  std::vector<int> shown;
  for (double height_mm = FigureSpec::kMinSideMm; height_mm <= 140; height_mm += 0.5) {
    FigureSpec figure = parse_figure("double");
    figure.height_mm = height_mm;
    figure.fit_height = false;
    TimelineFigureLayout layout;
    render_timeline_figure(small_run(), figure, content, &layout);
    ASSERT_EQ(layout.lanes_shown + layout.lanes_hidden, 13) << height_mm << " mm";
    ASSERT_EQ(static_cast<int>(layout.lanes.size()), layout.lanes_shown);
    // The lanes left out are the least busy: none busier than a lane shown.
    double least_shown = std::numeric_limits<double>::infinity();
    for (int lane : layout.lanes) least_shown = std::min(least_shown, busy(lane));
    for (int lane : core_lanes) {
      if (std::find(layout.lanes.begin(), layout.lanes.end(), lane) == layout.lanes.end()) {
        EXPECT_LE(busy(lane), least_shown) << "lane " << lane << " left out at " << height_mm;
      }
    }
    // Shown in display order.
    EXPECT_TRUE(std::is_sorted(layout.lanes.begin(), layout.lanes.end())) << height_mm;
    // The legend lists the kinds on the lanes shown, and no other (while any is shown).
    if (!layout.lanes.empty()) {
      std::uint32_t kinds = 0;
      const OpTrace& ops = small_run().trace.ops;
      for (int lane : layout.lanes) {
        const OpRange r = index.lane_ops(lane);
        for (std::int64_t i = r.first; i < r.last; ++i)
          kinds |= 1u << static_cast<int>(ops.kind[i]);
      }
      EXPECT_EQ(layout.legend_kinds, kinds) << height_mm << " mm";
    }
    if (shown.empty() || layout.lanes_shown != shown.back()) shown.push_back(layout.lanes_shown);
  }
  ASSERT_GE(shown.size(), 2u);
  EXPECT_EQ(shown.back(), 13);
  for (std::size_t i = 1; i < shown.size(); ++i) {
    // One lane more (a unit's first comes with its header); the last step also gives the note's
    // line back to the lanes, so it may show two.
    const int most = shown[i] == 13 ? 2 : 1;
    EXPECT_GE(shown[i], shown[i - 1] + 1) << "from " << shown[i - 1] << " lanes to " << shown[i];
    EXPECT_LE(shown[i], shown[i - 1] + most) << "from " << shown[i - 1] << " lanes to " << shown[i];
  }
}

TEST(FigureExportTest, TextKeepsItsPrintedSizeAtAnyDpi) {
  QTemporaryDir dir;
  for (double dpi : {96.0, 300.0, 600.0}) {
    FigureSpec figure = parse_figure("column");
    figure.dpi = dpi;
    TimelineFigureLayout layout;
    const QString svg = dir.filePath(QStringLiteral("t.svg"));
    ASSERT_EQ(export_timeline_figure(small_run(), figure, two_cores_aic_aiv0(), svg, &layout),
              QString());
    EXPECT_NEAR(layout.scale * 11 / dpi * 72, figure.font_pt, 1e-6);
    EXPECT_EQ(layout.lanes_shown,
              [&] {
                TimelineFigureLayout at_300;
                FigureSpec f = parse_figure("column");
                render_timeline_figure(small_run(), f, two_cores_aic_aiv0(), &at_300);
                return at_300.lanes_shown;
              }())
        << "the layout depends on the DPI at " << dpi;
  }
}

// The buffers figure prints its body text at the chosen size at every width, a column's too
// (its panel used to keep a 760-pixel layout floor and shrink the text to fit it, and its
// strips were scaled twice in a vector file).
TEST(FigureExportTest, BuffersFigureTextHasTheChosenSize) {
  QTemporaryDir dir;
  for (const char* preset : {"column", "double", "slide"}) {
    for (const double font_pt : {0.0, 6.0, 10.0}) {
      FigureSpec figure = parse_figure(preset);
      if (font_pt > 0) figure.font_pt = font_pt;
      const BuffersFigureLayout layout = buffers_figure_layout(figure);
      const std::string where = std::string(preset) + " at " + std::to_string(figure.font_pt);
      EXPECT_NEAR(layout.body_pt, figure.font_pt, 1e-6) << where;
      EXPECT_EQ(layout.figure.width_mm, figure.width_mm) << where;
      EXPECT_LE(layout.figure.height_mm, FigureSpec::kMaxFitHeightMm) << where;
      // As printed: the commonest text (the tick labels) at the chosen size, none smaller than
      // the smallest label's share of it (7 of 8 points), in the SVG and so in the PDF and PNG
      // drawn the same way.
      const QString svg = dir.filePath(QStringLiteral("b.svg"));
      ASSERT_EQ(export_buffers_figure(small_run(), figure, BuffersFigureContent{}, svg), QString());
      std::map<long, int> tenths;  // printed size in tenths of a point -> texts
      double smallest = 1e9;
      for (const SvgText& t : svg_texts(svg)) {
        if (t.text.trimmed().isEmpty()) continue;
        const double pt = t.font_px / figure.dpi * 72.0;
        smallest = std::min(smallest, pt);
        ++tenths[std::lround(pt * 10)];
      }
      ASSERT_FALSE(tenths.empty()) << where;
      const auto commonest =
          std::max_element(tenths.begin(), tenths.end(),
                           [](const auto& a, const auto& b) { return a.second < b.second; });
      // Qwt draws text in whole pixels of the screen it lays out on: within 2% and a rounding.
      const double slack = 0.02 * figure.font_pt + 0.05;
      EXPECT_NEAR(commonest->first / 10.0, figure.font_pt, slack) << where;
      EXPECT_GE(smallest, figure.font_pt * 7.0 / 8.0 - slack) << where;
      // The image has the figure's printed size.
      const QImage image = render_buffers_figure(small_run(), figure, BuffersFigureContent{});
      ASSERT_FALSE(image.isNull()) << where;
      EXPECT_EQ(image.width(), layout.figure.width_pixels()) << where;
      EXPECT_EQ(image.height(), layout.figure.height_pixels()) << where;
    }
  }
}

// A tornado chart of three parameters, one of whose ends could not run.
amla::SensitivityResult tornado_result() {
  amla::SensitivityResult r;
  r.delta = 0.2;
  r.makespan_us = 54.56;
  r.bound = "AIC CUBE";
  const auto end = [](double us) {
    amla::SensitivityEnd e;
    e.makespan_us = us;
    return e;
  };
  amla::SensitivityParam a{"fixp_bytes_per_cycle", "[F]", "", 56, end(57.19), end(53.31), 3.88};
  amla::SensitivityParam b{"vector_startup_cycles", "[H]", "", 12, end(53.84), end(55.27), 1.43};
  amla::SensitivityParam c{"hbm_bandwidth_gb_per_s", "[O][H][T]", "", 1600, end(54.56), {}, 0};
  c.plus.error = "above the parameter's range";
  r.params = {a, b, c};
  return r;
}

// The tornado chart's value labels and legend print at the size of its axis labels (the same
// 9-point font on screen), like every figure's text scaled with the figure: they used to be drawn
// at the device's resolution on top of the renderer's scaling, three times too large at 300 dpi.
TEST(FigureExportTest, TornadoFigureTextHasTheChosenSize) {
  QTemporaryDir dir;
  for (const char* preset : {"column", "double", "slide"}) {
    const FigureSpec figure = parse_figure(preset);
    const QString svg = dir.filePath(QStringLiteral("t.svg"));
    ASSERT_EQ(export_tornado_chart(tornado_result(), QStringLiteral("910C"), svg, figure),
              QString());
    double tick_pt = 0;
    std::vector<std::pair<QString, double>> labels;
    for (const SvgText& t : svg_texts(svg)) {
      const double pt = t.font_px / figure.dpi * 72.0;
      bool number = false;
      t.text.trimmed().toDouble(&number);
      if (number) tick_pt = std::max(tick_pt, pt);
      if (t.text.contains(QStringLiteral("\u00b5s (")) ||
          t.text.contains(QStringLiteral("not run")) ||
          t.text.contains(QStringLiteral("parameter x"))) {
        labels.emplace_back(t.text, pt);
      }
    }
    ASSERT_GT(tick_pt, 0) << preset;
    EXPECT_LE(tick_pt, figure.font_pt * 1.05) << preset;
    // Two values per row shown and two legend entries: every row on a double column or a slide,
    // the most sensitive that fit in a column.
    const bool column = std::string(preset) == "column";
    EXPECT_GE(labels.size(), column ? 4u : 8u) << preset;
    EXPECT_LE(labels.size(), 8u) << preset;
    EXPECT_EQ(labels.size() % 2, 0u) << preset;
    for (const auto& [text, pt] : labels) {
      EXPECT_NEAR(pt, tick_pt, 0.1 * tick_pt) << preset << ": " << text.toStdString();
    }
  }
}

// Every value label lies inside the canvas, at a column's width too; one that fits nowhere
// whole sits on a plate.
TEST(FigureExportTest, TornadoLabelsStayInsideTheCanvas) {
  // About a column figure's width in screen pixels, a double column's and a wide panel's.
  for (const int width : {500, 800, 1400}) {
    TornadoPlot plot;
    plot.setResult(std::make_shared<const amla::SensitivityResult>(tornado_result()),
                   QStringLiteral("910C"));
    plot.resize(width, 420);
    plot.fitTo(QRectF(plot.contentsRect()));  // (what a shown widget's resize event does)
    plot.replot();
    const QRectF canvas = plot.canvas()->contentsRect();
    const TornadoItem* item = plot.bars();
    const auto labels =
        item->labels(plot.canvasMap(QwtPlot::xBottom), plot.canvasMap(QwtPlot::yLeft), canvas);
    ASSERT_EQ(labels.size(), 6u);
    for (const TornadoItem::Label& l : labels) {
      EXPECT_GE(l.rect.left(), canvas.left() - 0.5) << width << ": " << l.text.toStdString();
      EXPECT_LE(l.rect.right(), canvas.right() + 0.5) << width << ": " << l.text.toStdString();
    }
    const QRectF legend = item->legendRect(plot.canvasMap(QwtPlot::yLeft), canvas);
    EXPECT_LE(legend.right(), canvas.right() + 0.5) << width;
    // Above the first row's bars.
    EXPECT_LE(legend.bottom(), plot.canvasMap(QwtPlot::yLeft).transform(-0.4)) << width;
  }
}

// Ten parameters, most sensitive first, some with long names.
amla::SensitivityResult ten_parameter_result() {
  amla::SensitivityResult r;
  r.delta = 0.2;
  r.makespan_us = 95.11;
  r.bound = "AIC CUBE";
  const char* names[] = {"fixp_bytes_per_cycle",
                         "atomic_rmw_factor",
                         "cross_core_flag_latency_cycles",
                         "l2_hit_latency_cycles",
                         "hbm_extra_latency_cycles",
                         "dma_half_efficiency_bytes",
                         "scalar_setup_cycles",
                         "intra_core_flag_latency_cycles",
                         "block_dispatch_cycles",
                         "kernel_launch_us"};
  for (int i = 0; i < 10; ++i) {
    amla::SensitivityEnd minus, plus;
    minus.makespan_us = r.makespan_us - 2.5 / (i + 1);
    plus.makespan_us = r.makespan_us + 5.0 / (i + 1);
    r.params.push_back({names[i], "[E]", "", 1000.0 * (i + 1), minus, plus, 7.5 / (i + 1)});
  }
  return r;
}

// A figure too small for every row shows the most sensitive ones that fit with their value
// labels, names on two lines where one would take much of the width, and says how many it left
// out; no two labels overlap, nor the legend any label. (At a column's width all ten rows were
// drawn, their labels over each other and over the legend.)
TEST(FigureExportTest, ATornadoTooSmallForEveryRowShowsTheMostSensitive) {
  // A small panel, a double column's figure and a wide panel.
  for (const QSize size : {QSize(420, 330), QSize(800, 420), QSize(1400, 800)}) {
    TornadoPlot plot;
    plot.setResult(std::make_shared<const amla::SensitivityResult>(ten_parameter_result()),
                   QStringLiteral("910C"));
    plot.resize(size);
    plot.fitTo(QRectF(plot.contentsRect()));
    plot.replot();
    const int shown = plot.shownRows();
    const std::string where = std::to_string(size.width()) + "x" + std::to_string(size.height());
    ASSERT_GE(shown, 1) << where;
    if (size.height() < 500) {
      EXPECT_LT(shown, 10) << where;
    }
    const QString note = plot.axisTitle(QwtPlot::xBottom).text();
    if (shown < 10) {
      EXPECT_TRUE(note.contains(QStringLiteral("%1 parameters not shown").arg(10 - shown)))
          << where << ": " << note.toStdString();
    } else {
      EXPECT_FALSE(note.contains(QStringLiteral("not shown"))) << where;
    }
    const QRectF canvas = plot.canvas()->contentsRect();
    const TornadoItem* item = plot.bars();
    const auto labels =
        item->labels(plot.canvasMap(QwtPlot::xBottom), plot.canvasMap(QwtPlot::yLeft), canvas);
    ASSERT_EQ(labels.size(), static_cast<std::size_t>(2 * shown)) << where;
    const double line = QFontMetricsF(plot_font(9)).height();
    const QRectF legend = item->legendRect(plot.canvasMap(QwtPlot::yLeft), canvas);
    for (std::size_t a = 0; a < labels.size(); ++a) {
      // A label's text is one line high, centred on its bar.
      const QPointF c = labels[a].rect.center();
      const QRectF text_a(labels[a].rect.left(), c.y() - line / 2, labels[a].rect.width(), line);
      EXPECT_FALSE(text_a.intersects(legend.adjusted(0, 0, 0, -1)))
          << where << ": " << labels[a].text.toStdString() << " under the legend " << text_a.top()
          << "-" << text_a.bottom() << " legend " << legend.top() << "-" << legend.bottom() << " x "
          << text_a.left() << "-" << text_a.right() << " / " << legend.left() << "-"
          << legend.right();
      for (std::size_t b = a + 1; b < labels.size(); ++b) {
        const QPointF d = labels[b].rect.center();
        const QRectF text_b(labels[b].rect.left(), d.y() - line / 2, labels[b].rect.width(), line);
        EXPECT_FALSE(text_a.adjusted(0, 0.5, 0, -0.5).intersects(text_b))
            << where << ": " << labels[a].text.toStdString() << " over "
            << labels[b].text.toStdString();
      }
    }
  }
  // A wide panel has room for all ten, each name on one line.
  TornadoPlot wide;
  wide.setResult(std::make_shared<const amla::SensitivityResult>(ten_parameter_result()),
                 QStringLiteral("910C"));
  wide.resize(1600, 900);
  wide.fitTo(QRectF(wide.contentsRect()));
  EXPECT_EQ(wide.shownRows(), 10);
  EXPECT_FALSE(wide.rowLabel(2).contains(QLatin1Char('\n'))) << wide.rowLabel(2).toStdString();
  TornadoPlot narrow;
  narrow.setResult(std::make_shared<const amla::SensitivityResult>(ten_parameter_result()),
                   QStringLiteral("910C"));
  narrow.resize(420, 330);
  narrow.fitTo(QRectF(narrow.contentsRect()));
  EXPECT_TRUE(narrow.rowLabel(0).contains(QLatin1Char('\n'))) << narrow.rowLabel(0).toStdString();
}

// Nothing prints on a PNG figure's outermost pixels: the parameter names, measured with the
// screen's font metrics, printed a little wider at 300 dpi and the longest started at x = 0.
TEST(FigureExportTest, TornadoPngLeavesItsEdgesBlank) {
  amla::SensitivityResult r = tornado_result();
  r.params[1].name = "cross_core_flag_latency_cycles";
  QTemporaryDir dir;
  for (const char* preset : {"column", "double", "slide"}) {
    const QString png = dir.filePath(QStringLiteral("t.png"));
    ASSERT_EQ(export_tornado_chart(r, QStringLiteral("910C"), png, parse_figure(preset)),
              QString());
    const QImage image(png);
    ASSERT_FALSE(image.isNull()) << preset;
    const auto blank_column = [&](int x) {
      for (int y = 0; y < image.height(); ++y) {
        if (image.pixelColor(x, y) != QColor(Qt::white)) return false;
      }
      return true;
    };
    for (const int x : {0, 1, 2, image.width() - 1}) {
      EXPECT_TRUE(blank_column(x)) << preset << ": something printed at x = " << x;
    }
  }
}

// A parameter whose moves leave its value as it is (a zero) gets one label for its row, not the
// same figure twice.
TEST(FigureExportTest, ATornadoRowThatNoMoveChangesHasOneLabel) {
  amla::SensitivityResult r = ten_parameter_result();
  for (amla::SensitivityEnd* e : {&r.params.back().minus, &r.params.back().plus}) {
    e->makespan_us = r.makespan_us;
    e->same_as_baseline = true;
  }
  TornadoPlot plot;
  plot.setResult(std::make_shared<const amla::SensitivityResult>(r), QStringLiteral("910C"));
  plot.resize(1600, 900);
  plot.replot();
  ASSERT_EQ(plot.shownRows(), 10);
  const auto labels =
      plot.bars()->labels(plot.canvasMap(QwtPlot::xBottom), plot.canvasMap(QwtPlot::yLeft),
                          plot.canvas()->contentsRect());
  ASSERT_EQ(labels.size(), 19u);
  EXPECT_TRUE(labels.back().text.contains(QStringLiteral("either way")))
      << labels.back().text.toStdString();
}

// A plot's long title and footer wrap in a narrow figure instead of running off its edges: the
// sweep heatmap's footer (the knobs every cell shares) takes two lines at a column's width and
// one on a slide, and says all of itself either way.
TEST(FigureExportTest, APlotsFooterWrapsInANarrowFigure) {
  amla::RunConfig base;
  base.hardware = amla::find_preset("910C-package");
  base.kernel.problem.batch = 2;
  base.kernel.problem.kv_len = 4096;
  amla::SweepOptions options;
  options.jobs = 2;
  options.metric = "makespan_us";
  const amla::SweepResult result =
      amla::run_sweep(base, {amla::parse_sweep_parameter("kv-block=256,512")}, options);
  const QString footer = sweep_fixed_knobs(result);
  ASSERT_GT(footer.size(), 40);
  QTemporaryDir dir;
  for (const char* preset : {"column", "slide"}) {
    const QString svg = dir.filePath(QStringLiteral("h.svg"));
    ASSERT_EQ(export_sweep_heatmap(result, parse_figure(preset), svg), QString());
    // The footer's lines, top to bottom: the texts of more than a tick label's few characters
    // that it contains.
    std::vector<SvgText> lines;
    for (const SvgText& t : svg_texts(svg)) {
      if (t.text.trimmed().size() > 3 && footer.contains(t.text.trimmed())) lines.push_back(t);
    }
    std::sort(lines.begin(), lines.end(),
              [](const SvgText& a, const SvgText& b) { return a.y < b.y; });
    QStringList words;
    for (const SvgText& t : lines) words << t.text.trimmed();
    EXPECT_EQ(words.join(QLatin1Char(' ')).toStdString(), footer.toStdString()) << preset;
    EXPECT_EQ(lines.size(), std::string(preset) == "column" ? 2u : 1u) << preset;
  }
}

// The dialogs' remembered settings are this test process's own (qt_test_main): with one file
// for all, ctest's parallel processes read each other's folder and figure size back.
TEST(FigureExportTest, SettingsAreThisProcesssOwn) {
  const QString file = app_settings().fileName();
  const QString shared = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
  EXPECT_FALSE(file.startsWith(shared)) << file.toStdString();
  EXPECT_FALSE(file.startsWith(QDir::homePath())) << file.toStdString();
}

// The dialog previews the figure, says where it saved, and the next dialog (the next run of
// the studio: QSettings) starts from the same folder and settings.
TEST(FigureExportTest, DialogPreviewsAndRemembersFolderAndSettings) {
  QTemporaryDir dir;
  const SimulationRun& run = small_run();
  const FigureExporter exporter = [&run](const QString& path, const FigureRequest& r) {
    return export_timeline_figure(run, r.figure, r.content, path);
  };
  const FigurePreviewer previewer = [&run](const FigureRequest& r) {
    return render_timeline_figure(run, r.figure, r.content);
  };
  {
    PanelExportDialog dialog(QStringLiteral("Timeline"), FigureContentKind::kTimeline, exporter,
                             previewer);
    dialog.resize(900, 520);
    FigureRequest request;
    request.figure = parse_figure("double");
    request.figure.dpi = 200;
    request.content = two_cores_aic_aiv0();
    dialog.setRequest(request);
    const QLabel* preview = dialog.findChild<QLabel*>(QStringLiteral("figurePreview"));
    ASSERT_NE(preview, nullptr);
    EXPECT_FALSE(preview->pixmap(Qt::ReturnByValue).isNull());
    EXPECT_TRUE(dialog.statusText().contains(QLatin1String("181.0")))
        << dialog.statusText().toStdString();
    const QString shot = qEnvironmentVariable("AMLA_FIGURE_DIALOG_SHOT");
    if (!shot.isEmpty()) dialog.grab().save(shot);
    dialog.setFileName(dir.filePath(QStringLiteral("fig.png")));
    ASSERT_TRUE(dialog.save()) << dialog.statusText().toStdString();
    EXPECT_TRUE(dialog.statusText().contains(
        QStringLiteral("href=\"%1\"").arg(QUrl::fromLocalFile(dir.path()).toString())))
        << dialog.statusText().toStdString();
    // A bad setting is refused with its name, and nothing is written.
    dialog.findChild<QLineEdit*>(QStringLiteral("figureCoresEdit"))->setText(QStringLiteral("9-1"));
    dialog.setFileName(dir.filePath(QStringLiteral("bad.png")));
    EXPECT_FALSE(dialog.save());
    EXPECT_TRUE(dialog.statusText().contains(QLatin1String("cores")))
        << dialog.statusText().toStdString();
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("bad.png"))));
  }
  PanelExportDialog again(QStringLiteral("Timeline"), FigureContentKind::kTimeline, exporter,
                          previewer);
  EXPECT_EQ(QFileInfo(again.fileName()).absolutePath().toStdString(),
            QDir(dir.path()).absolutePath().toStdString());
  const FigureRequest remembered = again.request();
  EXPECT_EQ(remembered.figure.width_mm, 181.0);
  EXPECT_EQ(remembered.figure.dpi, 200.0);
  EXPECT_TRUE(remembered.figure.fit_height);
  EXPECT_EQ(remembered.content.cores, std::vector<int>({0, 1}));
  EXPECT_EQ(remembered.content.units, two_cores_aic_aiv0().units);
}

#ifdef AMLA_CLI_PATH
// The dialog's Save and `amla-cli simulate --timeline` write the same SVG for the same settings,
// with the default legend and with the legend in a column at the right.
TEST(FigureExportTest, DialogAndCliWriteTheSameSvg) {
  for (const QString& legend : {QString(), QStringLiteral("right")}) {
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("run.json"));
    save_run_config_file("--config", config.toStdString(), small_config());

    const SimulationRun& run = small_run();
    PanelExportDialog dialog(
        QStringLiteral("Timeline"), FigureContentKind::kTimeline,
        [&run](const QString& path, const FigureRequest& r) {
          return export_timeline_figure(run, r.figure, r.content, path);
        },
        nullptr);
    FigureRequest request;
    request.figure = parse_figure("column");
    dialog.setRequest(request);
    dialog.findChild<QLineEdit*>(QStringLiteral("figureCoresEdit"))->setText(QStringLiteral("0-1"));
    for (QCheckBox* box : dialog.findChildren<QCheckBox*>()) {
      if (box->text() == QLatin1String("AIV1")) box->setChecked(false);
    }
    dialog.findChild<QLineEdit*>(QStringLiteral("figureRangeEdit"))->setText(QStringLiteral("1:5"));
    if (!legend.isEmpty()) {
      auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("figureLegendCombo"));
      ASSERT_NE(combo, nullptr);
      combo->setCurrentIndex(combo->findData(legend));
      ASSERT_EQ(combo->currentData().toString(), legend);
    }
    const QString from_gui = dir.filePath(QStringLiteral("gui.svg"));
    dialog.setFileName(from_gui);
    ASSERT_TRUE(dialog.save()) << dialog.statusText().toStdString();
    EXPECT_TRUE(dialog.statusText().contains(QFileInfo(from_gui).absolutePath()))
        << dialog.statusText().toStdString();

    const QString from_cli = dir.filePath(QStringLiteral("cli.svg"));
    QStringList args = {QStringLiteral("simulate"),
                        QStringLiteral("--config"),
                        config,
                        QStringLiteral("--timeline"),
                        from_cli,
                        QStringLiteral("--figure"),
                        QStringLiteral("column"),
                        QStringLiteral("--cores"),
                        QStringLiteral("0-1"),
                        QStringLiteral("--units"),
                        QStringLiteral("aic,aiv0"),
                        QStringLiteral("--range"),
                        QStringLiteral("1:5")};
    if (!legend.isEmpty()) args << QStringLiteral("--legend") << legend;
    QProcess cli;
    cli.start(QStringLiteral(AMLA_CLI_PATH), args);
    ASSERT_TRUE(cli.waitForFinished(120000));
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    const QByteArray gui_bytes = read_all(from_gui), cli_bytes = read_all(from_cli);
    ASSERT_FALSE(gui_bytes.isEmpty());
    EXPECT_EQ(gui_bytes, cli_bytes) << "legend " << legend.toStdString();
  }
}
#endif

// Compare goes through the figure model too: its printed width and its lane labels at the
// chosen point size, whatever the preset.
TEST(FigureExportTest, CompareFigureHasThePrintedSizeAndPointSize) {
  QTemporaryDir dir;
  ComparePage page;
  const auto a = std::make_shared<const SimulationRun>(small_run());
  page.setRunA(a);
  page.setRunB(a);
  for (const char* preset : {"column", "double"}) {
    const FigureSpec figure = parse_figure(preset);
    const QString svg = dir.filePath(QStringLiteral("c.svg"));
    ASSERT_EQ(page.exportCompare(svg, figure), QString()) << preset;
    QString width;
    const std::vector<SvgText> texts = svg_texts(svg, &width);
    EXPECT_NEAR(width.chopped(2).toDouble(), figure.width_mm, 0.2) << preset;
    int labels = 0;
    for (const SvgText& t : texts) {
      if (t.text != QLatin1String("Core 0")) continue;
      ++labels;
      EXPECT_NEAR(t.font_px / figure.dpi * 72.0, figure.font_pt, 0.15 * figure.font_pt) << preset;
    }
    EXPECT_EQ(labels, 2) << preset << ": A and B each label core 0";
    EXPECT_FALSE(page.renderCompare(figure).isNull());
    // The legend lists the kinds on the lanes shown: at a column's width the SCALAR lanes (the
    // least busy) are left out, and their set-ups with them; the VECTOR lanes stay.
    if (std::string(preset) == "column") {
      bool scalar_setup = false, softmax = false;
      for (const SvgText& t : texts) {
        scalar_setup |= t.text == QLatin1String("ScalarSetup");
        softmax |= t.text == QLatin1String("VecSoftmax");
      }
      EXPECT_FALSE(scalar_setup);
      EXPECT_TRUE(softmax);
    }
  }
}

}  // namespace
}  // namespace amla::ui
