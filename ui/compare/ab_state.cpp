#include "ui/compare/ab_state.h"

#include "ui/compare/compare_page.h"

namespace amla::ui {

AbState::AbState(ComparePage* page) : QObject(page), page_(page) {}

SimulationPtr AbState::pinned() const { return page_->runA(); }

bool AbState::pin(const SimulationPtr& run) {
  if (!run) return false;
  page_->setRunA(run);
  page_->setRunB(nullptr);
  return true;
}

void AbState::compareNextRunWith(const SimulationPtr& current) {
  if (current) page_->setRunA(current);
  show_after_next_run_ = true;
}

void AbState::runFinished(const SimulationPtr& run) {
  if (pinned() && pinned() != run) page_->setRunB(run);
  if (show_after_next_run_) {
    show_after_next_run_ = false;
    emit showRequested();
  }
}

}  // namespace amla::ui
