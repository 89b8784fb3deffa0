#include "ui/serving/serving_page.h"

#include <qwt_legend.h>
#include <qwt_plot.h>
#include <qwt_plot_grid.h>
#include <qwt_plot_marker.h>
#include <qwt_scale_engine.h>
#include <qwt_symbol.h>
#include <qwt_text.h>

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/common/input_error.h"
#include "ui/common/background_job.h"
#include "ui/common/polyline_item.h"
#include "ui/common/qt_text.h"
#include "ui/common/screen_units.h"
#include "ui/serving/stream_lanes.h"

namespace amla::ui {

namespace {

constexpr int kLayersShown = 3;  // the lanes show the start of the step: fill and steady state

QString field_tooltip(const amla::DecodeParamDef& p) {
  return screen_text(QStringLiteral("%1\n%2\nSource: %3")
                         .arg(qs(p.help))
                         .arg(QString::fromStdString(amla::decode_param_range_text(p)))
                         .arg(qs(p.source)));
}

// The field's label, with its unit unless the label already says it ("dies per NPU").
QString field_label(const amla::DecodeParamDef& p) {
  QString label = qs(p.label);
  const QString unit = screen_unit(p.unit);
  if (!unit.isEmpty() && !label.split(QLatin1Char(' ')).contains(unit)) {
    label += QStringLiteral(" (%1)").arg(unit);
  }
  return label;
}

// A message from the model, which names parameters by their flags ("--moe-aic 24"), in the
// page's words ("MoE cores 24").
QString in_labels(const std::string& text) {
  std::vector<const amla::DecodeParamDef*> params;
  for (const amla::DecodeParamDef& p : amla::decode_params()) params.push_back(&p);
  // Longest flags first: "--mtp" begins "--mtp-query-tokens".
  std::sort(params.begin(), params.end(),
            [](const auto* a, const auto* b) { return a->flag.size() > b->flag.size(); });
  QString out = QString::fromStdString(text);
  for (const amla::DecodeParamDef* p : params) {
    out.replace(QStringLiteral("--") + qs(p->flag), qs(p->label));
  }
  return screen_text(out);
}

}  // namespace

ServingPage::ServingPage(QWidget* parent) : QWidget(parent) {
  job_ = new BackgroundJob(tr("use a smaller batch or KV length"), this);
  auto* split = new QSplitter(Qt::Horizontal, this);
  auto* outer = new QHBoxLayout(this);
  outer->setContentsMargins(4, 4, 4, 4);
  outer->addWidget(split);

  // The what-if fields, one per decode parameter, generated from its table.
  auto* controls = new QWidget(split);
  auto* form = new QFormLayout(controls);
  const amla::DecodeParams defaults;
  for (const amla::DecodeParamDef& p : amla::decode_params()) {
    const std::string flag(p.flag);
    auto* edit = new QLineEdit(
        QString::fromStdString(amla::format_decode_param(p, defaults.*p.member)), controls);
    edit->setObjectName(QString::fromStdString(flag));
    edit->setToolTip(field_tooltip(p));
    auto* error = new QLabel(controls);
    error->setStyleSheet(QStringLiteral("color: #b00020"));
    error->setWordWrap(true);
    error->hide();
    auto* cell = new QWidget(controls);
    auto* cell_layout = new QVBoxLayout(cell);
    cell_layout->setContentsMargins(0, 0, 0, 0);
    cell_layout->setSpacing(1);
    cell_layout->addWidget(edit);
    cell_layout->addWidget(error);
    form->addRow(field_label(p), cell);
    fields_[flag] = edit;
    errors_[flag] = error;
    connect(edit, &QLineEdit::returnPressed, this, &ServingPage::run);
  }
  run_button_ = new QPushButton(tr("Run decode step"), controls);
  cancel_button_ = new QPushButton(tr("Cancel"), controls);
  cancel_button_->setEnabled(false);
  progress_ = new QProgressBar(controls);
  progress_->setRange(0, 100);
  auto* buttons = new QHBoxLayout();
  buttons->addWidget(run_button_);
  buttons->addWidget(cancel_button_);
  form->addRow(buttons);
  form->addRow(progress_);
  auto* note = new QLabel(tr("The kernel's variant, tiling and machine come from the "
                             "configuration panel; the decode step sets its batch and query "
                             "tokens. Hover a field for its source."),
                          controls);
  note->setWordWrap(true);
  form->addRow(note);
  auto* scroll = new QScrollArea(split);
  scroll->setWidget(controls);
  scroll->setWidgetResizable(true);
  split->addWidget(scroll);

  // The step's figures, its streams, and tokens/s against the kernel's speed.
  auto* results = new QWidget(split);
  auto* column = new QVBoxLayout(results);
  summary_ =
      new QLabel(tr("Run the decode step to see what the kernel buys in served tokens."), results);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summary_->setObjectName(QStringLiteral("servingSummary"));
  column->addWidget(summary_);
  lanes_ = new StreamLanes(results);
  column->addWidget(lanes_, 1);
  speed_plot_ = new QwtPlot(results);
  speed_plot_->setCanvasBackground(Qt::white);
  speed_plot_->setTitle(tr("Tokens/s per NPU against the attention kernel's speed"));
  speed_plot_->setAxisScaleEngine(QwtPlot::xBottom, new QwtLogScaleEngine(2));
  speed_plot_->setAxisTitle(QwtPlot::xBottom, tr("kernel speed-up (x this kernel)"));
  speed_plot_->setAxisTitle(QwtPlot::yLeft, tr("tokens/s per NPU"));
  auto* grid = new QwtPlotGrid();
  grid->setMajorPen(QPen(QColor(220, 220, 220), 0, Qt::DotLine));
  grid->attach(speed_plot_);
  curve_ = new PolylineItem();
  curve_->setTitle(tr("model"));
  curve_->setPen(QPen(QColor(0, 114, 178), 2));
  curve_->attach(speed_plot_);
  here_ = new QwtPlotMarker();
  here_->setSymbol(new QwtSymbol(QwtSymbol::Ellipse, QBrush(QColor(213, 94, 0)), QPen(Qt::black),
                                 QSize(10, 10)));
  here_->setLabelAlignment(Qt::AlignRight | Qt::AlignBottom);
  here_->attach(speed_plot_);
  takeover_ = new QwtPlotMarker();
  takeover_->setLineStyle(QwtPlotMarker::VLine);
  takeover_->setLinePen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));
  takeover_->setLabelAlignment(Qt::AlignLeft | Qt::AlignBottom);
  takeover_->attach(speed_plot_);
  // Its size hint counts the whole title on one line; like the other plots it draws at less.
  speed_plot_->setMinimumSize(320, 240);
  column->addWidget(speed_plot_, 2);
  split->addWidget(results);
  split->setStretchFactor(1, 1);

  connect(run_button_, &QPushButton::clicked, this, &ServingPage::run);
  connect(cancel_button_, &QPushButton::clicked, job_, &BackgroundJob::cancel);
  connect(job_, &BackgroundJob::progressChanged, progress_, &QProgressBar::setValue);
  connect(job_, &BackgroundJob::finished, this, [this] {
    step_ = job_->result<Result>();
    showResult();
  });
  connect(job_, &BackgroundJob::failed, this, [this](const QString& field, const QString& msg) {
    run_button_->setEnabled(true);
    cancel_button_->setEnabled(false);
    setFieldError(field.toStdString().substr(field.startsWith(QLatin1String("--")) ? 2 : 0), msg);
    summary_->setText(tr("The decode step failed: %1").arg(msg));
  });
  connect(job_, &BackgroundJob::cancelled, this, [this] {
    run_button_->setEnabled(true);
    cancel_button_->setEnabled(false);
    summary_->setText(tr("Cancelled; the last result is kept below."));
  });
}

