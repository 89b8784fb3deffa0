#pragma once
// Draws a sweep's cells on a categorical plot (column ix at x = ix, row iy at y = iy): valid
// cells filled by the colour map with their value printed in a contrasting colour, invalid cells
// hatched with "invalid" and the field at fault, the best cell outlined and starred. A plot item
// of its own, because a spectrogram can neither hatch nor write into its cells.
#include <qwt_interval.h>
#include <qwt_plot_item.h>
#include <memory>

#include "core/sweep/sweep.h"

class QwtColorMap;

namespace amla::ui {

class SweepCellsItem : public QwtPlotItem {
 public:
  SweepCellsItem();
  ~SweepCellsItem() override;

  // `columns` cells per row, row-major like SweepResult::cells.
  void setResult(std::shared_ptr<const amla::SweepResult> result, int columns,
                 const QwtInterval& values, bool higher_is_better);

  int rtti() const override;
  void draw(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
            const QRectF& canvas_rect) const override;
  QRectF boundingRect() const override;

 private:
  void drawCell(QPainter* painter, const QRectF& rect, int index) const;

  std::shared_ptr<const amla::SweepResult> result_;
  int columns_ = 1;
  QwtInterval values_;
  std::unique_ptr<QwtColorMap> color_map_;
};

}  // namespace amla::ui
