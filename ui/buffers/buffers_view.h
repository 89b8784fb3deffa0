#pragma once
// The Buffers panel: for one core, an occupancy strip per buffer (L1, L0A, L0B, L0C, both UBs,
// the GM workspace) against its capacity, and the memory map of one chosen buffer, all on one
// time axis kept in step with the timeline through setVisibleRange / visibleRangeChanged.
// Ctrl+wheel zooms at the cursor and dragging pans, on any strip or the map.
#include <QWidget>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QwtPlot;

namespace amla {
struct SimulationRun;  // declared, not included: moc'ed headers must not see trace.h
}

namespace amla::ui {

class BuffersSheet;
class MemoryMapPlot;
class OccupancyPlot;

class BuffersView : public QWidget {
  Q_OBJECT

 public:
  explicit BuffersView(QWidget* parent = nullptr);
  ~BuffersView() override;

  void setRun(std::shared_ptr<const amla::SimulationRun> run);  // nullptr clears
  void setCore(int core);
  int core() const;
  void setTimeUnitMicroseconds(bool us);
  // The buffer (index among the core's tracks, 0 = L1) the memory map shows.
  void setMapBuffer(int index);
  int mapBuffer() const;

  // Current x range in cycles (the whole run when nothing narrower was asked).
  double visibleStart() const { return t0_; }
  double visibleEnd() const { return t1_; }
  std::shared_ptr<const amla::SimulationRun> run() const { return run_; }
  int trackCount() const;
  OccupancyPlot* trackPlot(int i) const;
  MemoryMapPlot* memoryMap() const { return map_; }
  // The whole panel as one plot, for File > Export and export_buffers().
  QwtPlot* exportPlot() const;
  void setExportTitle(const QString& title);

 public slots:
  void setVisibleRange(double t0_cycles, double t1_cycles);

 signals:
  void visibleRangeChanged(double t0_cycles, double t1_cycles);

 protected:
  void contextMenuEvent(QContextMenuEvent* event) override;

 private:
  void rebuildTracks();
  void applyRange();
  // A request from a plot's navigator, in plot units: clamp, apply, tell the timeline.
  void navigate(double x0, double x1);
  QString defaultTitle() const;

  std::shared_ptr<const amla::SimulationRun> run_;
  int core_ = 0;
  int map_buffer_ = 0;
  bool microseconds_ = true;
  double t0_ = 0, t1_ = 0;
  double run_end_ = 0;  // cycles: the last op or buffer release
  QString export_title_;

  QComboBox* core_combo_;
  QComboBox* map_combo_;
  QLabel* summary_;
  QWidget* strips_;
  std::vector<OccupancyPlot*> plots_;
  MemoryMapPlot* map_;
  BuffersSheet* sheet_;
};

}  // namespace amla::ui
