#include "ui/buffers/plot_style.h"

#include <qwt_plot.h>
#include <qwt_plot_canvas.h>
#include <qwt_plot_layout.h>
#include <qwt_scale_draw.h>
#include <qwt_scale_widget.h>
#include <QApplication>
#include <algorithm>

namespace amla::ui {

QFont plot_font(int point_size, bool bold) {
  QFont font = QApplication::font();
  font.setPointSize(point_size);
  font.setBold(bold);
  return font;
}

QwtText plot_text(const QString& text, int point_size, bool bold) {
  QwtText t(text);
  t.setFont(plot_font(point_size, bold));
  t.setRenderFlags(Qt::AlignCenter | Qt::TextWordWrap);
  return t;
}

QwtText axis_title(const QString& text) {
  QwtText title(text);
  title.setFont(plot_font(9));
  return title;
}

void style_strip_plot(QwtPlot* plot) {
  plot->setAutoReplot(false);
  plot->setCanvasBackground(Qt::white);
  plot->plotLayout()->setAlignCanvasToScales(true);
  plot->plotLayout()->setCanvasMargin(0);
  if (auto* canvas = qobject_cast<QwtPlotCanvas*>(plot->canvas())) {
    canvas->setFrameShape(QFrame::Box);
    canvas->setFrameShadow(QFrame::Plain);
    canvas->setLineWidth(1);
  }
  for (int axis = 0; axis < QwtPlot::axisCnt; ++axis)
    plot->setAxisFont(axis, plot_font(kPlotBodyPt));
  plot->setMinimumHeight(60);
}

void align_left_axes(const QList<QwtPlot*>& plots) {
  double widest = 0;
  for (QwtPlot* plot : plots) {
    QwtScaleWidget* axis = plot->axisWidget(QwtPlot::yLeft);
    axis->scaleDraw()->setMinimumExtent(0);
    widest = std::max(widest, axis->scaleDraw()->extent(axis->font()));
  }
  for (QwtPlot* plot : plots) {
    plot->axisWidget(QwtPlot::yLeft)->scaleDraw()->setMinimumExtent(widest);
    plot->updateLayout();
  }
}

}  // namespace amla::ui
