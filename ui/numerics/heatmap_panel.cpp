#include "ui/numerics/heatmap_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "ui/numerics/heatmap_plot.h"

namespace amla::ui {

namespace {

// The dn range of the exponent heatmap: AMLA only shifts down (dn <= 0), a little up for context.
constexpr int kDnMin = -160;
constexpr int kDnMax = 40;

const char* variant_name(HeatmapPanel::Variant v) {
  return v == HeatmapPanel::kAmla ? "AMLA" : "baseline";
}

// A page with an optional variant selector above the plot.
QWidget* plot_page(HeatmapPlot* plot, QComboBox* variant, QWidget* parent) {
  auto* page = new QWidget(parent);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(2, 2, 2, 2);
  if (variant != nullptr) {
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(QObject::tr("variant"), page));
    row->addWidget(variant);
    row->addStretch(1);
    layout->addLayout(row);
  }
  layout->addWidget(plot, 1);
  return page;
}

amla::HeatmapGrid empty_grid(const char* title) {
  amla::HeatmapGrid grid;
  grid.title = std::string(title) + " (press Run)";
  return grid;
}

}  // namespace

HeatmapPanel::HeatmapPanel(QWidget* parent) : QWidget(parent) {
  tabs_ = new QTabWidget(this);
  tabs_->setObjectName(QStringLiteral("heatmapTabs"));
  for (int t = 0; t < kTabCount; ++t) {
    plots_[t] = new HeatmapPlot(this);
    plots_[t]->setObjectName(QStringLiteral("heatmapPlot%1").arg(t));
    const Tab tab = static_cast<Tab>(t);
    connect(plots_[t], &HeatmapPlot::cellClicked, this,
            [this, tab](int ix, int iy) { onCellClicked(tab, ix, iy); });
    connect(plots_[t], &HeatmapPlot::exportRequested, this,
            [this, t] { emit exportRequested(plots_[t]); });
  }
  // Matrix-like views: row 0 at the top.
  plots_[kOutputError]->setRowsDownward(true);
  plots_[kErrorGrowth]->setRowsDownward(true);

  output_variant_ = new QComboBox(this);
  output_variant_->setObjectName(QStringLiteral("outputVariantCombo"));
  growth_variant_ = new QComboBox(this);
  growth_variant_->setObjectName(QStringLiteral("growthVariantCombo"));
  for (QComboBox* combo : {output_variant_, growth_variant_}) {
    combo->addItem(QString::fromLatin1(variant_name(kAmla)));
    combo->addItem(QString::fromLatin1(variant_name(kBaseline)));
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &HeatmapPanel::refreshRunPlots);
  }

  tabs_->addTab(plot_page(plots_[kExponentShift], nullptr, this), tr("Exponent x dn"));
  tabs_->addTab(plot_page(plots_[kMantissa], nullptr, this), tr("Mantissa compensation"));
  tabs_->addTab(plot_page(plots_[kOutputError], output_variant_, this), tr("Output error"));
  tabs_->addTab(plot_page(plots_[kErrorGrowth], growth_variant_, this), tr("Error growth"));

  auto* export_button = new QToolButton(this);
  export_button->setText(tr("Export..."));
  export_button->setObjectName(QStringLiteral("heatmapExportButton"));
  export_button->setToolTip(tr("Export the visible heatmap to PNG, SVG or PDF"));
  connect(export_button, &QToolButton::clicked, this,
          [this] { emit exportRequested(currentPlot()); });
  tabs_->setCornerWidget(export_button, Qt::TopRightCorner);

  auto* hint =
      new QLabel(tr("Click a cell to load it into the bit view; right-click to export."), this);
  hint->setStyleSheet(QStringLiteral("color: #555;"));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(tabs_, 1);
  layout->addWidget(hint);

  plots_[kExponentShift]->setGrid(amla::exponent_shift_heatmap(kDnMin, kDnMax));
  plots_[kMantissa]->setGrid(amla::mantissa_compensation_heatmap(mantissa_mean_));
  refreshRunPlots();
}

