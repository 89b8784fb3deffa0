#pragma once
// A sweep as a heatmap: columns are the values of the second parameter (or of the only one), rows
// the first parameter's values from the top, both axes labelled with the values themselves. The
// colour bar is titled with the metric; hovering a cell tells its values and its value or why it
// is invalid; a click reports the cell's index in SweepResult::cells.
#include <qwt_plot.h>
#include <QPoint>
#include <QString>
#include <memory>

#include "core/sweep/sweep.h"

namespace amla::ui {

class SweepCellsItem;

class SweepHeatmap : public QwtPlot {
  Q_OBJECT

 public:
  explicit SweepHeatmap(QWidget* parent = nullptr);

  void setResult(std::shared_ptr<const amla::SweepResult> result);  // nullptr clears
  const amla::SweepResult* result() const { return result_.get(); }
  int columnCount() const { return columns_; }
  int rowCount() const { return rows_; }

  // The cell under a canvas position, or -1.
  int cellAt(const QPoint& canvas_pos) const;
  // Canvas position of a cell's centre (for automation and tests).
  QPoint canvasPointOfCell(int index) const;
  // What hovering the cell shows, and what is printed in it.
  QString cellToolTip(int index) const;
  QString cellText(int index) const;

 signals:
  void cellClicked(int cell_index);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void setAxisTitles();

  std::shared_ptr<const amla::SweepResult> result_;
  SweepCellsItem* cells_;
  int columns_ = 0;
  int rows_ = 0;
};

}  // namespace amla::ui
