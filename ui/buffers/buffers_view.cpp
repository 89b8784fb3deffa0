#include "ui/buffers/buffers_view.h"

#include <qwt_scale_div.h>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <initializer_list>

#include "core/run/simulation_run.h"
#include "core/view/figure_content.h"
#include "ui/buffers/buffer_units.h"
#include "ui/buffers/buffers_sheet.h"
#include "ui/buffers/memory_map_plot.h"
#include "ui/buffers/occupancy_plot.h"
#include "ui/buffers/plot_style.h"
#include "ui/buffers/time_navigator.h"
#include "ui/common/export_dialog.h"
#include "ui/common/no_trace_notice.h"
#include "ui/common/time_range_control.h"

namespace amla::ui {

namespace {

// The memory map gets this many strips' worth of height (it has a title, an axis and a legend).
constexpr double kMapWeight = 3.4;

}  // namespace

BuffersView::BuffersView(QWidget* parent)
    : QWidget(parent), own_control_(new TimeRangeControl(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);

  auto* bar = new QHBoxLayout();
  bar->addWidget(new QLabel(tr("Core")));
  core_combo_ = new QComboBox();
  core_combo_->setObjectName(QStringLiteral("buffersCoreCombo"));
  core_combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  bar->addWidget(core_combo_);
  bar->addSpacing(16);
  bar->addWidget(new QLabel(tr("Memory map of")));
  map_combo_ = new QComboBox();
  map_combo_->setObjectName(QStringLiteral("buffersMapCombo"));
  map_combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  bar->addWidget(map_combo_);
  bar->addSpacing(16);
  summary_ = new QLabel();
  summary_->setObjectName(QStringLiteral("buffersSummary"));
  bar->addWidget(summary_, 1);
  export_button_ = new QPushButton(tr("Export..."));
  export_button_->setObjectName(QStringLiteral("buffersExportButton"));
  bar->addWidget(export_button_);
  layout->addLayout(bar);

  // A run that kept no trace has no buffer steps: the reason stands where the strips would.
  // As wide as reads well, centred, at the top of the room the strips would take.
  no_trace_page_ = new QWidget();
  auto* notice_page = new QVBoxLayout(no_trace_page_);
  auto* notice_row = new QHBoxLayout();
  no_trace_notice_ = make_no_trace_notice(no_trace_page_);
  no_trace_notice_->setMaximumWidth(720);
  notice_row->addStretch(1);
  notice_row->addWidget(no_trace_notice_, 100);
  notice_row->addStretch(1);
  notice_page->addLayout(notice_row);
  notice_page->addStretch(1);
  no_trace_page_->hide();
  layout->addWidget(no_trace_page_, 1);
  splitter_ = new QSplitter(Qt::Vertical);
  auto* splitter = splitter_;
  strips_ = new QWidget();
  auto* strips_layout = new QVBoxLayout(strips_);
  strips_layout->setContentsMargins(0, 0, 0, 0);
  strips_layout->setSpacing(2);
  splitter->addWidget(strips_);
  map_ = new MemoryMapPlot();
  splitter->addWidget(map_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  splitter->setSizes({600, 400});  // proportions; the map needs room for its rows and legend
  layout->addWidget(splitter, 1);

  // Only exports paint it; it never joins the layout.
  sheet_ = new BuffersSheet(this);
  sheet_->hide();

  watch(new TimeNavigator(map_));
  setTimeControl(own_control_);
  connect(core_combo_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          [this](int index) {
            if (index >= 0) setCore(index);
          });
  connect(map_combo_, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this](int index) {
    if (index >= 0) setMapBuffer(index);
  });
  connect(export_button_, &QPushButton::clicked, this,
          [this] { open_export_dialog(exportPlot(), this); });
  rebuildTracks();
}

BuffersView::~BuffersView() = default;

void BuffersView::setRun(std::shared_ptr<const amla::SimulationRun> run) {
  run_ = std::move(run);
  const bool no_trace = kept_no_trace(run_.get());
  set_no_trace_notice(no_trace_notice_,
                      no_trace ? no_trace_page_text(*run_, tr("its buffers")) : QString());
  splitter_->setVisible(!no_trace);
  no_trace_page_->setVisible(no_trace);
  for (QWidget* w : std::initializer_list<QWidget*>{core_combo_, map_combo_, export_button_}) {
    w->setEnabled(!no_trace);
    w->setToolTip(no_trace ? no_trace_action_text(*run_) : QString());
  }
  {
    const QSignalBlocker block(core_combo_);
    core_combo_->clear();
    for (int c = 0; run_ && c < run_->trace.cores; ++c) {
      core_combo_->addItem(tr("core %1").arg(c));
    }
  }
  core_ = std::clamp(core_, 0, std::max(0, run_ ? run_->trace.cores - 1 : 0));
  core_combo_->setCurrentIndex(run_ ? core_ : -1);
  rebuildTracks();
  // After the rebuild: the plots must not see the new range while they hold the old run.
  if (control_ == own_control_) control_->setTrace(0, run_ ? run_end_cycles(*run_) : 0);
}

void BuffersView::setTimeControl(TimeRangeControl* control) {
  if (control == nullptr || control == control_) return;
  if (control_) disconnect(control_, nullptr, this, nullptr);
  control_ = control;
  connect(control_, &TimeRangeControl::rangeChanged, this, &BuffersView::applyRange);
  // A shared controller that goes first (its owner is torn down) leaves the view its own.
  if (control_ != own_control_) {
    connect(control_, &QObject::destroyed, this, [this] { control_ = own_control_; });
  }
  applyRange();
}

double BuffersView::visibleStart() const { return control_->rangeStart(); }

double BuffersView::visibleEnd() const { return control_->rangeEnd(); }

void BuffersView::setCore(int core) {
  const int cores = run_ ? run_->trace.cores : 0;
  const int clamped = std::clamp(core, 0, std::max(0, cores - 1));
  if (clamped == core_ && trackCount() > 0) return;
  core_ = clamped;
  {
    const QSignalBlocker block(core_combo_);
    core_combo_->setCurrentIndex(run_ ? core_ : -1);
  }
  rebuildTracks();
}

int BuffersView::core() const { return core_; }

void BuffersView::setTimeUnitMicroseconds(bool us) {
  if (us == microseconds_) return;
  microseconds_ = us;
  rebuildTracks();
}

void BuffersView::setMapBuffer(int index) {
  if (index < 0 || index >= trackCount() || index == map_buffer_) return;
  map_buffer_ = index;
  rebuildTracks();
}

int BuffersView::mapBuffer() const { return map_buffer_; }

int BuffersView::trackCount() const {
  return static_cast<int>(std::count_if(plots_.begin(), plots_.end(),
                                        [](const OccupancyPlot* p) { return p->track(); }));
}

OccupancyPlot* BuffersView::trackPlot(int i) const {
  return i >= 0 && i < trackCount() ? plots_[static_cast<std::size_t>(i)] : nullptr;
}

QwtPlot* BuffersView::exportPlot() const { return sheet_; }

void BuffersView::setShownBuffers(const std::vector<std::string>& keys) {
  shown_buffers_ = keys;
  rebuildTracks();
}

void BuffersView::setExportTitle(const QString& title) {
  export_title_ = title;
  applyRange();
}

void BuffersView::setVisibleRange(double t0_cycles, double t1_cycles) {
  if (t1_cycles > t0_cycles) {
    control_->requestRange(t0_cycles, t1_cycles);
  } else {
    control_->showWholeTrace();
  }
}

void BuffersView::rebuildTracks() {
  std::vector<int> tracks;
  if (run_ && !kept_no_trace(run_.get())) {
    for (std::size_t i = 0; i < run_->trace.buffers.size(); ++i) {
      const auto& buffer = run_->trace.buffers[i];
      if (buffer.core != core_) continue;
      const bool shown =
          shown_buffers_.empty() ||
          std::any_of(shown_buffers_.begin(), shown_buffers_.end(), [&](const std::string& key) {
            return amla::buffer_key_matches(key, buffer.name);
          });
      if (shown) tracks.push_back(static_cast<int>(i));
    }
  }
  while (plots_.size() < tracks.size()) {
    auto* plot = new OccupancyPlot(strips_);
    strips_->layout()->addWidget(plot);
    watch(new TimeNavigator(plot));
    plots_.push_back(plot);
  }
  const TimeUnit unit = time_unit(run_ ? run_->trace.clock_ghz : 1.0, microseconds_);
  for (std::size_t i = 0; i < plots_.size(); ++i) {
    const bool used = i < tracks.size();
    plots_[i]->setTrack(used ? &run_->trace.buffers[static_cast<std::size_t>(tracks[i])] : nullptr,
                        unit);
    plots_[i]->setVisible(used);
    // One time axis under the strips; the memory map has its own.
    plots_[i]->setTimeAxisShown(used && i + 1 == tracks.size());
    plots_[i]->setKeyShown(i == 0);
  }
  if (!tracks.empty()) {
    map_buffer_ = std::clamp(map_buffer_, 0, static_cast<int>(tracks.size()) - 1);
  }
  {
    const QSignalBlocker block(map_combo_);
    map_combo_->clear();
    for (int t : tracks) {
      map_combo_->addItem(
          QString::fromStdString(run_->trace.buffers[static_cast<std::size_t>(t)].name));
    }
    map_combo_->setCurrentIndex(tracks.empty() ? -1 : map_buffer_);
  }
  map_->setTrack(run_.get(), tracks.empty() ? -1 : tracks[static_cast<std::size_t>(map_buffer_)],
                 unit);

  QList<QwtPlot*> panels;
  QList<double> weights;
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    panels.append(plots_[i]);
    // The strip carrying the time axis gets room for it.
    weights.append(i + 1 == tracks.size() ? 1.35 : 1.0);
  }
  panels.append(map_);
  weights.append(kMapWeight);
  sheet_->setPanels(panels, weights);
  applyRange();
  align_left_axes(panels);
}

