#pragma once
// The studio window: the configuration panel (a dock on the left), and the pages Timeline,
// Buffers, Summary, Sweep, Compare and Numerics. It wires the run flow (configuration -> run ->
// pages) and the menus; the session file lives in SessionController, the A/B compare state in
// AbState, the shared time range of the timeline and the buffers in a TimeRangeControl, the Help
// menu in HelpMenu. Window layout persists in QSettings.
#include <QMainWindow>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/session/studio_session.h"
#include "core/sim/trace_export.h"
#include "ui/studio/simulation_worker.h"

class QImage;
class QLabel;
class QTabWidget;
class QwtPlot;

namespace amla::ui {

struct FigureRequest;
class AbState;
class BuffersView;
class ComparePage;
class ConfigPanel;
class HelpMenu;
class LessonController;
class NumericsSession;
class NumericsPage;
class ServingPage;
class ProfileImporter;
class SessionController;
class SummaryView;
class SweepPage;
class TimelineWidget;
class TimeRangeControl;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  // With run_default_case the default simulation and numerics runs start once the event loop
  // runs.
  explicit MainWindow(bool run_default_case = true, QWidget* parent = nullptr);
  ~MainWindow() override;

  NumericsPage* numericsPage() const { return numerics_page_; }
  ServingPage* servingPage() const { return serving_page_; }
  TimelineWidget* timeline() const { return timeline_; }
  BuffersView* buffers() const { return buffers_; }
  SummaryView* summary() const { return summary_; }
  SweepPage* sweepPage() const { return sweep_page_; }
  ComparePage* comparePage() const { return compare_page_; }
  ConfigPanel* configPanel() const { return config_panel_; }
  QTabWidget* pages() const { return pages_; }
  SessionController* session() const { return session_; }
  AbState* abState() const { return ab_; }
  TimeRangeControl* timeControl() const { return time_; }
  // The range statistics under the timeline (the hint when no range is selected).
  QString rangeStatisticsText() const;
  // True while the configuration panel differs from the inputs of the results shown; the banner
  // "results are for the previous inputs" is then visible on the pages that show that run.
  bool resultsStale() const { return stale_; }
  QWidget* staleBanner() const { return stale_banner_; }
  QAction* criticalPathAction() const { return critical_path_action_; }
  HelpMenu* helpMenu() const { return help_; }
  SimulationPtr lastRun() const { return run_; }
  // The memory a simulation may take (0: the default). A run whose trace would not fit it keeps
  // only its metrics; the pages say so.
  void setMemoryBudget(std::uint64_t bytes);

  // The whole session as it is now (configuration, view, Numerics page, sweep, A run, lesson).
  amla::StudioSession currentSession() const;
  // Puts a session on screen: the configuration (simulated unless the run shown is already of
  // it), the view once the run is there, the Numerics page, the sweep's controls, the A run
  // (simulated first when it differs from the one pinned). sessionShown() follows.
  void showSession(const amla::StudioSession& session);
  LessonController* lessons() const { return lessons_; }
  NumericsSession* numericsSession() const { return numerics_session_; }
  // Exports the named page ("Timeline", "Buffers", "Summary", "Numerics") to an image file of
  // `size` screen pixels (a figure of that size at 96 dpi).
  QString exportPanel(const QString& page, const QString& path, const QSize& size);
  // The File > Export dialog's path: the page as a figure of these settings. Timeline and
  // Buffers read the content (cores, units, pipes, range); every page the size, DPI, text
  // size, legend and title.
  QString exportFigure(const QString& page, const QString& path, const FigureRequest& request);
  QImage previewFigure(const QString& page, const FigureRequest& request);
  QString exportWindowPng(const QString& path);
  // A trace in the format the extension names (.json, .json.gz, .perfetto-trace; else JSON).
  // `forced`: the format the export dialog's filter chose (Insight's .json is not Chrome's).
  QString exportTrace(const QString& path, std::optional<amla::TraceFormat> forced = std::nullopt);
  QString exportCsv(const QString& path);

 public slots:
  void startSimulation();
  void exportCurrentPlot();
  // A/B compare: the last run becomes A; every later run is shown as B against it.
  void pinRunAsA();
  // Reads a profile (msprof simulator trace, msprof timeline, msprof op CSV) in the background
  // and shows it as the current run; also File > Import profile and dropping a file.
  void importProfile(const QString& path);

 signals:
  void simulationFinished(bool ok);
  // showSession's configuration and view are on screen (the Numerics page may still be running).
  void sessionShown();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  // The plot a plot page exports (Summary, Sweep, Numerics, Serving), or nullptr.
  QwtPlot* pagePlot(const QString& page) const;
  void buildPages();
  void connectRunFlow();
  void buildMenus();
  void addExportMenu(QMenu* file);
  void onSimulationFinished(SimulationPtr run);
  void applyView(const amla::StudioView& view);
  // Starts the configuration panel's run, cancelling the one in progress first.
  void startOrRestartSimulation();
  void setTimeUnitMicroseconds(bool on);
  QString currentPageName() const;
  void updateStale();
  void showRangeHint();
  // Enables the actions that need the run's trace, or disables them with the reason.
  void updateTraceActions();
  // The range the View menu's back / forward act on: the Compare page's when it is shown.
  TimeRangeControl* activeTimeControl() const;

  QTabWidget* pages_;
  ConfigPanel* config_panel_;
  TimelineWidget* timeline_;
  QLabel* selection_label_;
  QWidget* stale_banner_ = nullptr;
  QAction* critical_path_action_ = nullptr;
  // Need the run's trace: the critical path, jump to blocker, trace and CSV exports.
  std::vector<QAction*> trace_actions_;
  QAction* panel_export_action_ = nullptr;
  bool stale_ = false;
  // The inputs (run configuration JSON) the results on screen stand for: a simulated run's own
  // configuration; for an imported profile, the panel's as it was at the import (the file is
  // what is shown, so only a later edit makes it stale).
  std::string shown_inputs_;
  BuffersView* buffers_;
  SummaryView* summary_;
  SweepPage* sweep_page_;
  ComparePage* compare_page_;
  NumericsPage* numerics_page_;
  ServingPage* serving_page_;
  SimulationWorker* worker_;
  ProfileImporter* importer_;
  TimeRangeControl* time_;
  SessionController* session_;
  AbState* ab_;
  HelpMenu* help_ = nullptr;
  SimulationPtr run_;
  bool microseconds_ = true;
  std::optional<amla::StudioView> pending_view_;
  // showSession with an A run to simulate first: the session's own configuration waits here.
  std::optional<amla::RunConfig> pending_after_pin_;
  bool restart_after_cancel_ = false;
  NumericsSession* numerics_session_ = nullptr;
  LessonController* lessons_ = nullptr;
};

}  // namespace amla::ui
