#pragma once
// The A/B comparison as one figure: timelines A above B on the left, titled like the page, on
// one time axis (the same range and scale, so a moment sits at the same x in both), and the delta
// table on the right with improvements in green and regressions in red. Painted, so PNG, SVG and
// PDF come from the same code.
#include <QRect>
#include <memory>
#include <utility>

class QPainter;

namespace amla {
struct SimulationRun;
}

namespace amla::ui {

struct CompareFigure {
  std::shared_ptr<const amla::SimulationRun> a;
  std::shared_ptr<const amla::SimulationRun> b;
  std::pair<double, double> range_a{0, 0};  // cycles; empty = the whole run
  std::pair<double, double> range_b{0, 0};
  bool microseconds = true;
};

// The range both timelines are drawn over, in cycles: the span of the two visible ranges, or
// from 0 to the end of the longer run when neither is set.
std::pair<double, double> compare_figure_range(const CompareFigure& figure);

void paint_compare_figure(QPainter& painter, const QRect& area, const CompareFigure& figure);

// The height the figure needs at this width for every lane of core 0 in both runs, in the
// painter's pixels where labels are kLabelFontPx (a fitted export's height).
int compare_figure_height(const CompareFigure& figure, int width);

}  // namespace amla::ui
