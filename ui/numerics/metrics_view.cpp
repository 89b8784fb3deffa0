#include "ui/numerics/metrics_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/numerics/float_bits.h"

namespace amla::ui {

namespace {

// Rows of the comparison table, in the order people read kernel reports.
enum MetricRow {
  kMaxAbs,
  kMaxRel,
  kRmse,
  kCosDiff,
  kMere,
  kMare,
  kFailing,
  kFlashMlaPass,
  kAscendPass,
  kNonFinite,
  kMetricRowCount
};

const char* metric_name(int row) {
  switch (row) {
    case kMaxAbs:
      return "max abs error";
    case kMaxRel:
      return "max rel error";
    case kRmse:
      return "RMSE";
    case kCosDiff:
      return "cos_diff";
    case kMere:
      return "MERE";
    case kMare:
      return "MARE";
    case kFailing:
      return "FlashMLA failing elements";
    case kFlashMlaPass:
      return "FlashMLA criterion";
    case kAscendPass:
      return "Ascend criterion (BF16)";
    case kNonFinite:
      return "non-finite mismatches";
  }
  return "";
}

const char* metric_meaning(int row) {
  switch (row) {
    case kMaxAbs:
      return "max |a - g| against the FP64 golden";
    case kMaxRel:
      return "max |a - g| / (|g| + 1e-6)";
    case kRmse:
      return "sqrt(mean (a - g)^2)";
    case kCosDiff:
      return "1 - 2 sum(a g) / sum(a^2 + g^2); FlashMLA requires <= 5e-6";
    case kMere:
      return "mean |a - g| / (|g| + 1e-7); Ascend BF16 requires < 2^-7";
    case kMare:
      return "max |a - g| / (|g| + 1e-7); Ascend BF16 requires < 10 * 2^-7";
    case kFailing:
      return "elements with abs error >= 8e-4 and rel error >= 2.01/128";
    case kFlashMlaPass:
      return "every element passes, cos_diff <= 5e-6, inf/NaN positions match";
    case kAscendPass:
      return "MERE < 2^-7, MARE < 10 * 2^-7, inf/NaN positions match";
    case kNonFinite:
      return "inf/NaN where the golden has none, or the other way round";
  }
  return "";
}

QTableWidgetItem* cell(const QString& text,
                       Qt::Alignment align = Qt::AlignRight | Qt::AlignVCenter) {
  auto* item = new QTableWidgetItem(text);
  item->setTextAlignment(int(align));
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  return item;
}

QTableWidgetItem* verdict_cell(bool pass) {
  auto* item = cell(pass ? QStringLiteral("PASS") : QStringLiteral("FAIL"), Qt::AlignCenter);
  item->setBackground(pass ? QColor(0xc8, 0xe6, 0xc9) : QColor(0xff, 0xcd, 0xd2));
  item->setForeground(pass ? QColor(0x1b, 0x5e, 0x20) : QColor(0xb7, 0x1c, 0x1c));
  QFont bold = item->font();
  bold.setBold(true);
  item->setFont(bold);
  return item;
}

QTableWidgetItem* metric_cell(const amla::ErrorMetrics& m, int row) {
  switch (row) {
    case kMaxAbs:
      return cell(QString::number(m.max_abs_err, 'g', 4));
    case kMaxRel:
      return cell(QString::number(m.max_rel_err, 'g', 4));
    case kRmse:
      return cell(QString::number(m.rmse, 'g', 4));
    case kCosDiff:
      return cell(QString::number(m.cos_diff, 'g', 4));
    case kMere:
      return cell(QString::number(m.mere, 'g', 4));
    case kMare:
      return cell(QString::number(m.mare, 'g', 4));
    case kFailing:
      return cell(QStringLiteral("%1 / %2").arg(m.failing_elements).arg(m.elements));
    case kFlashMlaPass:
      return verdict_cell(m.flashmla_pass);
    case kAscendPass:
      return verdict_cell(m.ascend_pass);
    case kNonFinite: {
      auto* item = cell(QString::number(m.nonfinite_mismatches));
      if (m.nonfinite_mismatches > 0) item->setForeground(QColor(0xb7, 0x1c, 0x1c));
      return item;
    }
  }
  return cell(QString());
}

QTableWidget* make_table(int rows, const QStringList& headers, QWidget* parent) {
  auto* table = new QTableWidget(rows, headers.size(), parent);
  table->setHorizontalHeaderLabels(headers);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setAlternatingRowColors(true);
  table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table->horizontalHeader()->setMinimumSectionSize(80);
  table->setWordWrap(false);
  table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
  return table;
}

}  // namespace

MetricsView::MetricsView(QWidget* parent) : QWidget(parent) {
  metrics_table_ = make_table(kMetricRowCount, {tr("AMLA"), tr("baseline (MUL)")}, this);
  metrics_table_->setObjectName(QStringLiteral("metricsTable"));
  QStringList names;
  for (int r = 0; r < kMetricRowCount; ++r) names << QString::fromLatin1(metric_name(r));
  metrics_table_->setVerticalHeaderLabels(names);
  for (int r = 0; r < kMetricRowCount; ++r) {
    metrics_table_->verticalHeaderItem(r)->setToolTip(QString::fromLatin1(metric_meaning(r)));
  }

  constexpr int kClassCount = static_cast<int>(amla::RescaleClass::kNanPayloadChanged) + 1;
  class_table_ = make_table(kClassCount + 1, {tr("elements")}, this);
  class_table_->setObjectName(QStringLiteral("rescaleClassTable"));
  // Only as wide as the class names and counts; the accuracy table takes the rest.
  class_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  class_table_->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Expanding);
  QStringList classes;
  for (int c = 0; c < kClassCount; ++c) {
    classes << QString::fromLatin1(amla::rescale_class_name(static_cast<amla::RescaleClass>(c)));
  }
  classes << tr("guard hits");
  class_table_->setVerticalHeaderLabels(classes);
  class_table_->verticalHeaderItem(kClassCount)
      ->setToolTip(tr("Accumulator elements with |O| above the guard threshold, set to 0"));
  class_table_->setToolTip(
      tr("How every element of every AMLA integer add was classified against ldexp"));

