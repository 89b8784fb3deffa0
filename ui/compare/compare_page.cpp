#include "ui/compare/compare_page.h"

#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <utility>

#include "core/run/simulation_run.h"
#include "ui/common/no_trace_notice.h"
#include "ui/common/painted_export.h"
#include "ui/common/time_range_control.h"
#include "ui/compare/compare_attribution.h"
#include "ui/compare/compare_figure.h"
#include "ui/compare/compare_model.h"
#include "ui/compare/compare_palette.h"
#include "ui/timeline/timeline_style.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {

namespace {

enum Column { kA, kB, kDelta, kRatio, kColumns };

QTableWidgetItem* item(const QString& text, double value) {
  auto* it = new QTableWidgetItem(text);
  it->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  // The number behind the text, for tests and for anyone copying the table.
  if (!std::isnan(value)) it->setData(Qt::UserRole, value);
  return it;
}

QWidget* titled(QLabel* title, TimelineWidget* timeline, QWidget* parent) {
  auto* box = new QWidget(parent);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  QFont font = title->font();
  font.setBold(true);
  title->setFont(font);
  title->setWordWrap(true);
  layout->addWidget(title);
  layout->addWidget(timeline, 1);
  return box;
}

}  // namespace

ComparePage::ComparePage(QWidget* parent) : QWidget(parent), time_(new TimeRangeControl(this)) {
  auto* layout = new QVBoxLayout(this);
  auto* split = new QSplitter(Qt::Horizontal, this);
  auto* runs = new QSplitter(Qt::Vertical, split);
  title_a_ = new QLabel(this);
  title_a_->setObjectName(QStringLiteral("titleA"));
  title_b_ = new QLabel(this);
  title_b_->setObjectName(QStringLiteral("titleB"));
  timeline_a_ = new TimelineWidget(this);
  timeline_a_->setObjectName(QStringLiteral("timelineA"));
  timeline_b_ = new TimelineWidget(this);
  timeline_b_->setObjectName(QStringLiteral("timelineB"));
  timeline_a_->setTimeControl(time_);
  timeline_b_->setTimeControl(time_);
  runs->addWidget(titled(title_a_, timeline_a_, runs));
  runs->addWidget(titled(title_b_, timeline_b_, runs));

  auto* side = new QWidget(split);
  auto* side_layout = new QVBoxLayout(side);
  side_layout->setContentsMargins(0, 0, 0, 0);
  table_ = new QTableWidget(0, kColumns, side);
  table_->setObjectName(QStringLiteral("deltaTable"));
  table_->setHorizontalHeaderLabels(
      {tr("A"), tr("B"), QStringLiteral("B \u2212 A"), QStringLiteral("B / A")});
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setWordWrap(false);
  // Room for the labels and four numbers without scrolling sideways.
  side->setMinimumWidth(600);
  auto* tables = new QSplitter(Qt::Vertical, side);
  tables->addWidget(table_);
  auto* why = new QWidget(tables);
  auto* why_layout = new QVBoxLayout(why);
  why_layout->setContentsMargins(0, 4, 0, 0);
  why_layout->setSpacing(2);
  auto* why_title = new QLabel(tr("<b>Where the time went</b> (each run's critical path; the rows "
                                  "add up to the makespan)"),
                               why);
  why_title->setWordWrap(true);
  why_layout->addWidget(why_title);
  attribution_notice_ = make_no_trace_notice(why);
  why_layout->addWidget(attribution_notice_);
  attribution_ = new QTableWidget(0, 3, why);
  attribution_->setObjectName(QStringLiteral("attributionTable"));
  attribution_->setHorizontalHeaderLabels({tr("A"), tr("B"), QStringLiteral("B \u2212 A")});
  attribution_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  attribution_->horizontalHeader()->setStretchLastSection(true);
  attribution_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  attribution_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  attribution_->setWordWrap(false);
  why_layout->addWidget(attribution_, 1);
  tables->addWidget(why);
  tables->setStretchFactor(0, 3);
  tables->setStretchFactor(1, 2);
  side_layout->addWidget(tables, 1);
  auto* swap = new QPushButton(tr("Swap A and B"), side);
  swap->setObjectName(QStringLiteral("swapButton"));
  side_layout->addWidget(swap);
  auto* hint = new QLabel(tr("Green: B is better than A; red: B is worse. Zoom either timeline "
                             "and the other follows."),
                          side);
  hint->setWordWrap(true);
  side_layout->addWidget(hint);

  split->addWidget(runs);
  split->addWidget(side);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  layout->addWidget(split);

  connect(swap, &QPushButton::clicked, this, &ComparePage::swapRuns);
  refresh();
}

