#include "ui/main_window.h"

#include <QAction>
#include <QBuffer>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <tuple>

#include "core/common/atomic_file.h"
#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/kernel/config_json.h"
#include "core/sim/trace_csv.h"
#include "core/sim/trace_export.h"
#include "ui/buffers/buffers_export.h"
#include "ui/buffers/buffers_view.h"
#include "ui/common/app_settings.h"
#include "ui/common/no_trace_notice.h"
#include "ui/common/plot_export.h"
#include "ui/common/plot_source.h"
#include "ui/common/scroll_page.h"
#include "ui/common/time_range_control.h"
#include "ui/compare/ab_state.h"
#include "ui/compare/compare_page.h"
#include "ui/help/help_menu.h"
#include "ui/lesson/lesson_controller.h"
#include "ui/numerics/numerics_page.h"
#include "ui/numerics/run_controls.h"
#include "ui/serving/serving_page.h"
#include "ui/studio/config_panel.h"
#include "ui/studio/numerics_session.h"
#include "ui/studio/panel_export_dialog.h"
#include "ui/studio/profile_import.h"
#include "ui/studio/session_controller.h"
#include "ui/studio/summary_view.h"
#include "ui/sweep/sweep_page.h"
#include "ui/timeline/pseudocode_panel.h"
#include "ui/timeline/shared_timeline_index.h"
#include "ui/timeline/timeline_figure.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {

namespace {

constexpr int kPageCount = static_cast<int>(amla::kStudioPages.size());

QString page_name(int index) {
  return index >= 0 && index < kPageCount
             ? QString::fromLatin1(amla::kStudioPages[static_cast<std::size_t>(index)])
             : QString();
}

// The pages that show the studio's last run (Sweep and Numerics have runs of their own).
bool page_shows_last_run(const QString& page) {
  return page == QLatin1String("Timeline") || page == QLatin1String("Buffers") ||
         page == QLatin1String("Summary") || page == QLatin1String("Compare");
}

QString range_hint() {
  return QObject::tr(
      "Shift+drag to select a range; W/S zoom, A/D pan, Ctrl+wheel zoom at the cursor, F frames "
      "the selection, Backspace goes back, C shows the critical path. F1: what each page shows.");
}

}  // namespace

MainWindow::MainWindow(bool run_default_case, QWidget* parent) : QMainWindow(parent) {
  worker_ = new SimulationWorker(this);
  importer_ = new ProfileImporter(this);
  importer_->acceptDropsOn(this);
  time_ = new TimeRangeControl(this);
  session_ = new SessionController(this);
  session_->capture = [this] { return currentSession(); };

  config_panel_ = new ConfigPanel(this);
  auto* dock = new QDockWidget(tr("Configuration"), this);
  dock->setObjectName(QStringLiteral("configurationDock"));
  dock->setWidget(config_panel_);
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  addDockWidget(Qt::LeftDockWidgetArea, dock);
  buildPages();
  ab_ = new AbState(compare_page_);
  numerics_session_ = new NumericsSession(numerics_page_);
  connectRunFlow();
  buildMenus();
  lessons_ = new LessonController(this);

  // Never larger than the screen (a 1280 x 720 laptop gets the whole screen, not a clipped window).
  QSize size(1700, 1050);
  if (const QScreen* s = screen()) size = size.boundedTo(s->availableGeometry().size());
  resize(size);
  QSettings settings = app_settings();
  const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
  if (!geometry.isEmpty()) restoreGeometry(geometry);
  const QByteArray state = settings.value(QStringLiteral("window/state")).toByteArray();
  if (!state.isEmpty()) restoreState(state);
  // The configuration panel takes at most a quarter of the window (a laptop keeps its room for
  // the page); the panel is never narrower than its fields.
  if (state.isEmpty())
    resizeDocks({dock}, {std::min(dock->sizeHint().width(), size.width() / 4)}, Qt::Horizontal);
  // A geometry saved on a larger screen (or at a smaller scale) is cut down to this one.
  if (const QScreen* s = screen()) {
    const QRect available = s->availableGeometry();
    if (!available.contains(frameGeometry())) {
      resize(this->size().boundedTo(available.size()));
      move(available.topLeft().x() + std::max(0, (available.width() - width()) / 2),
           available.topLeft().y() + std::max(0, (available.height() - height()) / 2));
    }
  }

  const auto& tiling = config_panel_->draft().kernel.tiling;
  numerics_page_->controls()->setBlocking(tiling.blocking.rows_per_task, tiling.blocking.kv_block);
  sweep_page_->setBaseConfig(config_panel_->draft());
  serving_page_->setBaseConfig(config_panel_->draft());
  session_->setModified(false);
  if (run_default_case) {
    QTimer::singleShot(0, this, &MainWindow::startSimulation);
    QTimer::singleShot(0, numerics_page_, &NumericsPage::startRun);
  }
}

