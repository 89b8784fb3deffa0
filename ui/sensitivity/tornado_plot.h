#pragma once
// The tornado chart of a sensitivity run: one row per parameter (largest swing at the top),
// labelled with its name and source tag; a bar from the baseline makespan to the makespan with
// the parameter moved down (upper half of the row) and up (lower half), each bar's end value
// printed, a move that could not run marked as such. The studio shows it and exports it; the
// CLI's --plot renders the same plot headless (tornado_export.h).
#include <qwt_plot.h>
#include <memory>

#include "core/run/sensitivity.h"
#include "ui/common/fits_to_rect.h"

class QwtPlotMarker;

namespace amla::ui {

class TornadoItem;

// Laid out for the rectangle it is drawn in: the rows that fit with their value labels (the most
// sensitive first; the axis title says how many are left out), each name on two lines when one
// would take much of the width.
class TornadoPlot : public QwtPlot, public FitsToRect {
  Q_OBJECT

 public:
  explicit TornadoPlot(QWidget* parent = nullptr);

  // `subject` names the run in the title ("910C-package, amla, preload 2"); null: an empty chart
  // that says how to get one.
  void setResult(std::shared_ptr<const amla::SensitivityResult> result, const QString& subject);
  const amla::SensitivityResult* result() const { return result_.get(); }
  // The text of row i's axis label ("fixp_bytes_per_cycle [F] = 56"), for tests.
  QString rowLabel(int row) const;
  // The row under a canvas point (-1 for none) and what its tooltip says: the whole source note,
  // each end's value, makespan and bound, or why it was not run.
  int rowAt(const QPoint& canvas_pos) const;
  QString rowToolTip(int row) const;
  // The bars, their value labels and legend (where they are placed, for tests).
  const TornadoItem* bars() const { return bars_; }
  // Rows drawn (after the last fitting).
  int shownRows() const;

  void fitTo(const QRectF& layout_rect) override;
  // Lays the rows out for the widget's size first when that changed since.
  void replot() override;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  std::shared_ptr<const amla::SensitivityResult> result_;
  TornadoItem* bars_;
  QwtPlotMarker* baseline_;
  // Shows the first `rows` parameters, their names wrapped to two lines where wider than
  // `label_width` pixels, below a band of `legend_rows` rows for the legend.
  void showRows(int rows, double label_width, double legend_rows);

  QStringList labels_;
  QSize fitted_for_;  // the widget size the rows were last laid out for
};

}  // namespace amla::ui
