#include "ui/numerics/pasa_state_model.h"

#include <QBrush>
#include <QColor>
#include <algorithm>

namespace amla::ui {

namespace {

struct ColumnInfo {
  const char* title;
  const char* meaning;
};

constexpr ColumnInfo kColumns[] = {
    {"shift c sbar", "c sbar_j = beta mu_j: how much the block's shift took off its scores"},
    {"sbar", "row mean of the shifted scores S'_j (taken before masking)"},
    {"abar", "running mean of the sbar so far: the shared reference is c abar"},
    {"d_new", "c (sbar_j - abar_j): brings this block's scores to the shared reference"},
    {"d_old", "c (abar_(j-1) - abar_j): moves the old state to the new reference"},
    {"m", "running max after the merge, relative to the reference"},
    {"l", "running row sum after the merge"},
    {"overflow", "a new inf/NaN appeared in this row during this block"},
};

}  // namespace

PasaStateModel::PasaStateModel(QObject* parent) : QAbstractTableModel(parent) {}

void PasaStateModel::setRun(std::shared_ptr<const amla::NumericsRun> run) {
  beginResetModel();
  run_ = std::move(run);
  if (run_ && !run_->has(amla::NumericsVariant::kPasa)) run_.reset();
  row_ = run_ ? std::clamp(row_, 0, std::max(run_->rows - 1, 0)) : 0;
  endResetModel();
}

void PasaStateModel::setRow(int row) {
  if (!run_) return;
  const int clamped = std::clamp(row, 0, std::max(run_->rows - 1, 0));
  if (clamped == row_) return;
  row_ = clamped;
  emit dataChanged(index(0, 0), index(rowCount() - 1, kColumnCount - 1));
}

int PasaStateModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() || !run_ || run_->rows == 0) return 0;
  return run_->kv_blocks;
}

int PasaStateModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumnCount;
}

QVariant PasaStateModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || !run_ || index.row() >= rowCount()) return {};
  const amla::PasaBlockState& s = run_->pasa_state(row_, index.row());
  if (role == Qt::TextAlignmentRole) {
    return index.column() == kOverflow ? int(Qt::AlignCenter)
                                       : int(Qt::AlignRight | Qt::AlignVCenter);
  }
  if (role == Qt::BackgroundRole && s.overflowed) return QBrush(QColor(0xff, 0xcd, 0xd2));
  if (role == Qt::ToolTipRole) return QString::fromLatin1(kColumns[index.column()].meaning);
  if (role != Qt::DisplayRole) return {};
  const auto g = [](float v) { return QString::number(static_cast<double>(v), 'g', 7); };
  switch (index.column()) {
    case kShift:
      return g(s.shift);
    case kRowMean:
      return g(s.row_mean);
    case kRunningMean:
      return g(s.running_mean);
    case kDNew:
      return g(s.d_new);
    case kDOld:
      return g(s.d_old);
    case kM:
      return g(s.m);
    case kL:
      return g(s.l);
    case kOverflow:
      return s.overflowed ? QStringLiteral("yes") : QStringLiteral("no");
  }
  return {};
}

QVariant PasaStateModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Horizontal) {
    if (section < 0 || section >= kColumnCount) return {};
    if (role == Qt::DisplayRole) return QString::fromLatin1(kColumns[section].title);
    if (role == Qt::ToolTipRole) return QString::fromLatin1(kColumns[section].meaning);
    return {};
  }
  if (role == Qt::DisplayRole) return QStringLiteral("block %1").arg(section);
  return {};
}

}  // namespace amla::ui