void ServingPage::setBaseConfig(const amla::RunConfig& config) { base_ = config; }

void ServingPage::setFieldError(const std::string& flag, const QString& message) {
  const auto it = errors_.find(flag);
  if (it == errors_.end()) return;
  it->second->setText(message);
  it->second->setVisible(!message.isEmpty());
}

void ServingPage::setParams(const amla::DecodeParams& params) {
  for (const amla::DecodeParamDef& def : amla::decode_params()) {
    const auto it = fields_.find(std::string(def.flag));
    if (it == fields_.end()) continue;
    it->second->setText(QString::fromStdString(amla::format_decode_param(def, params.*def.member)));
    setFieldError(std::string(def.flag), QString());
  }
}

std::optional<amla::DecodeParams> ServingPage::readParams() {
  amla::DecodeParams p;
  bool ok = true;
  for (const amla::DecodeParamDef& def : amla::decode_params()) {
    const std::string flag(def.flag);
    setFieldError(flag, QString());
    try {
      p.*def.member =
          amla::parse_decode_param(def, flag, fields_[flag]->text().trimmed().toStdString());
    } catch (const amla::InputError& e) {
      setFieldError(flag, tr("%1 (%2)").arg(in_labels(e.value()), in_labels(e.limit())));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  try {
    amla::validate_decode_params(p, base_.hardware.aic_per_die);
  } catch (const amla::InputError& e) {
    setFieldError(e.field().substr(2),
                  tr("%1 (%2)").arg(in_labels(e.value()), in_labels(e.limit())));
    return std::nullopt;
  }
  return p;
}

void ServingPage::run() {
  if (job_->isRunning()) return;
  const auto params = readParams();
  if (!params) return;
  const amla::DecodeParams p = *params;
  const amla::RunConfig base = base_;
  run_button_->setEnabled(false);
  cancel_button_->setEnabled(true);
  progress_->setValue(0);
  job_->start([p, base](const amla::JobControl& control) {
    Result r;
    r.params = p;
    r.step = amla::run_decode(p, base, &r.kernel, control);
    return r;
  });
}

QVector<QPointF> ServingPage::speedCurve() const { return curve_->points(); }

void ServingPage::showResult() {
  run_button_->setEnabled(true);
  cancel_button_->setEnabled(false);
  if (!step_) return;
  const amla::DecodeStep& s = step_->step;
  const amla::DecodeParams& p = step_->params;
  summary_->setText(
      tr("<b>TPOT %1 ms, %2 tokens/s per NPU</b>: %3 requests per microbatch x %4 "
         "microbatches, %5 query tokens each. Per layer %6 µs; stream 0 (attention) %7 µs per "
         "microbatch, of which the simulated kernel %8 µs (%9% of its Cube peak, %10); stream 1 "
         "(MoE) %11 µs. <b>Limiting stream: %12.</b> The kernel is %13% of the step.")
          .arg(s.tpot_ms, 0, 'f', 2)
          .arg(s.tokens_per_s_per_npu, 0, 'f', 0)
          .arg(s.requests_per_microbatch)
          .arg(p.microbatches)
          .arg(s.query_tokens)
          .arg(s.layer_us, 0, 'f', 0)
          .arg(s.stream0_us, 0, 'f', 0)
          .arg(s.attention_us, 0, 'f', 0)
          .arg(100.0 * step_->kernel.flops_utilization, 0, 'f', 1)
          .arg(QString::fromStdString(step_->kernel.bound_unit_pipe()))
          .arg(s.stream1_us, 0, 'f', 0)
          .arg(QString::fromStdString(s.limiting_stream))
          .arg(100.0 * s.attention_share, 0, 'f', 1));
  std::vector<amla::StreamStage> stages = amla::two_stream_schedule(
      kLayersShown, static_cast<int>(p.microbatches), s.stream0_us, s.stream1_us);
  lanes_->setStages(std::move(stages), s.attention_us);

  // The same step with the kernel sped up or slowed down, all else equal.
  QVector<QPointF> points;
  double takeover = 0;
  std::string previous;
  for (int i = 0; i <= 64; ++i) {
    const double speedup = std::pow(2.0, -2.0 + 4.0 * i / 64);
    const amla::DecodeStep what_if = amla::evaluate_decode(p, s.attention_us / speedup);
    points.append(QPointF(speedup, what_if.tokens_per_s_per_npu));
    if (!previous.empty() && what_if.limiting_stream != previous) takeover = speedup;
    previous = what_if.limiting_stream;
  }
  curve_->setPoints(points);
  here_->setValue(1.0, s.tokens_per_s_per_npu);
  here_->setLabel(QwtText(tr("this kernel: %1").arg(s.tokens_per_s_per_npu, 0, 'f', 0)));
  takeover_->setVisible(takeover > 0);
  if (takeover > 0) {
    takeover_->setValue(takeover, 0);
    // The label on the side of the line with more room, so it is never cut at the plot's edge.
    takeover_->setLabelAlignment((takeover < 1 ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignBottom);
    takeover_->setLabel(QwtText(tr("the MoE stream limits above %1x").arg(takeover, 0, 'f', 2)));
  }
  double lo = 1e300, hi = 0;
  for (const QPointF& q : points) {
    lo = std::min(lo, q.y());
    hi = std::max(hi, q.y());
  }
  speed_plot_->setAxisScale(QwtPlot::xBottom, 0.25, 4.0);
  speed_plot_->setAxisScale(QwtPlot::yLeft, 0, hi * 1.1);
  speed_plot_->replot();
  emit runFinished();
}

}  // namespace amla::ui
