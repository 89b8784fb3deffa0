#pragma once
// PASA's terms for one attention row, one line per KV block: the shift the block's K' = M K
// removed from its scores (c sbar = beta mu), the shifted row mean sbar, the running mean abar,
// the recovery terms d_new and d_old, the running max m and row sum l after the merge, and
// whether a new inf/NaN appeared in that block.
#include <QAbstractTableModel>
#include <memory>

#include "core/numerics/numerics_run.h"

namespace amla::ui {

class PasaStateModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { kShift, kRowMean, kRunningMean, kDNew, kDOld, kM, kL, kOverflow, kColumnCount };

  explicit PasaStateModel(QObject* parent = nullptr);

  // Empty when the run did not include PASA.
  void setRun(std::shared_ptr<const amla::NumericsRun> run);
  void setRow(int row);

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
