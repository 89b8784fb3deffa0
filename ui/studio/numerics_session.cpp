#include "ui/studio/numerics_session.h"

#include <QSpinBox>
#include <QTableView>

#include "core/numerics/heatmaps.h"
#include "ui/numerics/bit_view.h"
#include "ui/numerics/numerics_page.h"
#include "ui/numerics/run_controls.h"
#include "ui/numerics/state_table_model.h"

namespace amla::ui {

namespace {

amla::NumericsPageState state_of(const NumericsRequest& r) {
  amla::NumericsPageState s;
  s.inputs = r.spec;
  s.switches = r.config.switches;
  s.pasa = r.config.pasa;
  s.variants = r.config.variants;
  return s;
}

}  // namespace

bool same_numerics_request(const NumericsRequest& a, const NumericsRequest& b) {
  return amla::numerics_state_to_json(state_of(a)) == amla::numerics_state_to_json(state_of(b)) &&
         a.spec.jump_token == b.spec.jump_token &&
         a.config.blocking.kv_block == b.config.blocking.kv_block &&
         a.config.blocking.rows_per_task == b.config.blocking.rows_per_task;
}

NumericsSession::NumericsSession(NumericsPage* page) : QObject(page), page_(page) {
  // A run the user starts with the page's own Run button is remembered as well.
  connect(page_->controls(), &RunControls::runRequested, this,
          [this](const NumericsRequest& r) { started_ = r; });
  connect(page_, &NumericsPage::runCompleted, this, &NumericsSession::onRunCompleted);
}

amla::NumericsPageState NumericsSession::capture() const {
  const auto request = page_->controls()->request();
  amla::NumericsPageState s = request  ? state_of(*request)
                              : shown_ ? state_of(*shown_)
                                       : amla::NumericsPageState{};
  s.row = page_->stateRowSpin()->value();
  if (s.row >= s.inputs.rows) s.row = 0;
  const amla::BitProbe& probe = page_->bitView()->probe();
  s.bit_value = probe.input_bits;
  s.bit_shift = static_cast<int>(probe.shift);
  s.bit_compensation = static_cast<std::int32_t>(probe.compensation);
  return s;
}

void NumericsSession::apply(const amla::NumericsPageState& state,
                            const amla::KernelBlocking& blocking, int block,
                            const QString& source) {
  NumericsRequest request;
  request.spec = state.inputs;
  request.config.blocking = blocking;
  request.config.switches = state.switches;
  request.config.pasa = state.pasa;
  request.config.variants = state.variants;
  page_->controls()->setRequest(request);
  amla::BitProbe probe;
  probe.input_bits = state.bit_value;
  probe.shift = state.bit_shift;
  probe.compensation = state.bit_compensation;
  page_->bitView()->setProbeFrom(probe, source.isEmpty() ? tr("session") : source);

  const auto typed = page_->controls()->request();  // as the fields read it back
  const Selection selection{state.row, block};
  if (typed && shown_ && same_numerics_request(*typed, *shown_) && !page_->isRunning()) {
    pending_.reset();
    select(selection);
    emit shown();
    return;
  }
  pending_ = selection;
  if (!typed) {  // fields refused (a limit of this build): the page says why
    pending_.reset();
    emit shown();
    return;
  }
  if (page_->isRunning()) {
    restart_ = true;
    page_->cancelRun();
    return;
  }
  started_ = *typed;
  page_->startRun();
}

void NumericsSession::select(const Selection& s) {
  page_->stateRowSpin()->setValue(s.row);
  if (s.block >= 0 && s.block < page_->stateModel()->rowCount()) {
    page_->stateTable()->selectRow(s.block);
    page_->stateTable()->scrollTo(page_->stateModel()->index(s.block, 0));
  }
}

void NumericsSession::onRunCompleted(bool ok) {
  if (ok) {
    shown_ = started_;
    // A run started elsewhere (the window's default run) is the fields' request.
    if (!shown_) shown_ = page_->controls()->request();
  }
  started_.reset();
  if (restart_) {
    restart_ = false;
    started_ = page_->controls()->request();
    if (started_) {
      page_->startRun();
      return;
    }
  }
  if (pending_) {
    const Selection s = *pending_;
    pending_.reset();
    if (ok) select(s);
    emit shown();
  }
}

}  // namespace amla::ui
