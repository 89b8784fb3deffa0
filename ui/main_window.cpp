#include "ui/main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "core/common/input_error.h"
#include "core/hw/hardware_presets.h"
#include "core/sim/chrome_trace_writer.h"
#include "core/sim/trace_csv.h"
#include "ui/buffers/buffers_export.h"
#include "ui/buffers/buffers_view.h"
#include "ui/common/export_dialog.h"
#include "ui/common/plot_export.h"
#include "ui/common/plot_source.h"
#include "ui/common/time_range_control.h"
#include "ui/compare/compare_page.h"
#include "ui/numerics/numerics_page.h"
#include "ui/numerics/run_controls.h"
#include "ui/studio/config_panel.h"
#include "ui/studio/panel_export_dialog.h"
#include "ui/studio/summary_view.h"
#include "ui/sweep/sweep_page.h"
#include "ui/timeline/timeline_export.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {

namespace {

constexpr int kMaxRecent = 8;

QSettings app_settings() {
  return QSettings(QStringLiteral("AMLA Studio"), QStringLiteral("amla-studio"));
}

const char* const kPageNames[] = {"Timeline", "Buffers", "Summary", "Sweep", "Compare", "Numerics"};
constexpr int kPageCount = 6;

QString page_name(int index) {
  return index >= 0 && index < kPageCount ? QString::fromLatin1(kPageNames[index]) : QString();
}

}  // namespace