MainWindow::~MainWindow() = default;

void MainWindow::setMemoryBudget(std::uint64_t bytes) {
  worker_->setMemoryBudget(bytes);
  config_panel_->setMemoryBudget(bytes);  // its early check uses the same budget
}

void MainWindow::buildPages() {
  pages_ = new QTabWidget(this);
  pages_->setDocumentMode(true);
  auto* timeline_page = new QWidget(pages_);
  auto* timeline_layout = new QVBoxLayout(timeline_page);
  timeline_layout->setContentsMargins(0, 0, 0, 0);
  timeline_ = new TimelineWidget(timeline_page);
  selection_label_ = new QLabel(range_hint(), timeline_page);
  selection_label_->setObjectName(QStringLiteral("rangeStatistics"));
  selection_label_->setWordWrap(true);
  selection_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  timeline_layout->addWidget(timeline_, 1);
  timeline_layout->addWidget(selection_label_);
  pages_->addTab(timeline_page, tr("Timeline"));
  buffers_ = new BuffersView(pages_);
  pages_->addTab(buffers_, tr("Buffers"));
  summary_ = new SummaryView(pages_);
  pages_->addTab(summary_, tr("Summary"));
  sweep_page_ = new SweepPage(pages_);
  pages_->addTab(sweep_page_, tr("Sweep"));
  compare_page_ = new ComparePage(pages_);
  pages_->addTab(compare_page_, tr("Compare"));
  numerics_page_ = new NumericsPage(pages_);
  pages_->addTab(numerics_page_, tr("Numerics"));
  serving_page_ = new ServingPage(pages_);
  pages_->addTab(serving_page_, tr("Serving"));
  // A page larger than the window scrolls rather than clipping or growing the window.
  for (int i = 0; i < pages_->count(); ++i) scroll_when_small(pages_->widget(i));

  // Above the pages: the banner that says the results shown are not for the inputs shown.
  auto* central = new QWidget(this);
  auto* central_layout = new QVBoxLayout(central);
  central_layout->setContentsMargins(0, 0, 0, 0);
  central_layout->setSpacing(0);
  stale_banner_ = new QFrame(central);
  stale_banner_->setObjectName(QStringLiteral("staleBanner"));
  stale_banner_->setStyleSheet(
      QStringLiteral("#staleBanner { background: #fff4d6; border-bottom: 1px solid #d9a520; }"));
  auto* banner_layout = new QHBoxLayout(stale_banner_);
  banner_layout->setContentsMargins(10, 4, 10, 4);
  auto* banner_text = new QLabel(
      tr("\u26a0 Results are for the previous inputs: Run to update (Ctrl+R)."), stale_banner_);
  banner_text->setObjectName(QStringLiteral("staleBannerText"));
  banner_layout->addWidget(banner_text, 1);
  auto* banner_run = new QPushButton(tr("Run"), stale_banner_);
  connect(banner_run, &QPushButton::clicked, this, &MainWindow::startSimulation);
  banner_layout->addWidget(banner_run);
  stale_banner_->setVisible(false);
  central_layout->addWidget(stale_banner_);
  central_layout->addWidget(pages_, 1);
  setCentralWidget(central);
  connect(pages_, &QTabWidget::currentChanged, this, [this] {
    updateStale();
    updateTraceActions();
  });

  // The timeline and the buffer tracks observe one time range.
  timeline_->setTimeControl(time_);
  buffers_->setTimeControl(time_);
  // The statistics are a table in fixed columns: a fixed-pitch font keeps them aligned.
  connect(timeline_, &TimelineWidget::rangeSelected, this,
          [this](double, double, const QString& text) {
            selection_label_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            selection_label_->setText(text);
          });
  // No range drawn (cleared, or a new run): no statistics of an old one.
  connect(time_, &TimeRangeControl::selectionChanged, this, [this] {
    if (!time_->hasSelection()) showRangeHint();
  });
}

