#pragma once
// A categorical Qwt axis: category i sits at the integer i and spans [i - 0.5, i + 0.5]; the tick
// labels are the categories' names (a sweep's parameter values), never the positions.
#include <qwt_scale_div.h>
#include <qwt_scale_draw.h>
#include <QStringList>

namespace amla::ui {

class CategoryScaleDraw : public QwtScaleDraw {
 public:
  explicit CategoryScaleDraw(QStringList names);
  QwtText label(double value) const override;
  // A few percent more than the widest name measures: names print a little wider at an export's
  // resolution than the screen's font metrics say, and would start outside the figure.
  double extent(const QFont& font) const override;

 private:
  QStringList names_;
};

// Ticks on every category (on every stride-th one when there are too many to read), spanning all
// of them; `downward` puts category 0 at the top of a vertical axis.
QwtScaleDiv category_scale_div(int count, bool downward);

}  // namespace amla::ui
