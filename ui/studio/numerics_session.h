#pragma once
// The Numerics page as a session or a lesson step sets it: the run controls, the bit view's
// probe, and the state table's row (and KV block). Setting a state reruns the emulation only
// when the request differs from the run on screen, and selects the row once that run is there.
#include <QObject>
#include <QString>
#include <optional>

#include "core/session/numerics_page_state.h"
#include "ui/numerics/numerics_worker.h"

namespace amla::ui {

class NumericsPage;

class NumericsSession : public QObject {
  Q_OBJECT

 public:
  explicit NumericsSession(NumericsPage* page);

  // What the page shows now (the fields as typed when valid, else the run on screen's request).
  amla::NumericsPageState capture() const;
  // Puts `state` on the page with the studio's `blocking`; `block` (-1: none) selects a KV block
  // in the state table. `source` says where the bit view's probe came from ("lesson step 2").
  void apply(const amla::NumericsPageState& state, const amla::KernelBlocking& blocking,
             int block = -1, const QString& source = QString());
  // True while a run that apply() needs has not finished.
  bool pending() const { return pending_.has_value(); }

 signals:
  // The page shows the state given to apply() (the run finished, or none was needed).
  void shown();

 private:
  struct Selection {
    int row = 0;
    int block = -1;
  };
  void select(const Selection& s);
  void onRunCompleted(bool ok);

  NumericsPage* page_;
  std::optional<NumericsRequest> started_;  // the request of the run in progress
  std::optional<NumericsRequest> shown_;    // the request of the run on screen
  std::optional<Selection> pending_;        // to select once the run arrives
  bool restart_ = false;                    // start again after the cancelled run ends
};

// Two requests ask for the same run (inputs, switches, variants, blocking).
bool same_numerics_request(const NumericsRequest& a, const NumericsRequest& b);

}  // namespace amla::ui