QString MainWindow::rangeStatisticsText() const { return selection_label_->text(); }

void MainWindow::showRangeHint() {
  selection_label_->setFont(QFont());
  // A run that kept no trace has no ops to take statistics of (the timeline says why).
  selection_label_->setText(kept_no_trace(run_.get())
                                ? tr("No range statistics: this run kept no trace.")
                                : range_hint());
}

void MainWindow::updateTraceActions() {
  const bool no_trace = kept_no_trace(run_.get());
  const QString why = no_trace ? no_trace_action_text(*run_) : QString();
  for (QAction* action : trace_actions_) {
    action->setEnabled(!no_trace);
    action->setToolTip(no_trace ? why : action->text().remove('&').section('\t', 0, 0));
  }
  // The current panel as an image: Timeline and Buffers draw the trace, the others do not.
  const QString page = currentPageName();
  const bool draws_trace = page == QLatin1String("Timeline") || page == QLatin1String("Buffers");
  panel_export_action_->setEnabled(!(no_trace && draws_trace));
  panel_export_action_->setToolTip(no_trace && draws_trace ? why : tr("Current panel as image"));
}

void MainWindow::updateStale() {
  stale_ = run_ && amla::run_config_to_json(config_panel_->draft()).dump() != shown_inputs_;
  stale_banner_->setVisible(stale_ && page_shows_last_run(currentPageName()));
}