void ComparePage::updateTrace() {
  const double end = std::max(a_ ? run_end_cycles(*a_) : 0.0, b_ ? run_end_cycles(*b_) : 0.0);
  const bool zoomed = time_->isZoomed();
  const auto [t0, t1] = time_->range();
  time_->setTrace(0, end);
  if (zoomed) time_->requestRange(t0, t1);
}

void ComparePage::setRunA(SimulationPtr run) {
  a_ = std::move(run);
  timeline_a_->setRun(a_);
  updateTrace();
  refresh();
}

void ComparePage::setRunB(SimulationPtr run) {
  b_ = std::move(run);
  timeline_b_->setRun(b_);
  updateTrace();
  refresh();
}

void ComparePage::swapRuns() {
  std::swap(a_, b_);
  timeline_a_->setRun(a_);
  timeline_b_->setRun(b_);
  refresh();
}

void ComparePage::refresh() {
  // An empty side says how to fill it.
  title_a_->setText(
      compare_run_title(QStringLiteral("A"), a_.get(), b_.get()) +
      (a_ ? QString() : tr(" \u2014 pin the studio's run with Run > Pin this run as A (Ctrl+P)")));
  title_b_->setText(
      compare_run_title(QStringLiteral("B"), b_.get(), a_.get()) +
      (b_ ? QString()
          : tr(" \u2014 the next run after A is pinned (change the configuration, Run)")));
  const std::vector<DeltaRow> rows = compare_rows(a_.get(), b_.get());
  table_->setRowCount(static_cast<int>(rows.size()));
  QStringList labels;
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const DeltaRow& row = rows[static_cast<std::size_t>(r)];
    labels << row.label;
    table_->setItem(r, kA, item(row.a, row.a_value));
    table_->setItem(r, kB, item(row.b, row.b_value));
    table_->setItem(r, kDelta, item(row.delta, row.delta_value));
    table_->setItem(r, kRatio, item(row.ratio, row.ratio_value));
    for (int c : {kA, kB, kDelta, kRatio}) table_->item(r, c)->setToolTip(row.description);
    for (int c : {kDelta, kRatio}) {
      QTableWidgetItem* it = table_->item(r, c);
      if (row.verdict == DeltaVerdict::kNeutral || it->text().isEmpty()) continue;
      it->setForeground(verdict_ink(row.verdict));
      it->setBackground(verdict_background(row.verdict));
    }
  }
  table_->setVerticalHeaderLabels(labels);
  refreshAttribution();
}

