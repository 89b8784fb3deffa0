#include "ui/numerics/step_through_panel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/common/input_error.h"
#include "core/numerics/float_bits.h"
#include "ui/common/background_job.h"
#include "ui/numerics/bit_cells.h"

namespace amla::ui {

namespace {

QString g9(double v) { return QString::number(v, 'g', 9); }
QString g4(double v) { return QString::number(v, 'g', 4); }

const char* kClampStyle =
    "color: #5d2e00; background: #ffe0b2; font-weight: bold; padding: 2px 4px;";
const char* kGuardStyle = "color: white; background: #c62828; font-weight: bold; padding: 2px 4px;";
const char* kQuietStyle = "color: #555; padding: 2px 4px;";

// One name/value cell pair of the state table.
QString state_cell(const QString& name, const QString& value, const QString& tip) {
  return QStringLiteral("<td align=right title=\"%3\"><b>%1</b>&nbsp;=</td><td>%2</td>")
      .arg(name.toHtmlEscaped(), value.toHtmlEscaped(), tip.toHtmlEscaped());
}

}  // namespace

StepThroughPanel::StepThroughPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("stepThroughPanel"));
  // The replay computes the row's whole task, as long as one task of the run: off the GUI thread.
  replay_ = new BackgroundJob(QStringLiteral("use a larger KV block or fewer rows per task"), this);
  connect(replay_, &BackgroundJob::finished, this, &StepThroughPanel::onReplayFinished);
  connect(replay_, &BackgroundJob::failed, this, &StepThroughPanel::onReplayFailed);
  connect(replay_, &BackgroundJob::cancelled, this, [this] {
    ensureReplayed();
    refresh();
  });
  title_ = new QLabel(tr("Run the numerics to step through a row."), this);
  title_->setObjectName(QStringLiteral("stepTitle"));

  column_spin_ = new QSpinBox(this);
  column_spin_->setObjectName(QStringLiteral("stepColumnSpin"));
  column_spin_->setRange(0, amla::kValueDim - 1);
  column_spin_->setToolTip(tr("Output column (element of O) whose integer add is shown"));
  connect(column_spin_, qOverload<int>(&QSpinBox::valueChanged), this,
          &StepThroughPanel::setColumn);
  worst_button_ = new QPushButton(tr("worst"), this);
  worst_button_->setObjectName(QStringLiteral("stepWorstButton"));
  worst_button_->setToolTip(tr("The column where AMLA's output is furthest from the golden"));
  connect(worst_button_, &QPushButton::clicked, this, [this] {
    if (!run_) return;
    setColumn(amla::worst_output_column(run_->amla, run_->golden, row_));
  });

  previous_button_ = new QPushButton(tr("< previous block"), this);
  previous_button_->setObjectName(QStringLiteral("stepPreviousButton"));
  next_button_ = new QPushButton(tr("next block >"), this);
  next_button_->setObjectName(QStringLiteral("stepNextButton"));
  connect(previous_button_, &QPushButton::clicked, this, &StepThroughPanel::previousBlock);
  connect(next_button_, &QPushButton::clicked, this, &StepThroughPanel::nextBlock);
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setObjectName(QStringLiteral("stepBlockSlider"));
  slider_->setRange(0, 0);
  slider_->setPageStep(1);
  slider_->setTickPosition(QSlider::TicksBelow);
  slider_->setToolTip(tr("KV block"));
  connect(slider_, &QSlider::valueChanged, this, &StepThroughPanel::setBlock);
  block_label_ = new QLabel(this);
  block_label_->setObjectName(QStringLiteral("stepBlockLabel"));

  state_label_ = new QLabel(this);
  state_label_->setObjectName(QStringLiteral("stepStateLabel"));
  state_label_->setTextFormat(Qt::RichText);
  clamp_label_ = new QLabel(this);
  clamp_label_->setObjectName(QStringLiteral("stepClampLabel"));
  guard_label_ = new QLabel(this);
  guard_label_->setObjectName(QStringLiteral("stepGuardLabel"));
  guard_label_->setWordWrap(true);
  cells_caption_ = new QLabel(this);
  cells_caption_->setWordWrap(true);
  cells_caption_->setTextFormat(Qt::RichText);
  cells_ = new BitCells(this);
  cells_->setObjectName(QStringLiteral("stepBitCells"));
  error_label_ = new QLabel(this);
  error_label_->setObjectName(QStringLiteral("stepErrorLabel"));
  error_label_->setWordWrap(true);
  error_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  // Top to bottom in reading order, narrow enough for the lower left of the page: where we are,
  // what acted (clamp, guard), the scalars, the add bit by bit, the error.
  auto* nav = new QHBoxLayout;
  nav->addWidget(title_);
  nav->addSpacing(8);
  nav->addWidget(new QLabel(tr("column"), this));
  nav->addWidget(column_spin_);
  nav->addWidget(worst_button_);
  nav->addSpacing(8);
  nav->addWidget(block_label_, 1);
  auto* steps = new QHBoxLayout;
  steps->addWidget(previous_button_);
  steps->addWidget(slider_, 1);
  steps->addWidget(next_button_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  layout->addLayout(nav);
  layout->addLayout(steps);
  layout->addWidget(clamp_label_);
  layout->addWidget(guard_label_);
  layout->addWidget(state_label_);
  layout->addWidget(error_label_);
  layout->addWidget(cells_caption_);
  layout->addWidget(cells_, 0, Qt::AlignLeft);
  layout->addStretch(1);
  refresh();
}

