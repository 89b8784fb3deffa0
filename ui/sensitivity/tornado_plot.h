#pragma once
// The tornado chart of a sensitivity run: one row per parameter (largest swing at the top),
// labelled with its name and source tag; a bar from the baseline makespan to the makespan with
// the parameter moved down (upper half of the row) and up (lower half), each bar's end value
// printed, a move that could not run marked as such. The studio shows it and exports it; the
// CLI's --plot renders the same plot headless (tornado_export.h).
#include <qwt_plot.h>
#include <memory>

#include "core/run/sensitivity.h"

class QwtPlotMarker;

namespace amla::ui {

class TornadoItem;

class TornadoPlot : public QwtPlot {
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

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  std::shared_ptr<const amla::SensitivityResult> result_;
  TornadoItem* bars_;
  QwtPlotMarker* baseline_;
  QStringList labels_;
};

}  // namespace amla::ui
