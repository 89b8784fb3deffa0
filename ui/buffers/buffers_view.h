#pragma once
// The Buffers panel: for one core, an occupancy strip per buffer (L1, L0A, L0B, L0C, both UBs,
// the GM workspace) against its capacity, and the memory map of one chosen buffer, all on one
// time axis: the range of a TimeRangeControl (its own, or one shared with the timeline).
// Ctrl+wheel zooms at the cursor and dragging pans, on any strip or the map.
#include <QWidget>
#include <memory>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QwtPlot;

namespace amla {
struct SimulationRun;  // declared, not included: moc'ed headers must not see trace.h
}

namespace amla::ui {

class BuffersSheet;
class TimeNavigator;
class TimeRangeControl;
class MemoryMapPlot;
class OccupancyPlot;

class BuffersView : public QWidget {
  Q_OBJECT

 public:
  explicit BuffersView(QWidget* parent = nullptr);
  ~BuffersView() override;

  // With the view's own controller, a new run is shown whole; a shared controller's trace is set
  // by whoever shares it.
  void setRun(std::shared_ptr<const amla::SimulationRun> run);  // nullptr clears
  void setCore(int core);
  int core() const;
  void setTimeUnitMicroseconds(bool us);
  // The buffer (index among the core's tracks, 0 = L1) the memory map shows.
  void setMapBuffer(int index);
  int mapBuffer() const;

  // Observes `control` (owned by the caller) instead of the view's own.
  void setTimeControl(TimeRangeControl* control);
  TimeRangeControl* timeControl() const { return control_; }
  // Current x range in cycles (the whole run when nothing narrower was asked).
  double visibleStart() const;
  double visibleEnd() const;
  std::shared_ptr<const amla::SimulationRun> run() const { return run_; }
  int trackCount() const;
  OccupancyPlot* trackPlot(int i) const;
  MemoryMapPlot* memoryMap() const { return map_; }
  // The whole panel as one plot, for File > Export and export_buffers().
  QwtPlot* exportPlot() const;
  void setExportTitle(const QString& title);
  // Only the buffers these keys pick (amla::buffer_key_matches: "ub" both UBs); empty: all.
  void setShownBuffers(const std::vector<std::string>& keys);

 public slots:
  // Asks the controller for this range; t1 <= t0 asks for the whole run.
  void setVisibleRange(double t0_cycles, double t1_cycles);

 protected:
  void contextMenuEvent(QContextMenuEvent* event) override;

 private:
  void rebuildTracks();
  void applyRange();
  // Requests from a plot's navigator, in plot units, go on to the controller.
  void watch(TimeNavigator* navigator);
  void navigate(double x0, double x1, bool drag);
  QString defaultTitle() const;

  std::shared_ptr<const amla::SimulationRun> run_;
  int core_ = 0;
  int map_buffer_ = 0;
  bool microseconds_ = true;
  TimeRangeControl* own_control_;
  TimeRangeControl* control_ = nullptr;
  QString export_title_;
  std::vector<std::string> shown_buffers_;

  QComboBox* core_combo_;
  QComboBox* map_combo_;
  QLabel* summary_;
  QPushButton* export_button_;
  QLabel* no_trace_notice_;
  QWidget* no_trace_page_;  // the notice in the strips' place
  QSplitter* splitter_;
  QWidget* strips_;
  std::vector<OccupancyPlot*> plots_;
  MemoryMapPlot* map_;
  BuffersSheet* sheet_;
};

}  // namespace amla::ui
