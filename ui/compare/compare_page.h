#pragma once
// The A/B compare page: run A (pinned) above run B, each timeline titled with its preset,
// variant, preload and the knobs in which the two differ. Both timelines observe one time-range
// controller over the longer run, so zooming or panning either shows the other the same range. On
// the right, the delta table: makespan, TFLOPS, utilisation, HBM and L2 traffic, bound and busy per
// pipe for A, B, B - A and B / A, with improvements in green and regressions in red; below it,
// the makespan of each run attributed along its critical path and the difference per category,
// so "why is B slower" has its answer on the same screen.
#include <QImage>
#include <QSize>
#include <QString>
#include <QWidget>

#include "core/view/figure_spec.h"

#include "ui/compare/compare_figure.h"
#include "ui/studio/simulation_worker.h"

class QLabel;
class QTableWidget;

namespace amla::ui {

class TimelineWidget;
class TimeRangeControl;

class ComparePage : public QWidget {
  Q_OBJECT

 public:
  explicit ComparePage(QWidget* parent = nullptr);

  void setRunA(SimulationPtr run);  // nullptr clears
  void setRunB(SimulationPtr run);
  SimulationPtr runA() const { return a_; }
  SimulationPtr runB() const { return b_; }

  TimelineWidget* timelineA() const { return timeline_a_; }
  TimelineWidget* timelineB() const { return timeline_b_; }
  TimeRangeControl* timeControl() const { return time_; }
  QTableWidget* deltaTable() const { return table_; }
  // Where each run's time went along its critical path, A | B | B - A per category, and the
  // makespan (compare_attribution.h).
  QTableWidget* attributionTable() const { return attribution_; }

  // The delta table and both timelines (over their visible ranges) in one figure; PNG, SVG or
  // PDF by the suffix, written atomically. Empty on success, otherwise the reason.
  QString exportCompare(const QString& path, const QSize& size) const;
  // At the figure model's printed size, DPI and point size (the export dialog's way).
  QString exportCompare(const QString& path, const amla::FigureSpec& figure) const;
  // The same figure as an image, for the dialog's preview.
  QImage renderCompare(const amla::FigureSpec& figure) const;

 public slots:
  void swapRuns();

 private:
  // What the page shows now: both runs over their visible ranges.
  CompareFigure currentFigure() const;
  void refresh();
  void refreshAttribution();
  // The controller's trace spans the longer run; a zoom the user chose is kept.
  void updateTrace();

  SimulationPtr a_;
  SimulationPtr b_;
  QLabel* title_a_;
  QLabel* title_b_;
  TimelineWidget* timeline_a_;
  TimelineWidget* timeline_b_;
  QTableWidget* table_;
  QTableWidget* attribution_;
  QLabel* attribution_notice_;  // which run kept no trace, so has no attribution
  TimeRangeControl* time_;
};

}  // namespace amla::ui