  summary_label_ = new QLabel(tr("No run yet."), this);
  summary_label_->setWordWrap(true);

  auto* metrics_box = new QVBoxLayout;
  metrics_box->addWidget(new QLabel(tr("<b>Accuracy against the FP64 golden</b>"), this));
  metrics_box->addWidget(metrics_table_);
  metrics_box->addWidget(summary_label_);
  auto* class_box = new QVBoxLayout;
  class_box->addWidget(new QLabel(tr("<b>AMLA integer adds by class</b>"), this));
  class_box->addWidget(class_table_);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(metrics_box, 1);
  layout->addLayout(class_box, 0);
}

void MetricsView::clear() {
  metrics_table_->clearContents();
  class_table_->clearContents();
  summary_label_->setText(tr("No run yet."));
}

void MetricsView::setRun(const amla::NumericsRun& run) {
  for (int r = 0; r < kMetricRowCount; ++r) {
    metrics_table_->setItem(r, 0, metric_cell(run.amla.metrics, r));
    metrics_table_->setItem(r, 1, metric_cell(run.baseline.metrics, r));
  }
  const int class_rows = class_table_->rowCount() - 1;
  for (int c = 0; c < class_rows; ++c) {
    const std::uint64_t count =
        c < static_cast<int>(run.amla.rescale_classes.size()) ? run.amla.rescale_classes[c] : 0;
    auto* item = cell(QString::number(count));
    if (count > 0 && amla::is_hazard(static_cast<amla::RescaleClass>(c))) {
      item->setForeground(QColor(0xb7, 0x1c, 0x1c));
      item->setBackground(QColor(0xff, 0xeb, 0xee));
    }
    class_table_->setItem(c, 0, item);
  }
  auto* guard = cell(QString::number(run.amla.guard_hits));
  if (run.amla.guard_hits > 0) guard->setForeground(QColor(0xb7, 0x1c, 0x1c));
  class_table_->setItem(class_rows, 0, guard);

  summary_label_->setText(tr("%1 rows x %2 KV tokens, %3 KV blocks of %4, %5 rows per task; "
                             "run took %6 s.")
                              .arg(run.rows)
                              .arg(run.kv_len)
                              .arg(run.kv_blocks)
                              .arg(run.blocking.kv_block)
                              .arg(run.blocking.rows_per_task)
                              .arg(run.seconds, 0, 'f', 2));
}

}  // namespace amla::ui