void StepThroughPanel::setRun(RunPtr run, InputsPtr inputs) {
  run_ = std::move(run);
  inputs_ = std::move(inputs);
  steps_.reset();
  refusal_.clear();
  pending_.reset();
  replay_->cancel();
  if (run_) {
    row_ = std::clamp(row_, 0, std::max(run_->rows - 1, 0));
    block_ = std::clamp(block_, 0, std::max(run_->kv_blocks - 1, 0));
    column_ = amla::worst_output_column(run_->amla, run_->golden, row_);
  }
  if (isVisible()) ensureReplayed();
  refresh();
}

bool StepThroughPanel::ensureReplayed() {
  if (!run_ || !inputs_) return false;
  if (steps_ && steps_->row == row_) return true;
  if (!refusal_.isEmpty()) return false;  // the run's blocking does not change
  if (replay_->isRunning()) {
    // Another row's replay is in flight: stop it; onReplayCancelled starts this row's.
    if (replaying_row_ != row_ || replaying_run_ != run_.get()) replay_->cancel();
    return false;
  }
  amla::NumericsConfig config;
  config.blocking = run_->blocking;
  config.switches = run_->switches;
  replaying_row_ = row_;
  replaying_run_ = run_.get();
  replay_->start([inputs = inputs_, config, row = row_](const amla::JobControl& control) {
    return amla::step_through_row(*inputs, config, row, control);
  });
  return false;
}

void StepThroughPanel::onReplayFinished() {
  const auto steps = replay_->result<amla::RowStepThrough>();
  if (!steps || !run_ || replaying_run_ != run_.get() || steps->row != row_) {
    ensureReplayed();  // the row changed meanwhile
    refresh();
    return;
  }
  steps_ = steps;
  block_ = std::clamp(block_, 0, steps_->block_count() - 1);
  refresh();
  if (pending_) {
    announce(*pending_);
    pending_.reset();
  }
  emit replayed();
}

void StepThroughPanel::onReplayFailed(const QString& field, const QString& message) {
  refusal_ = field.isEmpty() ? message : QStringLiteral("%1: %2").arg(field, message);
  pending_.reset();
  refresh();
}

void StepThroughPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (run_ && !steps_) {
    ensureReplayed();
    refresh();
  }
}

amla::BitProbe StepThroughPanel::probe() const {
  if (!steps_ || steps_->blocks.empty()) return {};
  return steps_->probe(block_, column_);
}

void StepThroughPanel::load(int row, int block, int column, const QString& context) {
  if (!run_) return;
  row_ = std::clamp(row, 0, std::max(run_->rows - 1, 0));
  block_ = std::clamp(block, 0, std::max(run_->kv_blocks - 1, 0));
  column_ = std::clamp(column, 0, amla::kValueDim - 1);
  if (!steps_ || steps_->row != row_) steps_.reset();
  if (ensureReplayed()) {
    refresh();
    announce(context);
  } else {
    pending_ = context;  // announced when the replay lands
    refresh();
  }
}

void StepThroughPanel::setRow(int row) {
  if (!run_ || row == row_) return;
  row_ = std::clamp(row, 0, std::max(run_->rows - 1, 0));
  steps_.reset();
  if (isVisible()) ensureReplayed();
  refresh();
}

