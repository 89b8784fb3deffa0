#pragma once
// The A/B compare state of the studio: which run is pinned as A, and where the next run goes.
// Once A is pinned every later run becomes B; "Compare with best" pins the current run and
// asks for the Compare page when the best cell's run arrives. The Compare page shows what this
// decides.
#include <QObject>

#include "ui/studio/simulation_worker.h"

namespace amla::ui {

class ComparePage;

class AbState : public QObject {
  Q_OBJECT

 public:
  explicit AbState(ComparePage* page);

  SimulationPtr pinned() const;
  // `run` becomes A and B is cleared; false (and nothing changes) without a run.
  bool pin(const SimulationPtr& run);
  // `current` (if any) becomes A; the next run becomes B and the Compare page is asked for.
  void compareNextRunWith(const SimulationPtr& current);
  // Every finished studio run comes through here.
  void runFinished(const SimulationPtr& run);

 signals:
  void showRequested();

 private:
  ComparePage* page_;
  bool show_after_next_run_ = false;
};

}  // namespace amla::ui