void MainWindow::connectRunFlow() {
  connect(config_panel_, &ConfigPanel::runRequested, this, &MainWindow::startSimulation);
  connect(config_panel_, &ConfigPanel::cancelRequested, worker_, &SimulationWorker::cancel);
  connect(config_panel_, &ConfigPanel::configEdited, this, [this] {
    session_->setModified(true);
    updateStale();
    // The Numerics page walks the same (rows per task, KV block) decomposition.
    const auto& tiling = config_panel_->draft().kernel.tiling;
    numerics_page_->controls()->setBlocking(tiling.blocking.rows_per_task,
                                            tiling.blocking.kv_block);
    sweep_page_->setBaseConfig(config_panel_->draft());
    serving_page_->setBaseConfig(config_panel_->draft());
  });
  // The sweep varies knobs on top of the studio's configuration; a cell opens as a normal run.
  connect(sweep_page_, &SweepPage::openRunRequested, this, [this](const amla::RunConfig& config) {
    config_panel_->setConfig(config);
    pages_->setCurrentIndex(0);
    startSimulation();
  });
  connect(sweep_page_, &SweepPage::compareWithBestRequested, this,
          [this](const amla::RunConfig& best) {
            ab_->compareNextRunWith(run_);
            config_panel_->setConfig(best);
            startSimulation();
          });
  connect(ab_, &AbState::showRequested, this, [this] { pages_->setCurrentWidget(compare_page_); });

  connect(worker_, &SimulationWorker::progressChanged, config_panel_, &ConfigPanel::setProgress);
  connect(worker_, &SimulationWorker::finished, this,
          [this] { onSimulationFinished(worker_->run()); });
  connect(worker_, &SimulationWorker::failed, this,
          [this](const QString& field, const QString& message) {
            config_panel_->setRunning(false);
            config_panel_->setStatus(tr("Run failed."), true);
            config_panel_->showRunError(field, message);
            emit simulationFinished(false);
          });
  connect(worker_, &SimulationWorker::cancelled, this, [this] {
    config_panel_->setRunning(false);
    if (restart_after_cancel_) {  // cancelled to make way for a session's configuration
      restart_after_cancel_ = false;
      startSimulation();
      return;
    }
    config_panel_->setStatus(tr("Cancelled."), false);
    emit simulationFinished(false);
  });

  connect(importer_, &ProfileImporter::finished, this, [this] {
    const SimulationPtr run = importer_->run();
    onSimulationFinished(run);
    config_panel_->setStatus(tr("Imported %1: %2 ops.")
                                 .arg(QString::fromStdString(run->hardware.name))
                                 .arg(run->trace.ops.size()),
                             false);
  });
  connect(importer_, &ProfileImporter::failed, this,
          [this](const QString&, const QString& message) {
            QMessageBox::warning(this, tr("Import profile"), message);
            emit simulationFinished(false);
          });

  connect(session_, &SessionController::titleChanged, this, &QWidget::setWindowTitle);
  connect(session_, &SessionController::loaded, this, &MainWindow::showSession);
  connect(session_, &SessionController::newSessionRequested, this, [this] {
    config_panel_->setConfig(amla::studio_default_config());
    startSimulation();
  });
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  session_->addMenuActions(file);
  file->addSeparator();
  QAction* import = file->addAction(tr("&Import profile..."));
  import->setShortcut(QKeySequence(QStringLiteral("Ctrl+I")));
  connect(import, &QAction::triggered, this, [this] { importer_->chooseAndImport(this); });
  addExportMenu(file);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"));
  // As for Save as: no theme, no Quit key; Ctrl+Q is the common one.
  const QKeySequence quit_keys(QKeySequence::Quit);
  quit->setShortcut(quit_keys.isEmpty() ? QKeySequence(QStringLiteral("Ctrl+Q")) : quit_keys);
  connect(quit, &QAction::triggered, this, &QWidget::close);

  QMenu* run_menu = menuBar()->addMenu(tr("&Run"));
  QAction* run_action = run_menu->addAction(tr("&Run simulation"));
  run_action->setShortcut(QKeySequence(QStringLiteral("Ctrl+R")));
  connect(run_action, &QAction::triggered, this, &MainWindow::startSimulation);
  QAction* pin = run_menu->addAction(tr("&Pin this run as A (compare)"));
  pin->setShortcut(QKeySequence(QStringLiteral("Ctrl+P")));
  connect(pin, &QAction::triggered, this, &MainWindow::pinRunAsA);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  // The configuration panel hides for room on a small screen (its dock's own toggle).
  if (auto* dock = findChild<QDockWidget*>(QStringLiteral("configurationDock"))) {
    QAction* panel = dock->toggleViewAction();
    panel->setText(tr("Configuration &panel"));
    panel->setShortcut(QKeySequence(QStringLiteral("F9")));
    view->addAction(panel);
    view->addSeparator();
  }
  QAction* us = view->addAction(tr("Time in &microseconds"));
  us->setCheckable(true);
  us->setChecked(true);
  connect(us, &QAction::toggled, this, &MainWindow::setTimeUnitMicroseconds);
  QAction* back = view->addAction(tr("Zoom &back"));
  back->setShortcut(QKeySequence(QStringLiteral("Alt+Left")));
  connect(back, &QAction::triggered, this, [this] { activeTimeControl()->back(); });
  QAction* forward = view->addAction(tr("Zoom &forward"));
  forward->setShortcut(QKeySequence(QStringLiteral("Alt+Right")));
  connect(forward, &QAction::triggered, this, [this] { activeTimeControl()->forward(); });
  view->addSeparator();
  // The key is the timeline's own (C, listed in Help > Keyboard shortcuts); the menu shows it.
  critical_path_action_ = view->addAction(tr("&Critical path on the timeline") + "\tC");
  critical_path_action_->setCheckable(true);
  trace_actions_.push_back(critical_path_action_);
  connect(critical_path_action_, &QAction::toggled, timeline_,
          &TimelineWidget::setCriticalPathShown);
  connect(timeline_, &TimelineWidget::criticalPathShownChanged, critical_path_action_,
          &QAction::setChecked);
  QAction* blocker = view->addAction(tr("&Jump to what the selected op waited for") + "\tB");
  trace_actions_.push_back(blocker);
  // The actions that need the trace say why they are off for a run that kept none.
  view->setToolTipsVisible(true);
  connect(blocker, &QAction::triggered, this, [this] {
    pages_->setCurrentIndex(0);
    timeline_->jumpToBlocker();
  });
  // The kernel's pseudo-code beside the timeline, linked to it both ways.
  PseudocodePanel* code = add_pseudocode_dock(this, pages_, timeline_, view);
  connect(this, &MainWindow::simulationFinished, code, [this, code](bool ok) {
    if (ok) code->setRun(run_);
  });

  help_ = new HelpMenu(this, [this] { return currentPageName(); });
}