void StepThroughPanel::setBlock(int block) {
  if (!steps_) return;
  block = std::clamp(block, 0, steps_->block_count() - 1);
  if (block == block_) return;
  block_ = block;
  refresh();
  announce(tr("step-through"));
}

void StepThroughPanel::setColumn(int column) {
  column = std::clamp(column, 0, amla::kValueDim - 1);
  if (column == column_) return;
  column_ = column;
  refresh();
  if (steps_) announce(tr("step-through"));
}

void StepThroughPanel::previousBlock() { setBlock(block_ - 1); }
void StepThroughPanel::nextBlock() { setBlock(block_ + 1); }

void StepThroughPanel::announce(const QString& context) {
  if (!steps_) return;
  const QString what = block_ == 0 ? tr("AMLA KV block 0 (plain write of P~V, no integer add)")
                                   : tr("AMLA integer add of KV block %1").arg(block_);
  emit probeSelected(
      probe(), tr("%1, row %2, column %3 (%4)").arg(what).arg(row_).arg(column_).arg(context));
  emit blockShown(row_, block_);
}

QString StepThroughPanel::clampText() const { return clamp_label_->text(); }
QString StepThroughPanel::guardText() const { return guard_label_->text(); }
QString StepThroughPanel::errorText() const { return error_label_->text(); }
QString StepThroughPanel::addText() const { return cells_caption_->text(); }

