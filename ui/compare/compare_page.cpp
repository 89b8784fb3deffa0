#include "ui/compare/compare_page.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

#include "core/run/simulation_run.h"
#include "ui/common/painted_export.h"
#include "ui/common/time_range_control.h"
#include "ui/compare/compare_figure.h"
#include "ui/compare/compare_model.h"
#include "ui/compare/compare_palette.h"
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
  side_layout->addWidget(table_, 1);
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
  title_a_->setText(compare_run_title(QStringLiteral("A"), a_.get(), b_.get()) +
                    (a_ ? QString() : tr(" (pin a run as A in the studio)")));
  title_b_->setText(compare_run_title(QStringLiteral("B"), b_.get(), a_.get()));
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
}

QString ComparePage::exportCompare(const QString& path, const QSize& size) const {
  CompareFigure figure;
  figure.a = a_;
  figure.b = b_;
  figure.range_a = timeline_a_->visibleRange();
  figure.range_b = timeline_b_->visibleRange();
  return export_painting(path, size, QStringLiteral("A/B compare"),
                         [&figure](QPainter& painter, const QRect& area) {
                           paint_compare_figure(painter, area, figure);
                         });
}

}  // namespace amla::ui