void MainWindow::addExportMenu(QMenu* file) {
  QMenu* export_menu = file->addMenu(tr("&Export"));
  export_menu->setToolTipsVisible(true);
  QAction* panel = export_menu->addAction(tr("Current &panel as image..."));
  panel_export_action_ = panel;
  panel->setShortcut(QKeySequence(tr("Ctrl+E")));
  connect(panel, &QAction::triggered, this, &MainWindow::exportCurrentPlot);
  // Each asks for a file, writes it, and says why when that fails.
  auto add = [this, export_menu](const QString& text, const QString& title, const QString& filter,
                                 QString (MainWindow::*write)(const QString&)) {
    connect(export_menu->addAction(text), &QAction::triggered, this, [this, title, filter, write] {
      const QString path = QFileDialog::getSaveFileName(this, title, QString(), filter);
      if (path.isEmpty()) return;
      const QString error = (this->*write)(path);
      if (!error.isEmpty()) QMessageBox::warning(this, tr("Export"), error);
    });
  };
  add(tr("Whole &window as PNG..."), tr("Window as PNG"), tr("PNG (*.png)"),
      &MainWindow::exportWindowPng);
  // One filter per trace format, from the format table; the file's extension picks the format,
  // and a name typed without one gets the chosen filter's.
  QStringList trace_filters, trace_suffixes;
  for (const amla::TraceFormatInfo& f : amla::trace_formats()) {
    QStringList patterns;
    for (const std::string& ext : f.extensions) patterns << "*" + QString::fromStdString(ext);
    trace_filters << tr("%1 (%2)").arg(QString::fromStdString(f.label), patterns.join(' '));
    trace_suffixes << QString::fromStdString(f.extensions.front());
  }
  QAction* trace = export_menu->addAction(tr("&Trace (Chrome JSON, gzip, Perfetto or Insight)..."));
  trace_actions_.push_back(trace);
  connect(trace, &QAction::triggered, this, [this, trace_filters, trace_suffixes] {
    QString chosen;
    QString path = QFileDialog::getSaveFileName(this, tr("Trace"), QString(),
                                                trace_filters.join(";;"), &chosen);
    if (path.isEmpty()) return;
    const int format = trace_filters.indexOf(chosen);
    if (!QFileInfo(path).fileName().contains('.') && format >= 0) {
      path += trace_suffixes[format];
    }
    // A format the extension cannot name (Insight's .json) is the chosen filter's.
    std::optional<amla::TraceFormat> forced;
    if (format >= 0) {
      const amla::TraceFormatInfo& f = amla::trace_formats()[static_cast<std::size_t>(format)];
      if (!f.by_extension) forced = f.format;
    }
    const QString error = exportTrace(path, forced);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export"), error);
  });
  add(tr("Ops as &CSV..."), tr("CSV"), tr("CSV (*.csv)"), &MainWindow::exportCsv);
  trace_actions_.push_back(export_menu->actions().back());
}

