#pragma once
// The accuracy of one run at a glance: the chosen variants side by side against the FP64 golden,
// every metric of the numerics catalogue and every criterion by name and level (spec
// amla-numerics.md, section 6), and how AMLA's integer adds were classified.
#include <QWidget>

#include "core/numerics/numerics_run.h"

class QLabel;
class QTableWidget;

namespace amla::ui {

class MetricsView : public QWidget {
  Q_OBJECT

 public:
  explicit MetricsView(QWidget* parent = nullptr);

  void setRun(const amla::NumericsRun& run);
  void clear();

  QTableWidget* metricsTable() const { return metrics_table_; }
  QTableWidget* classTable() const { return class_table_; }

 private:
  QTableWidget* metrics_table_;
  QTableWidget* class_table_;
  QLabel* summary_label_;
};

}  // namespace amla::ui
