#pragma once
// Draws a sensitivity result's bars on a TornadoPlot: x is the makespan in microseconds, row i
// sits at y = i. A plot item of its own because each row holds two half-height bars from a
// shared baseline with their values written at the ends, which no stock Qwt chart does.
#include <qwt_plot_item.h>
#include <memory>

#include "core/run/sensitivity.h"

namespace amla::ui {

class TornadoItem : public QwtPlotItem {
 public:
  TornadoItem();

  void setResult(std::shared_ptr<const amla::SensitivityResult> result);

  int rtti() const override;
  void draw(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
            const QRectF& canvas_rect) const override;
  QRectF boundingRect() const override;

  static QColor minusColor();
  static QColor plusColor();

 private:
  void drawEnd(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map, int row,
               const amla::SensitivityEnd& end, bool minus) const;
  void drawLegend(QPainter* painter, const QRectF& canvas_rect) const;

  std::shared_ptr<const amla::SensitivityResult> result_;
};

}  // namespace amla::ui