void MainWindow::startSimulation() {
  const auto config = config_panel_->config();
  if (!config) {
    config_panel_->setStatus(tr("Fix the marked fields first."), true);
    emit simulationFinished(false);  // asked for, and ended without a result
    return;
  }
  if (!worker_->start(*config)) return;
  config_panel_->setRunning(true);
  config_panel_->setStatus(tr("Simulating..."), false);
}

void MainWindow::importProfile(const QString& path) { importer_->start(path); }

void MainWindow::onSimulationFinished(SimulationPtr run) {
  if (restart_after_cancel_) {  // finished before the cancel reached it: not the run wanted now
    restart_after_cancel_ = false;
    config_panel_->setRunning(false);
    startSimulation();
    return;
  }
  run_ = std::move(run);
  config_panel_->setRunning(false);
  config_panel_->setStatus(
      tr("%1 ops simulated in %2 s: %3 TFLOPS (%4%), bound %5.")
              .arg(run_->metrics.events)
              .arg(run_->wall_seconds, 0, 'f', 2)
              .arg(run_->metrics.tflops, 0, 'f', 1)
              .arg(100.0 * run_->metrics.flops_utilization, 0, 'f', 1)
              .arg(QString::fromStdString(run_->metrics.bound)) +
          (kept_no_trace(run_.get()) ? tr(" No trace kept (the Timeline says why).") : QString()),
      false);
  shown_inputs_ =
      amla::run_config_to_json(run_->is_profile() ? config_panel_->draft()
                                                  : amla::RunConfig{run_->hardware, run_->config})
          .dump();
  remember_timeline_index(run_, worker_->timelineIndex());
  timeline_->setRun(run_);
  buffers_->setRun(run_);
  time_->setTrace(0, run_end_cycles(*run_));
  showRangeHint();
  updateTraceActions();
  updateStale();
  summary_->setRun(run_);
  if (pending_after_pin_) {
    // The session's A run: pinned, then the session's own configuration is simulated.
    ab_->pin(run_);
    config_panel_->setConfig(*pending_after_pin_);
    pending_after_pin_.reset();
    startSimulation();
    return;
  }
  ab_->runFinished(run_);
  emit simulationFinished(true);
  if (pending_view_) {
    applyView(*pending_view_);
    pending_view_.reset();
    emit sessionShown();
  }
}

void MainWindow::showSession(const amla::StudioSession& session) {
  config_panel_->setConfig(session.config);
  // The pages that derive from the configuration follow it, as after an edit.
  const auto& blocking = session.config.kernel.tiling.blocking;
  numerics_page_->controls()->setBlocking(blocking.rows_per_task, blocking.kv_block);
  sweep_page_->setBaseConfig(session.config);
  serving_page_->setBaseConfig(session.config);
  if (session.numerics) numerics_session_->apply(*session.numerics, blocking);
  if (session.sweep) {
    const QString missing = sweep_page_->setControlsState(*session.sweep);
    if (!missing.isEmpty()) {
      config_panel_->setStatus(tr("Session: not restored: %1.").arg(missing), true);
    }
  }
  const auto same = [](const amla::RunConfig& a, const amla::RunConfig& b) {
    return amla::run_config_to_json(a) == amla::run_config_to_json(b);
  };
  const SimulationPtr pinned = ab_->pinned();
  if (session.pinned_a &&
      !(pinned && same(*session.pinned_a, amla::RunConfig{pinned->hardware, pinned->config}))) {
    pending_after_pin_ = session.config;
    config_panel_->setConfig(*session.pinned_a);
    pending_view_ = session.view;
    startOrRestartSimulation();
    return;
  }
  if (run_ && !worker_->isRunning() &&
      same(session.config, amla::RunConfig{run_->hardware, run_->config})) {
    applyView(session.view);  // the run on screen is already this configuration
    updateStale();
    emit sessionShown();
    return;
  }
  pending_view_ = session.view;  // the range needs the run: applied when it arrives
  startOrRestartSimulation();
}

