#pragma once
// The kernel's pseudo-code beside the timeline (core/kernel/kernel_pseudocode.h), for the
// variant of the run shown, linked both ways as Compiler Explorer links source and assembly:
// hovering or selecting an op on the timeline lights the lines that produce its kind; clicking a
// line lights that line's op kinds on the timeline (the others dimmed). Below the listing, the
// op catalogue's longer words for the clicked line's ops and flags, or for the selected op.
#include <QWidget>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/kernel/kernel_pseudocode.h"

class QDockWidget;
class QLabel;
class QListWidget;
class QMainWindow;
class QMenu;
class QTabWidget;
class QTextBrowser;

namespace amla {
struct SimulationRun;
}

namespace amla::ui {

class TimelineWidget;

class PseudocodePanel : public QWidget {
  Q_OBJECT

 public:
  explicit PseudocodePanel(QWidget* parent = nullptr);

  // Both directions: the timeline's hovered and selected ops light lines here, a clicked line
  // sets the timeline's highlight kinds. Colour swatches follow the timeline's palette.
  void linkTimeline(TimelineWidget* timeline);
  // Shows the listing of the run's kernel variant (nullptr: AMLA, unlinked).
  void setRun(std::shared_ptr<const amla::SimulationRun> run);

  amla::KernelVariant variant() const { return variant_; }
  const amla::KernelPseudocode& code() const { return amla::kernel_pseudocode(variant_); }
  QListWidget* listing() const { return listing_; }
  // Lines lit by the selected op, by the hovered op; the clicked line (-1: none), or the first
  // of the lines a lesson step lit.
  const std::vector<int>& selectedOpLines() const { return selected_lines_; }
  const std::vector<int>& hoveredOpLines() const { return hovered_lines_; }
  int activeLine() const { return active_lines_.empty() ? -1 : active_lines_.front(); }
  const std::vector<int>& activeLines() const { return active_lines_; }
  QString detailsText() const;
  QSize sizeHint() const override { return QSize(470, 640); }

 public Q_SLOTS:
  void showSelectedOp(qint64 op);
  void showHoveredOp(qint64 op);
  // Lights the line's ops on the timeline (-1, or the active line again, clears).
  void activateLine(int line);
  // Lights every one of `lines` and all their ops (a lesson step's code lines; lines outside
  // the listing are left out, none clears).
  void activateLines(const std::vector<int>& lines);

 Q_SIGNALS:
  void highlightKindsChanged(std::uint32_t kinds);

 private:
  void rebuildListing();
  void paintLines();
  std::vector<int> linesOfOp(qint64 op) const;
  void showLineDetails(const std::vector<int>& lines);
  void showOpDetails(qint64 op, const std::vector<int>& lines);

  std::shared_ptr<const amla::SimulationRun> run_;
  amla::KernelVariant variant_ = amla::KernelVariant::kAmla;
  bool profiled_ = false;  // an imported profile: its ops are not the simulator's kinds
  TimelineWidget* timeline_ = nullptr;
  std::vector<int> selected_lines_, hovered_lines_;
  std::vector<int> active_lines_;  // in the order given
  QLabel* title_;
  QLabel* note_;
  QLabel* no_trace_notice_;  // a run that kept no trace: its lines light nothing
  QListWidget* listing_;
  QTextBrowser* details_;
};

// The panel as a dock on the right of `window`, linked to `timeline`, shown while the page of
// `pages` that holds the timeline is current and `view`'s action is ticked (not ticked at first
// on a narrow screen).
PseudocodePanel* add_pseudocode_dock(QMainWindow* window, QTabWidget* pages,
                                     TimelineWidget* timeline, QMenu* view);

}  // namespace amla::ui
