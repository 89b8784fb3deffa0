#include "ui/numerics/metrics_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

#include "core/kernel/op_catalogue.h"
#include "core/numerics/accuracy_standards.h"
#include "core/numerics/float_bits.h"
#include "core/numerics/numerics_metrics.h"
#include "ui/help/explanation_popup.h"

namespace amla::ui {

namespace {

// Rows of the comparison table: the numerics metric catalogue, then every criterion by name and
// level (accuracy_standards.h); columns: the run's variants in the order chosen.
int metric_row_count() { return static_cast<int>(amla::numerics_metric_catalogue().size()); }

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

QTableWidgetItem* metric_cell(const amla::NumericsMetricDef& def, const amla::VariantResult& r) {
  const double v = def.value(r);
  if (def.is_count) {
    auto* item = cell(QString::number(static_cast<qulonglong>(v)));
    if (v > 0 && (std::string(def.key) == "nonfinite_mismatches" ||
                  std::string(def.key) == "overflow_count")) {
      item->setForeground(QColor(0xb7, 0x1c, 0x1c));
    }
    return item;
  }
  if (r.metrics.compared == 0 && std::isfinite(v)) return cell(QStringLiteral("n/a"));
  if (std::isinf(v)) {
    auto* item = cell(QStringLiteral("inf"));
    item->setForeground(QColor(0xb7, 0x1c, 0x1c));
    return item;
  }
  return cell(QString::number(v, 'g', 4));
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
  metrics_table_ = make_table(0, {}, this);
  metrics_table_->setObjectName(QStringLiteral("metricsTable"));
  // Up to four variants side by side: each column as wide as its figures, scrolled if need be.
  metrics_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

  constexpr int kClassCount = amla::kRescaleClassCount;
  class_table_ = make_table(kClassCount + 1, {tr("elements")}, this);
  class_table_->setObjectName(QStringLiteral("rescaleClassTable"));
  // Each class by its name in words; hover: the meaning; a click on the row: the explanation.
  for (int c = 0; c < kClassCount; ++c) {
    const amla::CatalogueEntry& words =
        amla::rescale_class_entry(static_cast<amla::RescaleClass>(c));
    auto* header = new QTableWidgetItem(QString::fromStdString(words.name));
    header->setToolTip(QString::fromStdString(words.key + ": " + words.meaning) +
                       tr(" Click the row for more."));
    class_table_->setVerticalHeaderItem(c, header);
  }
  class_table_->setVerticalHeaderItem(kClassCount, new QTableWidgetItem(tr("guard hits")));
  const auto explain_row = [this](int row) {
    if (row < 0 || row >= amla::kRescaleClassCount) return;
    const QRect r = class_table_->visualRect(class_table_->model()->index(row, 0));
    show_explanation(
        class_table_, class_table_->viewport()->mapToGlobal(r.bottomLeft()),
        catalogue_entry_html(amla::rescale_class_entry(static_cast<amla::RescaleClass>(row))));
  };
  connect(class_table_, &QTableWidget::cellClicked, this,
          [explain_row](int row, int) { explain_row(row); });
  connect(class_table_->verticalHeader(), &QHeaderView::sectionClicked, this, explain_row);
  class_table_->verticalHeaderItem(kClassCount)
      ->setToolTip(tr("Accumulator elements with |O| above the guard threshold, set to 0"));
  class_table_->setToolTip(
      tr("How every element of every AMLA integer add was classified against ldexp"));

  summary_label_ = new QLabel(tr("No run yet."), this);
  summary_label_->setWordWrap(true);

  // Two tabs, so the accuracy table has the width for a column per variant.
  auto* tabs = new QTabWidget(this);
  tabs->setObjectName(QStringLiteral("metricsTabs"));
  tabs->addTab(metrics_table_, tr("Accuracy against the FP64 golden"));
  tabs->addTab(class_table_, tr("AMLA integer adds by class"));
  class_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  class_table_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(tabs, 1);
  layout->addWidget(summary_label_);
}

void MetricsView::clear() {
  metrics_table_->clearContents();
  class_table_->clearContents();
  summary_label_->setText(tr("No run yet."));
}

void MetricsView::setRun(const amla::NumericsRun& run) {
  const auto& catalogue = amla::numerics_metric_catalogue();
  std::vector<std::vector<amla::CriterionResult>> criteria;
  QStringList columns;
  for (amla::NumericsVariant v : run.variants) {
    const amla::VariantInfo& info = amla::variant_info(v);
    columns << QString::fromLatin1(info.label);
    criteria.push_back(
        amla::evaluate_criteria(run.result(v).metrics, run.baseline.metrics, info.output));
  }
  const int criteria_rows = criteria.empty() ? 0 : static_cast<int>(criteria.front().size());
  metrics_table_->clear();
  metrics_table_->setColumnCount(columns.size());
  metrics_table_->setHorizontalHeaderLabels(columns);
  metrics_table_->setRowCount(metric_row_count() + criteria_rows);
  QStringList rows;
  for (const auto& def : catalogue) rows << QString::fromLatin1(def.label);
  for (int c = 0; c < criteria_rows; ++c) {
    const auto& first = criteria.front()[static_cast<std::size_t>(c)];
    bool same_level = true;
    for (const auto& list : criteria)
      same_level &= list[static_cast<std::size_t>(c)].level == first.level;
    // The Threshold standard's level is the output format's: each cell names it then.
    rows << QString::fromStdString(first.name + " " + (same_level ? first.level : "(per format)"));
  }
  metrics_table_->setVerticalHeaderLabels(rows);
  for (int r = 0; r < metric_row_count(); ++r) {
    metrics_table_->verticalHeaderItem(r)->setToolTip(
        QString::fromLatin1(catalogue[static_cast<std::size_t>(r)].description));
  }
  for (int col = 0; col < columns.size(); ++col) {
    const amla::VariantResult& result = run.result(run.variants[static_cast<std::size_t>(col)]);
    for (int r = 0; r < metric_row_count(); ++r) {
      metrics_table_->setItem(r, col, metric_cell(catalogue[static_cast<std::size_t>(r)], result));
    }
    for (int c = 0; c < criteria_rows; ++c) {
      const auto& criterion = criteria[static_cast<std::size_t>(col)][static_cast<std::size_t>(c)];
      auto* item = verdict_cell(criterion.pass);
      const bool per_format = rows[metric_row_count() + c].endsWith(QLatin1String("(per format)"));
      if (per_format) {
        item->setText(item->text() + QStringLiteral(" (") +
                      QString::fromStdString(criterion.level).left(4) + QStringLiteral(")"));
      }
      item->setToolTip(
          QString::fromStdString(criterion.name + " " + criterion.level + ": " + criterion.detail));
      metrics_table_->setItem(metric_row_count() + c, col, item);
    }
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