void ComparePage::refreshAttribution() {
  // A run that kept no trace has no critical path: its column stays empty, and says why.
  QStringList missing;
  for (const auto& [name, run] :
       {std::pair{QStringLiteral("A"), a_.get()}, std::pair{QStringLiteral("B"), b_.get()}}) {
    if (kept_no_trace(run)) {
      missing << tr("%1 kept no trace (%2): it has no critical path to attribute; the metrics "
                    "above still compare.")
                     .arg(name, QString::fromStdString(run->trace.trace_dropped));
    }
  }
  set_no_trace_notice(attribution_notice_, missing.join('\n'));
  const std::vector<AttributionRow> rows = compare_attribution(a_.get(), b_.get());
  attribution_->setRowCount(static_cast<int>(rows.size()));
  QStringList labels;
  const auto us_share = [](double us, double share) {
    return std::isnan(us) ? QString()
                          : QStringLiteral("%1 \u00b5s (%2%)")
                                .arg(us, 0, 'f', 2)
                                .arg(100.0 * share, 0, 'f', 1);
  };
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const AttributionRow& row = rows[static_cast<std::size_t>(r)];
    labels << row.label;
    attribution_->setItem(r, 0, item(us_share(row.a_us, row.a_share), row.a_us));
    attribution_->setItem(r, 1, item(us_share(row.b_us, row.b_share), row.b_us));
    const QString delta = std::isnan(row.delta_us)
                              ? QString()
                              : QStringLiteral("%1%2 \u00b5s")
                                    .arg(row.delta_us > 0 ? QStringLiteral("+") : QString())
                                    .arg(row.delta_us, 0, 'f', 2);
    attribution_->setItem(r, 2, item(delta, row.delta_us));
    // More time in a category is worse for B; a change under 0.005 us shows as 0.00: neutral.
    const DeltaVerdict v = std::isnan(row.delta_us) || std::abs(row.delta_us) < 0.005
                               ? DeltaVerdict::kNeutral
                               : (row.delta_us > 0 ? DeltaVerdict::kWorse : DeltaVerdict::kBetter);
    if (v != DeltaVerdict::kNeutral) {
      attribution_->item(r, 2)->setForeground(verdict_ink(v));
      attribution_->item(r, 2)->setBackground(verdict_background(v));
    }
    if (row.total) {
      for (int c = 0; c < 3; ++c) {
        QFont f = attribution_->item(r, c)->font();
        f.setBold(true);
        attribution_->item(r, c)->setFont(f);
      }
    }
    for (int c = 0; c < 3; ++c) {
      attribution_->item(r, c)->setData(Qt::UserRole + 1, row.key);
    }
  }
  attribution_->setVerticalHeaderLabels(labels);
}

CompareFigure ComparePage::currentFigure() const {
  CompareFigure figure;
  figure.a = a_;
  figure.b = b_;
  figure.range_a = timeline_a_->visibleRange();
  figure.range_b = timeline_b_->visibleRange();
  return figure;
}

QString ComparePage::exportCompare(const QString& path, const QSize& size) const {
  const CompareFigure figure = currentFigure();
  return export_painting(path, size, QStringLiteral("A/B compare"),
                         [&figure](QPainter& painter, const QRect& area) {
                           paint_compare_figure(painter, area, figure);
                         });
}

namespace {

// The comparison laid out where its labels are kLabelFontPx, then scaled so they print at the
// figure's point size (as the timeline figure does).
void paint_compare_at_size(QPainter& painter, const QRect& device, const CompareFigure& compare,
                           const amla::FigureSpec& figure) {
  const double scale = figure.pixels_for_pt(figure.font_pt) / kLabelFontPx;
  painter.save();
  painter.translate(device.topLeft());
  painter.scale(scale, scale);
  paint_compare_figure(painter,
                       QRect(0, 0, qRound(device.width() / scale), qRound(device.height() / scale)),
                       compare);
  painter.restore();
}

}  // namespace

namespace {

// The figure with the height its lanes need when the preset leaves the height free.
amla::FigureSpec fitted_compare_figure(const CompareFigure& compare, amla::FigureSpec figure) {
  if (!figure.fit_height) return figure;
  const double scale = figure.pixels_for_pt(figure.font_pt) / kLabelFontPx;
  const int layout_px = compare_figure_height(compare, qRound(figure.width_pixels() / scale));
  figure.height_mm = std::clamp(layout_px * scale / figure.dpi * 25.4, amla::FigureSpec::kMinSideMm,
                                amla::FigureSpec::kMaxFitHeightMm);
  return figure;
}

}  // namespace

QString ComparePage::exportCompare(const QString& path, const amla::FigureSpec& asked) const {
  const CompareFigure compare = currentFigure();
  const amla::FigureSpec figure = fitted_compare_figure(compare, asked);
  return export_figure(path, figure, QStringLiteral("A/B compare"),
                       [&](QPainter& painter, const QRect& device) {
                         paint_compare_at_size(painter, device, compare, figure);
                       });
}

QImage ComparePage::renderCompare(const amla::FigureSpec& asked) const {
  const CompareFigure compare = currentFigure();
  const amla::FigureSpec figure = fitted_compare_figure(compare, asked);
  QImage image(figure.width_pixels(), figure.height_pixels(), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  image.setDotsPerMeterX(qRound(figure.dpi / 0.0254));
  image.setDotsPerMeterY(qRound(figure.dpi / 0.0254));
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  paint_compare_at_size(painter, image.rect(), compare, figure);
  return image;
}

}  // namespace amla::ui