HeatmapPlot* HeatmapPanel::currentPlot() const {
  const int index = tabs_->currentIndex();
  return index >= 0 && index < kTabCount ? plots_[index] : nullptr;
}

void HeatmapPanel::setCurrentTab(Tab tab) { tabs_->setCurrentIndex(tab); }

void HeatmapPanel::setVariant(Tab tab, Variant variant) {
  if (tab == kOutputError) output_variant_->setCurrentIndex(variant);
  if (tab == kErrorGrowth) growth_variant_->setCurrentIndex(variant);
}

HeatmapPanel::Variant HeatmapPanel::variantOf(Tab tab) const {
  const QComboBox* combo = tab == kErrorGrowth ? growth_variant_ : output_variant_;
  return combo->currentIndex() == kBaseline ? kBaseline : kAmla;
}

void HeatmapPanel::setRun(RunPtr run) {
  run_ = std::move(run);
  refreshRunPlots();
}

void HeatmapPanel::setMantissaMean(double mantissa_mean) {
  if (mantissa_mean == mantissa_mean_) return;
  mantissa_mean_ = mantissa_mean;
  plots_[kMantissa]->setGrid(amla::mantissa_compensation_heatmap(mantissa_mean_));
}

void HeatmapPanel::refreshRunPlots() {
  if (!run_) {
    plots_[kOutputError]->setGrid(empty_grid("Output error"));
    plots_[kErrorGrowth]->setGrid(empty_grid("Error growth over KV blocks"));
    return;
  }
  const auto pick = [this](Variant v) -> const amla::VariantResult& {
    return v == kAmla ? static_cast<const amla::VariantResult&>(run_->amla) : run_->baseline;
  };
  const Variant output_variant = variantOf(kOutputError);
  plots_[kOutputError]->setGrid(
      amla::output_error_heatmap(pick(output_variant), run_->golden, variant_name(output_variant)));
  const Variant growth_variant = variantOf(kErrorGrowth);
  if (pick(growth_variant).growth.size() > 0) {
    plots_[kErrorGrowth]->setGrid(
        amla::error_growth_heatmap(pick(growth_variant), variant_name(growth_variant)));
  } else {
    plots_[kErrorGrowth]->setGrid(empty_grid("Error growth (not recorded)"));
  }
}

void HeatmapPanel::onCellClicked(Tab tab, int ix, int iy) {
  const QString where =
      plots_[tab]->describeCell(ix, iy).replace(QLatin1Char('\n'), QStringLiteral("; "));
  switch (tab) {
    case kExponentShift:
      emit probeSelected(amla::exponent_shift_probe(plots_[tab]->grid(), ix, iy),
                         tr("exponent x dn heatmap: %1").arg(where));
      return;
    case kMantissa:
      emit probeSelected(
          amla::mantissa_compensation_probe(plots_[tab]->grid(), mantissa_mean_, ix, iy),
          tr("mantissa compensation heatmap: %1").arg(where));
      return;
    case kOutputError: {
      if (!run_) return;
      const int row = iy;
      const int column = ix;
      emit probeSelected(amla::output_error_probe(*run_, row, column),
                         tr("AMLA accumulator before its last integer add, row %1, column %2 "
                            "(output error heatmap: %3)")
                             .arg(row)
                             .arg(column)
                             .arg(where));
      emit rowSelected(row, -1);
      return;
    }
    case kErrorGrowth: {
      if (!run_) return;
      // A cell is one (row, KV block): the add to load is that block's, on the row's most
      // telling element.
      const int row = iy;
      const int block = ix;
      const int column = amla::worst_output_column(run_->amla, run_->golden, row);
      emit rowSelected(row, block);
      emit blockAddSelected(row, block, column, tr("error growth heatmap: %1").arg(where));
      return;
    }
    default:
      return;
  }
}

}  // namespace amla::ui
