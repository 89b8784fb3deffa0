#pragma once
// The Numerics step-through: one attention row of the last run, KV block by KV block (previous /
// next, a slider). For the block shown: the row's scalars m, n, dn, c, c^, k, e, N, l; the clamp
// and the guard said in words when they act; the integer add on one chosen O element bit by bit
// (before, the INT32 N, after); and that element's running output against the FP64 golden of
// the same prefix of tokens. The row is replayed in the core (amla::step_through_row), off the
// GUI thread, when it is first shown.
#include <QWidget>
#include <memory>
#include <optional>

#include "core/numerics/step_through.h"
#include "ui/numerics/numerics_worker.h"

class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace amla::ui {

class BackgroundJob;
class BitCells;

class StepThroughPanel : public QWidget {
  Q_OBJECT

 public:
  explicit StepThroughPanel(QWidget* parent = nullptr);

  // A new run (and the inputs it ran on): the shown row is replayed again when next needed.
  void setRun(RunPtr run, InputsPtr inputs);

  int row() const { return row_; }
  int block() const { return block_; }
  int column() const { return column_; }
  // The replayed row (null before a run, before the row was first shown, or while it replays).
  const amla::RowStepThrough* steps() const { return steps_.get(); }
  // The shown block's integer add on the chosen element, as the bit view takes it.
  amla::BitProbe probe() const;

  QString clampText() const;
  QString guardText() const;
  QString errorText() const;
  // What the cells show, with the add's class against F * 2^n ("zero_garbage").
  QString addText() const;
  BitCells* cells() const { return cells_; }
  QSlider* slider() const { return slider_; }

 public slots:
  // Shows (row, block, column), replaying the row (in the background) when it changed, and sends
  // the add to the bit view once it is there; `context` says where the request came from.
  void load(int row, int block, int column, const QString& context);
  void setRow(int row);
  void setBlock(int block);
  void setColumn(int column);
  void previousBlock();
  void nextBlock();

 signals:
  void probeSelected(const amla::BitProbe& probe, const QString& source);
  // The block now shown, so the state table can select it.
  void blockShown(int row, int block);
  // A row's replay landed.
  void replayed();

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  // True when the row is ready; otherwise starts (or restarts) its replay and returns false.
  bool ensureReplayed();
  void onReplayFinished();
  void onReplayFailed(const QString& field, const QString& message);
  void refresh();  // steps_ + block_ + column_ -> widgets
  void announce(const QString& context);

  RunPtr run_;
  InputsPtr inputs_;
  BackgroundJob* replay_;
  int replaying_row_ = -1;  // what the replay in flight is for
  const amla::NumericsRun* replaying_run_ = nullptr;
  std::shared_ptr<const amla::RowStepThrough> steps_;
  std::optional<QString> pending_;  // the context of a load() waiting for its replay
  QString refusal_;                 // why the run cannot be stepped through (too many KV blocks)
  int row_ = 0;
  int block_ = 0;
  int column_ = 0;

  QLabel* title_;
  QSpinBox* column_spin_;
  QPushButton* worst_button_;
  QPushButton* previous_button_;
  QPushButton* next_button_;
  QSlider* slider_;
  QLabel* block_label_;
  QLabel* state_label_;
  QLabel* clamp_label_;
  QLabel* guard_label_;
  QLabel* cells_caption_;
  BitCells* cells_;
  QLabel* error_label_;
};

}  // namespace amla::ui