MainWindow::MainWindow(bool run_default_case, QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("AMLA Studio"));
  worker_ = new SimulationWorker(this);
  time_ = new TimeRangeControl(this);

  config_panel_ = new ConfigPanel(this);
  auto* dock = new QDockWidget(tr("Configuration"), this);
  dock->setObjectName(QStringLiteral("configurationDock"));
  dock->setWidget(config_panel_);
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
  addDockWidget(Qt::LeftDockWidgetArea, dock);

  pages_ = new QTabWidget(this);
  pages_->setDocumentMode(true);
  auto* timeline_page = new QWidget(pages_);
  auto* timeline_layout = new QVBoxLayout(timeline_page);
  timeline_layout->setContentsMargins(0, 0, 0, 0);
  timeline_ = new TimelineWidget(timeline_page);
  selection_label_ = new QLabel(
      tr("Shift+drag to select a range; W/S zoom, A/D pan, Ctrl+wheel zoom at the cursor, "
         "F frames the selection, Backspace goes back."),
      timeline_page);
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
  setCentralWidget(pages_);

  // The timeline and the buffer tracks observe one time range.
  timeline_->setTimeControl(time_);
  buffers_->setTimeControl(time_);
  connect(timeline_, &TimelineWidget::rangeSelected, this,
          [this](double, double, const QString& text) { selection_label_->setText(text); });

  connect(config_panel_, &ConfigPanel::runRequested, this, &MainWindow::startSimulation);
  // The sweep varies knobs on top of the studio's configuration; a cell opens as a normal run.
  connect(sweep_page_, &SweepPage::openRunRequested, this, [this](const amla::RunConfig& config) {
    config_panel_->setConfig(config);
    pages_->setCurrentIndex(0);
    startSimulation();
  });
  connect(sweep_page_, &SweepPage::compareWithBestRequested, this,
          [this](const amla::RunConfig& best) {
            if (run_) compare_page_->setRunA(run_);
            config_panel_->setConfig(best);
            show_compare_after_run_ = true;
            startSimulation();
          });
  connect(config_panel_, &ConfigPanel::cancelRequested, worker_, &SimulationWorker::cancel);
  connect(config_panel_, &ConfigPanel::configEdited, this, [this] {
    setModified(true);
    // The Numerics page walks the same (rows per task, KV block) decomposition.
    const auto& tiling = config_panel_->draft().kernel.tiling;
    numerics_page_->controls()->setBlocking(tiling.blocking.rows_per_task,
                                            tiling.blocking.kv_block);
    sweep_page_->setBaseConfig(config_panel_->draft());
  });
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
    config_panel_->setStatus(tr("Cancelled."), false);
    emit simulationFinished(false);
  });

  buildMenus();
  resize(1700, 1050);
  QSettings settings = app_settings();
  const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
  if (!geometry.isEmpty()) restoreGeometry(geometry);
  const QByteArray state = settings.value(QStringLiteral("window/state")).toByteArray();
  if (!state.isEmpty()) restoreState(state);

  confirm_discard = [this] { return askToDiscard(); };
  const auto& tiling = config_panel_->draft().kernel.tiling;
  numerics_page_->controls()->setBlocking(tiling.blocking.rows_per_task, tiling.blocking.kv_block);
  sweep_page_->setBaseConfig(config_panel_->draft());
  setModified(false);
  if (run_default_case) {
    QTimer::singleShot(0, this, &MainWindow::startSimulation);
    QTimer::singleShot(0, numerics_page_, &NumericsPage::startRun);
  }
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  connect(file->addAction(tr("&New session")), &QAction::triggered, this, [this] {
    if (modified_ && !confirm_discard()) return;
    RunConfig defaults;
    defaults.hardware = amla::find_preset("910C-package");
    defaults.kernel.problem.kv_len = 4096;
    config_panel_->setConfig(defaults);
    session_path_.clear();
    setModified(false);
    startSimulation();
  });
  QAction* open = file->addAction(tr("&Open session..."));
  open->setShortcut(QKeySequence::Open);
  connect(open, &QAction::triggered, this, [this] {
    if (modified_ && !confirm_discard()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), QString(),
                                                      tr("AMLA Studio session (*.json)"));
    if (path.isEmpty()) return;
    const QString error = loadSession(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Open session"), error);
  });
  recent_menu_ = file->addMenu(tr("Open &recent"));
  rebuildRecentMenu();
  QAction* save = file->addAction(tr("&Save session"));
  save->setShortcut(QKeySequence::Save);
  QAction* save_as = file->addAction(tr("Save session &as..."));
  save_as->setShortcut(QKeySequence::SaveAs);
  auto save_to = [this](bool ask) {
    QString path = session_path_;
    if (ask || path.isEmpty()) {
      path = QFileDialog::getSaveFileName(this, tr("Save session"), path,
                                          tr("AMLA Studio session (*.json)"));
    }
    if (path.isEmpty()) return;
    const QString error = saveSession(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Save session"), error);
  };
  connect(save, &QAction::triggered, this, [save_to] { save_to(false); });
  connect(save_as, &QAction::triggered, this, [save_to] { save_to(true); });
  file->addSeparator();

  QMenu* export_menu = file->addMenu(tr("&Export"));
  QAction* panel = export_menu->addAction(tr("Current &panel as image..."));
  panel->setShortcut(QKeySequence(tr("Ctrl+E")));
  connect(panel, &QAction::triggered, this, &MainWindow::exportCurrentPlot);
  connect(export_menu->addAction(tr("Whole &window as PNG...")), &QAction::triggered, this, [this] {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Window as PNG"), QString(), tr("PNG (*.png)"));
    if (path.isEmpty()) return;
    const QString error = exportWindowPng(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export"), error);
  });
  connect(export_menu->addAction(tr("&Chrome trace (JSON)...")), &QAction::triggered, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Chrome trace"), QString(),
                                                      tr("Trace Event JSON (*.json)"));
    if (path.isEmpty()) return;
    const QString error = exportChromeTrace(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export"), error);
  });
  connect(export_menu->addAction(tr("Ops as &CSV...")), &QAction::triggered, this, [this] {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("CSV"), QString(), tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    const QString error = exportCsv(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export"), error);
  });
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"));
  quit->setShortcut(QKeySequence::Quit);
  connect(quit, &QAction::triggered, this, &QWidget::close);

  QMenu* run_menu = menuBar()->addMenu(tr("&Run"));
  QAction* run_action = run_menu->addAction(tr("&Run simulation"));
  run_action->setShortcut(QKeySequence(QStringLiteral("Ctrl+R")));
  connect(run_action, &QAction::triggered, this, &MainWindow::startSimulation);
  QAction* pin = run_menu->addAction(tr("&Pin this run as A (compare)"));
  pin->setShortcut(QKeySequence(QStringLiteral("Ctrl+P")));
  connect(pin, &QAction::triggered, this, &MainWindow::pinRunAsA);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* us = view->addAction(tr("Time in &microseconds"));
  us->setCheckable(true);
  us->setChecked(true);
  connect(us, &QAction::toggled, this, [this](bool on) {
    microseconds_ = on;
    timeline_->setTimeUnitMicroseconds(on);
    buffers_->setTimeUnitMicroseconds(on);
  });
  QAction* back = view->addAction(tr("Zoom &back"));
  back->setShortcut(QKeySequence(QStringLiteral("Alt+Left")));
  connect(back, &QAction::triggered, this, [this] { activeTimeControl()->back(); });
  QAction* forward = view->addAction(tr("Zoom &forward"));
  forward->setShortcut(QKeySequence(QStringLiteral("Alt+Right")));
  connect(forward, &QAction::triggered, this, [this] { activeTimeControl()->forward(); });
}

void MainWindow::startSimulation() {
  const auto config = config_panel_->config();
  if (!config) {
    config_panel_->setStatus(tr("Fix the marked fields first."), true);
    return;
  }
  if (!worker_->start(*config)) return;
  config_panel_->setRunning(true);
  config_panel_->setStatus(tr("Simulating..."), false);
}

void MainWindow::onSimulationFinished(SimulationPtr run) {
  run_ = std::move(run);
  config_panel_->setRunning(false);
  config_panel_->setStatus(tr("%1 ops simulated in %2 s: %3 TFLOPS (%4%), bound %5.")
                               .arg(run_->metrics.events)
                               .arg(run_->wall_seconds, 0, 'f', 2)
                               .arg(run_->metrics.tflops, 0, 'f', 1)
                               .arg(100.0 * run_->metrics.flops_utilization, 0, 'f', 1)
                               .arg(QString::fromStdString(run_->metrics.bound)),
                           false);
  timeline_->setRun(run_);
  buffers_->setRun(run_);
  time_->setTrace(0, run_end_cycles(*run_));
  summary_->setRun(run_);
  if (pending_view_) {
    applyView(*pending_view_);
    pending_view_.reset();
  }
  if (compare_page_->runA() && compare_page_->runA() != run_) compare_page_->setRunB(run_);
  if (show_compare_after_run_) {
    show_compare_after_run_ = false;
    pages_->setCurrentWidget(compare_page_);
  }
  emit simulationFinished(true);
}

void MainWindow::applyView(const amla::StudioView& view) {
  microseconds_ = view.microseconds;
  timeline_->setTimeUnitMicroseconds(view.microseconds);
  buffers_->setTimeUnitMicroseconds(view.microseconds);
  buffers_->setCore(view.buffers_core);
  if (view.t1_cycles > view.t0_cycles) time_->requestRange(view.t0_cycles, view.t1_cycles);
  for (int i = 0; i < pages_->count(); ++i) {
    if (page_name(i) == QString::fromStdString(view.page)) pages_->setCurrentIndex(i);
  }
}

amla::StudioSession MainWindow::currentSession() const {
  amla::StudioSession s;
  s.config = config_panel_->draft();
  const auto [t0, t1] = time_->range();
  s.view.t0_cycles = t0;
  s.view.t1_cycles = t1;
  s.view.microseconds = microseconds_;
  s.view.buffers_core = buffers_->core();
  s.view.page = page_name(pages_->currentIndex()).toStdString();
  return s;
}

QString MainWindow::saveSession(const QString& path) {
  try {
    amla::save_session_file(path.toStdString(), currentSession());
  } catch (const InputError& e) {
    return QString::fromStdString(e.what());
  }
  session_path_ = path;
  addRecent(path);
  setModified(false);
  return {};
}

QString MainWindow::loadSession(const QString& path) {
  amla::StudioSession session;
  try {
    session = amla::load_session_file(path.toStdString());
  } catch (const InputError& e) {
    return tr("%1\nThe current session is kept.").arg(QString::fromStdString(e.what()));
  }
  config_panel_->setConfig(session.config);
  session_path_ = path;
  addRecent(path);
  pending_view_ = session.view;
  setModified(false);
  startSimulation();
  return {};
}

QString MainWindow::exportPanel(const QString& page, const QString& path, const QSize& size) {
  if (page == QLatin1String("Timeline") || page == QLatin1String("Buffers")) {
    if (!run_) return tr("no run to export yet");
    const auto [t0, t1] = time_->range();
    if (page == QLatin1String("Timeline")) {
      TimelineRenderOptions options;
      options.width = size.width();
      options.height = size.height();
      options.t0_cycles = t0;
      options.t1_cycles = t1;
      options.microseconds = microseconds_;
      options.title = tr("%1, %2, preload %3")
                          .arg(QString::fromStdString(run_->hardware.name))
                          .arg(QString::fromLatin1(variant_name(run_->config.variant)))
                          .arg(run_->config.tiling.preload);
      return export_timeline(*run_, options, path);
    }
    BuffersRenderOptions options;
    options.width = size.width();
    options.height = size.height();
    options.t0_cycles = t0;
    options.t1_cycles = t1;
    options.core = buffers_->core();
    options.microseconds = microseconds_;
    options.title = tr("Buffer occupancy, core %1").arg(buffers_->core());
    return export_buffers(*run_, options, path);
  }
  if (page == QLatin1String("Compare")) return compare_page_->exportCompare(path, size);
  QWidget* widget = page == QLatin1String("Summary") ? static_cast<QWidget*>(summary_)
                    : page == QLatin1String("Sweep") ? static_cast<QWidget*>(sweep_page_)
                                                     : static_cast<QWidget*>(numerics_page_);
  auto* source = dynamic_cast<PlotSource*>(widget);
  QwtPlot* plot = source ? source->currentPlot() : nullptr;
  if (!plot) return tr("the %1 page has no plot to export").arg(page);
  return export_plot(plot, path, size);
}

TimeRangeControl* MainWindow::activeTimeControl() const {
  return pages_->currentWidget() == compare_page_ ? compare_page_->timeControl() : time_;
}

void MainWindow::pinRunAsA() {
  if (!run_) {
    config_panel_->setStatus(tr("Run once before pinning a run as A."), true);
    return;
  }
  compare_page_->setRunA(run_);
  compare_page_->setRunB(nullptr);
  config_panel_->setStatus(tr("Pinned as A. Change the configuration and Run: the Compare page "
                              "shows the new run as B."),
                           false);
}

QString MainWindow::exportWindowPng(const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return tr("%1: %2").arg(path, file.errorString());
  if (!grab().save(&file, "PNG")) {
    file.cancelWriting();
    return tr("%1: could not encode the PNG").arg(path);
  }
  if (!file.commit()) return tr("%1: %2").arg(path, file.errorString());
  return {};
}

QString MainWindow::exportChromeTrace(const QString& path) {
  if (!run_) return tr("no run to export yet");
  try {
    amla::write_chrome_trace_file(run_->trace, path.toStdString());
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

QString MainWindow::exportCsv(const QString& path) {
  if (!run_) return tr("no run to export yet");
  try {
    amla::write_ops_csv_file(run_->trace, path.toStdString());
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

void MainWindow::exportCurrentPlot() {
  const QString page = page_name(pages_->currentIndex());
  const QSize size = page == QLatin1String("Timeline") ? QSize(1920, 1080) : QSize(1600, 900);
  PanelExportDialog dialog(
      page,
      [this, page](const QString& path, const QSize& s) { return exportPanel(page, path, s); },
      size, this);
  dialog.exec();
}

void MainWindow::setModified(bool modified) {
  modified_ = modified;
  const QString name =
      session_path_.isEmpty() ? tr("untitled") : QFileInfo(session_path_).fileName();
  setWindowTitle(tr("%1%2 - AMLA Studio").arg(name, modified ? QStringLiteral(" *") : QString()));
}

void MainWindow::addRecent(const QString& path) {
  QSettings settings = app_settings();
  QStringList recent = settings.value(QStringLiteral("recentSessions")).toStringList();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  recent.removeAll(absolute);
  recent.prepend(absolute);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue(QStringLiteral("recentSessions"), recent);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  if (!recent_menu_) return;
  recent_menu_->clear();
  const QStringList recent = app_settings().value(QStringLiteral("recentSessions")).toStringList();
  for (const QString& path : recent) {
    connect(recent_menu_->addAction(path), &QAction::triggered, this, [this, path] {
      if (modified_ && !confirm_discard()) return;
      const QString error = loadSession(path);
      if (!error.isEmpty()) QMessageBox::warning(this, tr("Open session"), error);
    });
  }
  recent_menu_->setEnabled(!recent.isEmpty());
}

bool MainWindow::askToDiscard() {
  const auto answer = QMessageBox::question(
      this, tr("Unsaved changes"), tr("The session has unsaved changes. Save them first?"),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Cancel) return false;
  if (answer == QMessageBox::Discard) return true;
  QString path = session_path_;
  if (path.isEmpty()) {
    path = QFileDialog::getSaveFileName(this, tr("Save session"), QString(),
                                        tr("AMLA Studio session (*.json)"));
  }
  if (path.isEmpty()) return false;
  const QString error = saveSession(path);
  if (!error.isEmpty()) {
    QMessageBox::warning(this, tr("Save session"), error);
    return false;
  }
  return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (modified_ && !confirm_discard()) {
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
