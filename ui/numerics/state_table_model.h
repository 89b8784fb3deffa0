#pragma once
// The AMLA scalars of one attention row, one line per KV block: running max m, n, dn, the
// residual c and its BF16 rounding c^, k, e, the INT32 addend N, the row sum l and whether the
// clamp engaged (then dn shows the clamped value applied, marked, and the dn it replaced).
#include <QAbstractTableModel>
#include <memory>

#include "core/numerics/numerics_run.h"

namespace amla::ui {

class StateTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    kM,
    kN,
    kDn,
    kC,
    kCHat,
    kK,
    kE,
    kAddendHex,
    kAddendDec,
    kL,
    kClamped,
    kColumnCount
  };

  explicit StateTableModel(QObject* parent = nullptr);

  void setRun(std::shared_ptr<const amla::NumericsRun> run);
  void setRow(int row);
  int row() const { return row_; }
  int attentionRows() const { return run_ ? run_->rows : 0; }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  std::shared_ptr<const amla::NumericsRun> run_;
  int row_ = 0;
};

}  // namespace amla::ui
