#pragma once
// The studio window: the configuration panel (a dock on the left), and the pages Timeline,
// Buffers, Summary, Sweep, Compare and Numerics. File menu: sessions (new, open, save, save as,
// recent), exports (each panel to PNG/SVG/PDF at a chosen size, the whole window to PNG, Chrome
// trace, CSV), quit (asking about unsaved changes). Window layout and recent files persist in
// QSettings.
#include <QMainWindow>
#include <functional>

#include "core/session/studio_session.h"
#include "ui/studio/simulation_worker.h"

class QLabel;
class QMenu;
class QTabWidget;

namespace amla::ui {

class BuffersView;
class ComparePage;
class ConfigPanel;
class SweepPage;
class NumericsPage;
class SummaryView;
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
  TimelineWidget* timeline() const { return timeline_; }
  BuffersView* buffers() const { return buffers_; }
  SummaryView* summary() const { return summary_; }
  SweepPage* sweepPage() const { return sweep_page_; }
  ComparePage* comparePage() const { return compare_page_; }
  ConfigPanel* configPanel() const { return config_panel_; }
  QTabWidget* pages() const { return pages_; }
  // The time range the timeline and the buffers observe.
  TimeRangeControl* timeControl() const { return time_; }
  SimulationPtr lastRun() const { return run_; }
  bool isModified() const { return modified_; }
  QString sessionPath() const { return session_path_; }

  // The whole session as it is now (configuration and view).
  amla::StudioSession currentSession() const;
  // Saves / loads a session; returns an empty string or the reason (the current session stays
  // as it was when loading fails).
  QString saveSession(const QString& path);
  QString loadSession(const QString& path);
  // Exports the named page ("Timeline", "Buffers", "Summary", "Numerics") to an image file.
  QString exportPanel(const QString& page, const QString& path, const QSize& size);
  QString exportWindowPng(const QString& path);
  QString exportChromeTrace(const QString& path);
  QString exportCsv(const QString& path);

  // Decides whether unsaved changes may be dropped (Save / Discard / Cancel); replaceable so
  // tests can answer without a modal dialog.
  std::function<bool()> confirm_discard;

 public slots:
  void startSimulation();
  void exportCurrentPlot();
  // A/B compare: the last run becomes A; every later run is shown as B against it.
  void pinRunAsA();

 signals:
  void simulationFinished(bool ok);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void onSimulationFinished(SimulationPtr run);
  void setModified(bool modified);
  void addRecent(const QString& path);
  void rebuildRecentMenu();
  bool askToDiscard();
  void applyView(const amla::StudioView& view);
  // The range the View menu's back / forward act on: the Compare page's when it is shown.
  TimeRangeControl* activeTimeControl() const;

  QTabWidget* pages_;
  ConfigPanel* config_panel_;
  TimelineWidget* timeline_;
  QLabel* selection_label_;
  BuffersView* buffers_;
  SummaryView* summary_;
  SweepPage* sweep_page_;
  ComparePage* compare_page_;
  NumericsPage* numerics_page_;
  SimulationWorker* worker_;
  TimeRangeControl* time_;
  QMenu* recent_menu_ = nullptr;
  SimulationPtr run_;
  QString session_path_;
  bool modified_ = false;
  bool microseconds_ = true;
  std::optional<amla::StudioView> pending_view_;
  bool show_compare_after_run_ = false;
};

}  // namespace amla::ui