void BuffersView::applyRange() {
  const TimeUnit unit = time_unit(run_ ? run_->trace.clock_ghz : 1.0, microseconds_);
  const double t0 = visibleStart();
  const double t1 = visibleEnd();
  const double x0 = unit.fromCycles(t0);
  const double x1 = unit.fromCycles(t1 > t0 ? t1 : t0 + 1);
  for (OccupancyPlot* plot : plots_) plot->setTimeRange(x0, x1);
  map_->setTimeRange(x0, x1);
  const int decimals = unit.cycles_per_unit > 1 ? 3 : 0;
  summary_->setText(kept_no_trace(run_.get()) ? QString()
                    : run_                    ? tr("%1 - %2 %3    Ctrl+wheel: zoom, drag: pan")
                                 .arg(x0, 0, 'f', decimals)
                                 .arg(x1, 0, 'f', decimals)
                                 .arg(unit.name)
                           : tr("No simulation run"));
  QwtText title(export_title_.isEmpty() ? defaultTitle() : export_title_);
  title.setFont(plot_font(12, true));
  // A column-wide figure is narrower than the configuration's line: it wraps, never is cut.
  title.setRenderFlags(Qt::AlignCenter | Qt::TextWordWrap);
  sheet_->setTitle(title);
}

QString BuffersView::defaultTitle() const {
  if (!run_) return tr("Buffers");
  const TimeUnit unit = time_unit(run_->trace.clock_ghz, microseconds_);
  const int decimals = unit.cycles_per_unit > 1 ? 3 : 0;
  const amla::Problem& p = run_->config.problem;
  return tr("Buffers of core %1: %2, %3, batch %4, S_k %5, %6 - %7 %8")
      .arg(core_)
      .arg(QString::fromStdString(run_->hardware.name),
           QString::fromLatin1(amla::variant_name(run_->config.variant)))
      .arg(p.batch)
      .arg(p.kv_len)
      .arg(unit.fromCycles(visibleStart()), 0, 'f', decimals)
      .arg(unit.fromCycles(visibleEnd()), 0, 'f', decimals)
      .arg(unit.name);
}

void BuffersView::watch(TimeNavigator* navigator) {
  connect(navigator, &TimeNavigator::rangeRequested, this, &BuffersView::navigate);
  connect(navigator, &TimeNavigator::gestureFinished, this, [this] { control_->endGesture(); });
}

void BuffersView::navigate(double x0, double x1, bool drag) {
  if (!run_ || !(x1 > x0)) return;
  const TimeUnit unit = time_unit(run_->trace.clock_ghz, microseconds_);
  using Gesture = TimeRangeControl::Gesture;
  control_->requestRange(unit.toCycles(x0), unit.toCycles(x1),
                         drag ? Gesture::kDrag : Gesture::kWheelZoom);
}

void BuffersView::contextMenuEvent(QContextMenuEvent* event) {
  QMenu menu(this);
  QAction* save = menu.addAction(tr("Export panel (PNG, SVG, PDF)..."), this,
                                 [this] { open_export_dialog(exportPlot(), this); });
  save->setEnabled(export_button_->isEnabled());
  menu.exec(event->globalPos());
}

}  // namespace amla::ui
