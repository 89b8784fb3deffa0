#pragma once
// The four Numerics heatmaps in tabs: exponent add vs ldexp over (dn, input exponent), the
// mean-mantissa compensation over (f, e), and for the last run the output error over
// (column, row) and the error growth over (KV block, row), each for AMLA or the baseline.
// Clicking a cell turns it into a BitProbe for the bit view (an error-growth cell through the
// step-through, which replays that block).
#include <QWidget>

#include "core/numerics/heatmaps.h"
#include "ui/numerics/numerics_worker.h"

class QComboBox;
class QTabWidget;
class QwtPlot;

namespace amla::ui {

class HeatmapPlot;

class HeatmapPanel : public QWidget {
  Q_OBJECT

 public:
  enum Tab { kExponentShift = 0, kMantissa, kOutputError, kErrorGrowth, kTabCount };
  enum Variant { kAmla = 0, kBaseline };

  explicit HeatmapPanel(QWidget* parent = nullptr);

  void setRun(RunPtr run);
  void setMantissaMean(double mantissa_mean);

  HeatmapPlot* plot(Tab tab) const { return plots_[tab]; }
  HeatmapPlot* currentPlot() const;
  void setCurrentTab(Tab tab);
  void setVariant(Tab tab, Variant variant);

 signals:
  void probeSelected(const amla::BitProbe& probe, const QString& source);
  // A heatmap cell named an attention row (and a KV block, or -1).
  void rowSelected(int row, int block);
  // A cell named one KV block's integer add on (row, column): the step-through loads it.
  void blockAddSelected(int row, int block, int column, const QString& context);
  void exportRequested(QwtPlot* plot);

 private:
  void onCellClicked(Tab tab, int ix, int iy);
  void refreshRunPlots();
  Variant variantOf(Tab tab) const;

  HeatmapPlot* plots_[kTabCount] = {};
  QComboBox* output_variant_ = nullptr;
  QComboBox* growth_variant_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  RunPtr run_;
  double mantissa_mean_ = 1.5;
};

}  // namespace amla::ui