void MainWindow::startOrRestartSimulation() {
  if (!worker_->isRunning()) {
    startSimulation();
    return;
  }
  restart_after_cancel_ = true;
  worker_->cancel();
}

void MainWindow::applyView(const amla::StudioView& view) {
  setTimeUnitMicroseconds(view.microseconds);
  buffers_->setCore(view.buffers_core);
  if (view.t1_cycles > view.t0_cycles) time_->requestRange(view.t0_cycles, view.t1_cycles);
  for (int i = 0; i < pages_->count(); ++i) {
    if (page_name(i) == QString::fromStdString(view.page)) pages_->setCurrentIndex(i);
  }
}

void MainWindow::setTimeUnitMicroseconds(bool on) {
  microseconds_ = on;
  timeline_->setTimeUnitMicroseconds(on);
  buffers_->setTimeUnitMicroseconds(on);
}

amla::StudioSession MainWindow::currentSession() const {
  amla::StudioSession s;
  s.config = config_panel_->draft();
  std::tie(s.view.t0_cycles, s.view.t1_cycles) = time_->range();
  s.view.microseconds = microseconds_;
  s.view.buffers_core = buffers_->core();
  s.view.page = currentPageName().toStdString();
  s.numerics = numerics_session_->capture();
  s.sweep = sweep_page_->controlsState();
  if (const SimulationPtr a = ab_->pinned()) s.pinned_a = amla::RunConfig{a->hardware, a->config};
  s.lesson = lessons_->position();
  return s;
}

QString MainWindow::currentPageName() const { return page_name(pages_->currentIndex()); }

TimeRangeControl* MainWindow::activeTimeControl() const {
  return pages_->currentWidget() == compare_page_ ? compare_page_->timeControl() : time_;
}

QString MainWindow::exportPanel(const QString& page, const QString& path, const QSize& size) {
  FigureRequest request;
  request.figure.dpi = kExportDpi;
  request.figure.width_mm = size.width() * 25.4 / kExportDpi;
  request.figure.height_mm = size.height() * 25.4 / kExportDpi;
  if (page == QLatin1String("Buffers")) request.content.cores = {buffers_->core()};
  if (page == QLatin1String("Compare")) return compare_page_->exportCompare(path, size);
  return exportFigure(page, path, request);
}

namespace {

// The range the time control shows, when it is narrower than the whole run.
std::optional<std::pair<double, double>> shown_range_us(const amla::SimulationRun& run,
                                                        std::pair<double, double> cycles) {
  std::int64_t end = 1;
  for (std::int64_t e : run.trace.ops.end) end = std::max(end, e);
  const auto [t0, t1] = cycles;
  if (!(t1 > t0) || (t0 <= 0 && t1 >= static_cast<double>(end))) return std::nullopt;
  const double per_us = run.trace.clock_ghz * 1e3;
  return std::make_pair(std::max(0.0, t0) / per_us, std::min<double>(t1, end) / per_us);
}

}  // namespace

QwtPlot* MainWindow::pagePlot(const QString& page) const {
  QWidget* widget = page == QLatin1String("Summary") ? static_cast<QWidget*>(summary_)
                    : page == QLatin1String("Sweep") ? static_cast<QWidget*>(sweep_page_)
                                                     : static_cast<QWidget*>(numerics_page_);
  auto* source = dynamic_cast<PlotSource*>(widget);
  return page == QLatin1String("Serving") ? serving_page_->speedPlot()
         : source                         ? source->currentPlot()
                                          : nullptr;
}

QString MainWindow::exportFigure(const QString& page, const QString& path,
                                 const FigureRequest& request) {
  if (page == QLatin1String("Timeline") || page == QLatin1String("Buffers")) {
    if (!run_) return tr("no run to export yet");
    if (kept_no_trace(run_.get())) return no_trace_action_text(*run_);
    if (page == QLatin1String("Timeline")) {
      return export_timeline_figure(*run_, request.figure, request.content, path);
    }
    BuffersFigureContent content;
    content.core = request.content.cores.empty() ? buffers_->core() : request.content.cores.front();
    content.range_us = request.content.range_us;
    content.buffers = request.buffers;
    return export_buffers_figure(*run_, request.figure, content, path);
  }
  if (page == QLatin1String("Compare")) return compare_page_->exportCompare(path, request.figure);
  QwtPlot* plot = pagePlot(page);
  if (!plot) return tr("the %1 page has no plot to export").arg(page);
  return export_plot(plot, path, request.figure);
}

