#pragma once
// Draws a sensitivity result's bars on a TornadoPlot: x is the makespan in microseconds, row i
// sits at y = i. A plot item of its own because each row holds two half-height bars from a
// shared baseline with their values written at the ends, which no stock Qwt chart does.
#include <qwt_plot_item.h>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "core/run/sensitivity.h"

namespace amla::ui {

class TornadoItem : public QwtPlotItem {
 public:
  TornadoItem();

  void setResult(std::shared_ptr<const amla::SensitivityResult> result);
  // Draws the first `rows` parameters only (the result's are ordered by their swing).
  void setShownRows(int rows);
  int shownRows() const { return shown_rows_; }
  // The least height of a row in screen pixels: a value label beside each of its two bars.
  static double minRowPitch();

  int rtti() const override;
  void draw(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map,
            const QRectF& canvas_rect) const override;
  QRectF boundingRect() const override;

  static QColor minusColor();
  static QColor plusColor();

  // Rows of plot space above the first row that the legend takes (the plot's y axis keeps it
  // free of bars): what its lines need in a canvas `canvas_width` wide, in rows of minRowPitch().
  double legendRowsFor(double canvas_width) const;
  void setLegendRows(double rows);

  // A value label (one per end; one per row whose value neither move changes): its text and
  // where it goes in canvas coordinates (screen pixels, as the
  // plot's coordinates are also in an export). Outside the bar's end when that fits the canvas,
  // else on the other side of the baseline (that half row has no other bar), else inside the
  // bar's end; never past the canvas's edges (then on a pale plate, as it may cover a bar).
  struct Label {
    QString text;
    QRectF rect;
    bool inside_bar = false;
    bool on_plate = false;
  };
  std::vector<Label> labels(const QwtScaleMap& x_map, const QwtScaleMap& y_map,
                            const QRectF& canvas_rect) const;
  // Where the legend's two entries go: one line in the band above the first row (in short,
  // "\u2212""20%: x 0.8", when the long form would not fit the canvas's width).
  QRectF legendRect(const QwtScaleMap& y_map, const QRectF& canvas_rect) const;

 private:
  void drawBar(QPainter* painter, const QwtScaleMap& x_map, const QwtScaleMap& y_map, int row,
               const amla::SensitivityEnd& end, bool minus) const;
  void drawLegend(QPainter* painter, const QRectF& rect, const QStringList& texts) const;
  // "-20%: parameter x 0.8", or brief: "-20%: x 0.8".
  QString legendText(bool minus, bool brief) const;
  QStringList legendTexts(const QRectF& canvas_rect) const;

  std::shared_ptr<const amla::SensitivityResult> result_;
  int shown_rows_ = 0;
  double legend_rows_ = 0.6;  // one line of legend, until the plot fits the chart
};

}  // namespace amla::ui
