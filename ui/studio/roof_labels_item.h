#pragma once
// The roofline's labels drawn on the plot: the Cube peak above its line and each level's name and
// bandwidth beside its sloped roof, in the roof's colour. Placed at draw time, in pixels, so that
// no label overlaps another, a roof, the peak line or a run's point at any plot size; a label
// with no free place is left out (the legend still names every level).
#include <qwt_plot_item.h>

#include <QColor>
#include <QLineF>
#include <QRectF>
#include <QString>
#include <QVector>
#include <vector>

namespace amla::ui {

class RoofLabelsItem : public QwtPlotItem {
 public:
  struct Roof {
    QVector<QPointF> points;  // the roof in plot coordinates, left to right
    QString text;
    QColor colour;
  };

  RoofLabelsItem();
  int rtti() const override;
  void setRoofs(std::vector<Roof> roofs, double peak, QString peak_text,
                std::vector<QPointF> points);
  void draw(QPainter* painter, const QwtScaleMap& x, const QwtScaleMap& y,
            const QRectF& canvas) const override;

  // From the last draw, in canvas pixels: the labels drawn (the peak's first when drawn) and the
  // segments of every roof and the peak line.
  const std::vector<QRectF>& drawnLabels() const { return drawn_; }
  const std::vector<QLineF>& lineSegments() const { return segments_; }
  bool peakLabelDrawn() const { return peak_drawn_; }

 private:
  std::vector<Roof> roofs_;
  double peak_ = 0;
  QString peak_text_;
  std::vector<QPointF> points_;
  mutable std::vector<QRectF> drawn_;
  mutable std::vector<QLineF> segments_;
  mutable bool peak_drawn_ = false;
};

}  // namespace amla::ui