void StepThroughPanel::refresh() {
  const bool ready = steps_ && !steps_->blocks.empty();
  for (QWidget* w : std::initializer_list<QWidget*>{column_spin_, worst_button_, slider_,
                                                    previous_button_, next_button_}) {
    w->setEnabled(ready);
  }
  cells_->setVisible(ready);
  if (!ready) {
    title_->setText(
        run_ ? tr("Row %1: select this tab or a cell of the error-growth heatmap.").arg(row_)
             : tr("Run the numerics to step through a row."));
    for (QLabel* label :
         {block_label_, state_label_, clamp_label_, guard_label_, cells_caption_, error_label_}) {
      label->clear();
    }
    if (!refusal_.isEmpty()) {
      title_->setText(tr("Cannot step through this run."));
      error_label_->setText(refusal_);
    } else if (replay_->isRunning()) {
      title_->setText(tr("Replaying row %1 block by block...").arg(row_));
    }
    return;
  }
  const amla::RowStepThrough& st = *steps_;
  const amla::StepBlock& b = st.blocks[static_cast<std::size_t>(block_)];
  const amla::RowBlockState& s = b.state;
  const auto j = static_cast<std::size_t>(column_);
  {
    const QSignalBlocker block_slider(slider_), block_spin(column_spin_);
    slider_->setRange(0, st.block_count() - 1);
    slider_->setValue(block_);
    column_spin_->setValue(column_);
  }
  previous_button_->setEnabled(block_ > 0);
  next_button_->setEnabled(block_ + 1 < st.block_count());
  title_->setText(tr("<b>Row %1</b>").arg(row_));
  block_label_->setText(tr("block %1 of %2: tokens %3..%4")
                            .arg(block_)
                            .arg(st.block_count())
                            .arg(b.first_token)
                            .arg(b.first_token + b.tokens - 1));

  const QString dn_text =
      s.clamped ? tr("%1, clamped to %2").arg(s.dn).arg(b.shift) : QString::number(s.dn);
  state_label_->setText(
      QStringLiteral("<table cellspacing=2 cellpadding=1><tr>%1%2%3</tr><tr>%4%5%6</tr>"
                     "<tr>%7%8%9</tr></table>")
          .arg(state_cell(QStringLiteral("m"), g9(s.m), tr("running max of the scaled scores")),
               state_cell(QStringLiteral("n"), QString::number(s.n),
                          tr("round(-m / ln2), half away from zero")),
               state_cell(QStringLiteral("dn"), dn_text, tr("n_i - n_(i-1): 2^dn rescales old O")),
               state_cell(QStringLiteral("c"), g9(s.c), tr("residual factor exp(m + n ln2)")),
               state_cell(QStringLiteral("c^"), g9(s.c_hat), tr("c rounded to BF16")),
               state_cell(QStringLiteral("k"), g9(s.k), tr("c / c^")),
               state_cell(QStringLiteral("e"), g9(s.e), tr("k_(i-1) / k_i - 1")),
               state_cell(QStringLiteral("N"),
                          QStringLiteral("%1 (%2)").arg(s.N).arg(
                              QString::fromStdString(amla::hex32(static_cast<std::uint32_t>(s.N)))),
                          tr("the INT32 added to every element of old O")),
               state_cell(QStringLiteral("l"), g9(s.l), tr("running row sum"))));

  const std::string clamp = st.clamp_text(block_);
  if (!clamp.empty()) {
    clamp_label_->setText(QString::fromStdString(clamp));
    clamp_label_->setStyleSheet(QString::fromLatin1(kClampStyle));
  } else if (block_ == 0) {
    clamp_label_->setText(tr("clamp: block 0 has no rescale"));
    clamp_label_->setStyleSheet(QString::fromLatin1(kQuietStyle));
  } else if (!st.switches.clamp) {
    clamp_label_->setText(tr("clamp off: dn %1 applied as it is").arg(s.dn));
    clamp_label_->setStyleSheet(QString::fromLatin1(kQuietStyle));
  } else {
    clamp_label_->setText(
        tr("clamp not engaged: dn %1 >= %2").arg(s.dn).arg(st.switches.clamp_value));
    clamp_label_->setStyleSheet(QString::fromLatin1(kQuietStyle));
  }
  const std::string guard = st.guard_text(block_);
  guard_label_->setText(
      guard.empty()
          ? tr("guard: no element of this row above %1").arg(st.switches.guard_threshold, 0, 'g', 3)
          : QString::fromStdString(guard));
  if (!st.switches.guard) guard_label_->setText(tr("guard off"));
  guard_label_->setStyleSheet(QString::fromLatin1(guard.empty() ? kQuietStyle : kGuardStyle));

  const amla::BitProbe p = st.probe(block_, column_);
  const std::uint32_t after_bits = amla::bits_of(block_ == 0 ? b.after_block[j] : b.after_add[j]);
  cells_->setValues(p.input_bits, p.shift, p.compensation,
                    amla::exponent_addend(p.shift, p.compensation), after_bits);
  if (block_ == 0) {
    cells_caption_->setText(
        tr("O[%1, %2]: block 0 writes P~V (no integer add yet).").arg(row_).arg(column_));
  } else if (st.switches.exponent_add) {
    // How this add compares with the exact F * 2^n, as the bit view and the class table say it.
    const amla::RescaleClass kind =
        amla::analyze_exponent_add(p.input_bits, p.shift, p.compensation).classification;
    const QString name = QString::fromLatin1(amla::rescale_class_name(kind));
    cells_caption_->setText(
        tr("O[%1, %2] before the add, the INT32 N, after the add "
           "(then P~V adds %3). This add: %4.")
            .arg(row_)
            .arg(column_)
            .arg(g4(static_cast<double>(b.after_block[j]) - b.after_add[j]))
            .arg(amla::is_hazard(kind)
                     ? QStringLiteral("<b style=\"color:#c62828\">%1</b>").arg(name)
                     : QStringLiteral("<b>%1</b>").arg(name)));
  } else {
    cells_caption_->setText(tr("O[%1, %2]: exponent add off, so the result row is the exact "
                               "multiply by 2^dn (1 + e), not F + N.")
                                .arg(row_)
                                .arg(column_));
  }

  const double running = b.running[j];
  const double golden = b.golden[j];
  const double abs_err = std::fabs(running - golden);
  QString error = tr("Error after block %1: O[%2, %3] / (l c^) = %4 vs FP64 golden of tokens "
                     "0..%5 = %6: abs %7, rel %8; row's relative RMS error %9.")
                      .arg(block_)
                      .arg(row_)
                      .arg(column_)
                      .arg(g9(running))
                      .arg(b.first_token + b.tokens - 1)
                      .arg(g9(golden))
                      .arg(g4(abs_err))
                      .arg(g4(abs_err / (std::fabs(golden) + 1e-6)))
                      .arg(g4(b.relative_rms_error));
  if (block_ + 1 == st.block_count()) {
    error += tr(" Kernel output (BF16): %1.").arg(g9(st.final_output[j]));
  }
  error_label_->setText(error);
}

}  // namespace amla::ui
