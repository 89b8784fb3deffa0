#pragma once
// The whole Buffers panel as one QwtPlot, so the shared export code (ui/common/plot_export.h)
// and the export dialog write it like any plot: a title, then the occupancy strips and the
// memory map stacked in one canvas, each rendered by QwtPlotRenderer at its share of the size.
#include <qwt_plot.h>
#include <QList>

namespace amla::ui {

class BuffersSheet : public QwtPlot {
 public:
  // Plots are drawn top to bottom, each getting height in proportion to its weight. The sheet
  // does not own them.
  explicit BuffersSheet(QWidget* parent = nullptr);
  void setPanels(const QList<QwtPlot*>& plots, const QList<double>& weights);
  const QList<QwtPlot*>& panels() const { return panels_; }
  const QList<double>& weights() const { return weights_; }

 private:
  QList<QwtPlot*> panels_;
  QList<double> weights_;
};

}  // namespace amla::ui