QImage MainWindow::previewFigure(const QString& page, const FigureRequest& request) {
  if (page == QLatin1String("Timeline") || page == QLatin1String("Buffers")) {
    if (!run_ || kept_no_trace(run_.get())) return {};
    if (page == QLatin1String("Timeline")) {
      return render_timeline_figure(*run_, request.figure, request.content);
    }
    BuffersFigureContent content;
    content.core = request.content.cores.empty() ? buffers_->core() : request.content.cores.front();
    content.range_us = request.content.range_us;
    content.buffers = request.buffers;
    return render_buffers_figure(*run_, request.figure, content);
  }
  if (page == QLatin1String("Compare")) return compare_page_->renderCompare(request.figure);
  return render_plot_figure(pagePlot(page), request.figure);
}

void MainWindow::pinRunAsA() {
  if (!ab_->pin(run_)) {
    config_panel_->setStatus(tr("Run once before pinning a run as A."), true);
    return;
  }
  config_panel_->setStatus(tr("Pinned as A. Change the configuration and Run: the Compare page "
                              "shows the new run as B."),
                           false);
}

QString MainWindow::exportWindowPng(const QString& path) {
  // Encoded in memory, then written through the output layer (every write checked).
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  if (!grab().save(&buffer, "PNG")) return tr("%1: could not encode the PNG").arg(path);
  try {
    amla::write_bytes_atomically("export", path.toStdString(),
                                 std::string_view(bytes.constData(), bytes.size()));
  } catch (const amla::InputError& e) {
    return tr("%1: %2").arg(path, QString::fromStdString(e.limit()));
  }
  return {};
}

QString MainWindow::exportTrace(const QString& path, std::optional<amla::TraceFormat> forced) {
  if (!run_) return tr("no run to export yet");
  if (kept_no_trace(run_.get())) return no_trace_action_text(*run_);
  try {
    const std::string file = path.toStdString();
    amla::write_trace_file(run_->trace, file, amla::trace_format_for(file, forced));
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

QString MainWindow::exportCsv(const QString& path) {
  if (!run_) return tr("no run to export yet");
  if (kept_no_trace(run_.get())) return no_trace_action_text(*run_);
  try {
    amla::write_ops_csv_file(run_->trace, path.toStdString());
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

void MainWindow::exportCurrentPlot() {
  const QString page = currentPageName();
  const FigureContentKind kind = page == QLatin1String("Timeline")  ? FigureContentKind::kTimeline
                                 : page == QLatin1String("Buffers") ? FigureContentKind::kBuffers
                                                                    : FigureContentKind::kPlot;
  PanelExportDialog dialog(
      page, kind,
      [this, page](const QString& path, const FigureRequest& r) {
        return exportFigure(page, path, r);
      },
      [this, page](const FigureRequest& r) { return previewFigure(page, r); }, this);
  // The window's range and core, over the remembered settings: export what is on screen.
  if (run_ && kind != FigureContentKind::kPlot) {
    try {
      FigureRequest r = dialog.request();
      r.content.range_us = shown_range_us(*run_, time_->range());
      if (kind == FigureContentKind::kBuffers) r.content.cores = {buffers_->core()};
      dialog.setRequest(r);
    } catch (const amla::InputError&) {
      // Remembered settings that no longer parse stay as they are: the dialog says why.
    }
  }
  dialog.exec();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!session_->mayDiscard()) {
    event->ignore();
    return;
  }
  QSettings settings = app_settings();
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  worker_->cancel();
  QMainWindow::closeEvent(event);
}

}  // namespace amla::ui
