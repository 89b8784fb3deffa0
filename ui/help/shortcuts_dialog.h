#pragma once
// Help > Keyboard shortcuts: every shortcut of the menus (read from the menu bar itself), the
// timeline's keys (from the table its key handler uses) and the mouse gestures of the views.
#include <QDialog>

class QMenuBar;
class QTableWidget;

namespace amla::ui {

class ShortcutsDialog : public QDialog {
  Q_OBJECT

 public:
  enum Column { kKeys, kAction, kWhere, kColumnCount };

  explicit ShortcutsDialog(const QMenuBar* menus, QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }

 private:
  void addRow(const QString& keys, const QString& action, const QString& where);

  QTableWidget* table_;
};

}  // namespace amla::ui
