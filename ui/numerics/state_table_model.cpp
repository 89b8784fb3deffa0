#include "ui/numerics/state_table_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <algorithm>

#include "core/numerics/float_bits.h"

namespace amla::ui {

namespace {

QString g9(double v) { return QString::number(v, 'g', 9); }

const char* column_title(int column) {
  switch (column) {
    case StateTableModel::kM:
      return "m";
    case StateTableModel::kN:
      return "n";
    case StateTableModel::kDn:
      return "dn";
    case StateTableModel::kC:
      return "c";
    case StateTableModel::kCHat:
      return "c^";
    case StateTableModel::kK:
      return "k";
    case StateTableModel::kE:
      return "e";
    case StateTableModel::kAddendHex:
      return "N (hex)";
    case StateTableModel::kAddendDec:
      return "N";
    case StateTableModel::kL:
      return "l";
    case StateTableModel::kClamped:
      return "clamped";
  }
  return "";
}

const char* column_meaning(int column) {
  switch (column) {
    case StateTableModel::kM:
      return "running max of the scaled scores";
    case StateTableModel::kN:
      return "n = round(-m / ln2), half away from zero";
    case StateTableModel::kDn:
      return "dn = n_i - n_(i-1): the power of two applied to old O; where the clamp engaged, "
             "the clamp value applied and the dn it replaced";
    case StateTableModel::kC:
      return "residual factor c = exp(m + n ln2)";
    case StateTableModel::kCHat:
      return "c rounded to BF16 (what multiplies P)";
    case StateTableModel::kK:
      return "k = c / c^";
    case StateTableModel::kE:
      return "e = k_(i-1) / k_i - 1: mismatch left by rounding c";
    case StateTableModel::kAddendHex:
      return "INT32 addend N as a bit pattern";
    case StateTableModel::kAddendDec:
      return "N = round((max(dn, clamp) + 1.5 e + eps) 2^23)";
    case StateTableModel::kL:
      return "running row sum";
    case StateTableModel::kClamped:
      return "whether the clamp engaged: dn was below the clamp value and the clamp value was "
             "applied instead";
  }
  return "";
}

}  // namespace

StateTableModel::StateTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void StateTableModel::setRun(std::shared_ptr<const amla::NumericsRun> run) {
  beginResetModel();
  run_ = std::move(run);
  row_ = run_ ? std::clamp(row_, 0, std::max(run_->rows - 1, 0)) : 0;
  endResetModel();
}

void StateTableModel::setRow(int row) {
  if (!run_) return;
  const int clamped = std::clamp(row, 0, std::max(run_->rows - 1, 0));
  if (clamped == row_) return;
  row_ = clamped;
  emit dataChanged(index(0, 0), index(rowCount() - 1, kColumnCount - 1));
}

int StateTableModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() || !run_ || run_->rows == 0) return 0;
  return run_->kv_blocks;
}

int StateTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumnCount;
}

QVariant StateTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || !run_ || index.row() >= rowCount()) return {};
  const amla::RowBlockState& s = run_->state(row_, index.row());
  if (role == Qt::TextAlignmentRole) {
    return index.column() == kClamped ? int(Qt::AlignCenter)
                                      : int(Qt::AlignRight | Qt::AlignVCenter);
  }
  const int clamp_value = run_->switches.clamp_value;
  const bool clamp_cell = s.clamped && (index.column() == kDn || index.column() == kClamped);
  if (role == Qt::BackgroundRole && s.clamped) return QBrush(QColor(0xff, 0xe0, 0xb2));
  if (role == Qt::ForegroundRole && clamp_cell) return QBrush(QColor(0x8a, 0x3c, 0x00));
  if (role == Qt::FontRole && clamp_cell) {
    QFont bold;
    bold.setBold(true);
    return bold;
  }
  if (role == Qt::ToolTipRole) {
    const QString meaning = QString::fromLatin1(column_meaning(index.column()));
    if (!s.clamped) return meaning;
    return QStringLiteral("clamp engaged: dn %1 -> %2\n%3").arg(s.dn).arg(clamp_value).arg(meaning);
  }
  // The raw dn, for sorting and automation.
  if (role == Qt::UserRole && index.column() == kDn) return s.dn;
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case kM:
      return g9(s.m);
    case kN:
      return s.n;
    case kDn:
      // The value the add applied, marked, with the dn it replaced.
      if (s.clamped) return QStringLiteral("%1 (clamped from %2)").arg(clamp_value).arg(s.dn);
      return s.dn;
    case kC:
      return g9(s.c);
    case kCHat:
      return g9(s.c_hat);
    case kK:
      return g9(s.k);
    case kE:
      return g9(s.e);
    case kAddendHex:
      return QString::fromStdString(amla::hex32(static_cast<std::uint32_t>(s.N)));
    case kAddendDec:
      return QString::number(s.N);
    case kL:
      return g9(s.l);
    case kClamped:
      if (s.clamped) return QStringLiteral("engaged: dn %1 -> %2").arg(s.dn).arg(clamp_value);
      return run_->switches.clamp ? QStringLiteral("no") : QStringLiteral("off");
  }
  return {};
}

QVariant StateTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Horizontal) {
    if (role == Qt::DisplayRole) return QString::fromLatin1(column_title(section));
    if (role == Qt::ToolTipRole) return QString::fromLatin1(column_meaning(section));
    return {};
  }
  if (role == Qt::DisplayRole) return QStringLiteral("block %1").arg(section);
  return {};
}

}  // namespace amla::ui
