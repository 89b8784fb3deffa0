#include "ui/help/shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/timeline/timeline_keys.h"

namespace amla::ui {

namespace {

QString plain(QString menu_text) { return menu_text.remove(QLatin1Char('&')); }

// Menu actions with a shortcut, depth first, with the path of the menu they sit in
// ("File > Export").
void collect(const QMenu* menu, const QString& path, QList<QPair<const QAction*, QString>>* out) {
  for (const QAction* action : menu->actions()) {
    if (action->menu()) {
      collect(action->menu(), path + QStringLiteral(" > ") + plain(action->menu()->title()), out);
    } else if (!action->shortcut().isEmpty()) {
      out->append({action, path});
    }
  }
}

}  // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar* menus, QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("shortcutsDialog"));
  setWindowTitle(tr("Keyboard shortcuts"));
  table_ = new QTableWidget(0, kColumnCount, this);
  table_->setObjectName(QStringLiteral("shortcutsTable"));
  table_->setHorizontalHeaderLabels({tr("Keys"), tr("Does"), tr("Where")});
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->setFocusPolicy(Qt::NoFocus);
  table_->verticalHeader()->hide();
  table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->setWordWrap(false);
  table_->setAlternatingRowColors(true);

  QList<QPair<const QAction*, QString>> actions;
  for (const QAction* top : menus->actions()) {
    if (top->menu()) collect(top->menu(), plain(top->menu()->title()), &actions);
  }
  QSet<QString> taken;
  for (const auto& [action, menu] : actions) {
    const QString keys = action->shortcut().toString(QKeySequence::NativeText);
    taken.insert(keys);
    addRow(keys, plain(action->text()).remove(QStringLiteral("...")), tr("%1 menu").arg(menu));
  }
  // A key the menus already take (Alt+Left) reaches the menu first: listed once, there.
  for (const TimelineKey& key : timeline_keys()) {
    if (!taken.contains(key_text(key))) {
      addRow(key_text(key), QString::fromLatin1(key.what), tr("Timeline"));
    }
  }
  for (const MouseGesture& g : timeline_mouse_gestures()) {
    addRow(QString::fromLatin1(g.gesture), QString::fromLatin1(g.what), tr("Timeline (mouse)"));
  }
  const struct {
    const char* gesture;
    const char* what;
    const char* where;
  } others[] = {
      {"Ctrl+wheel", "Zoom in or out at the mouse cursor", "Buffers (mouse)"},
      {"Drag", "Pan in time", "Buffers (mouse)"},
      {"Click a cell", "Open that cell's run in the studio", "Sweep (mouse)"},
      {"Click a heatmap cell", "Load that value into the bit view", "Numerics (mouse)"},
      {"Click a bit", "Toggle it", "Numerics (mouse)"},
  };
  for (const auto& o : others) {
    addRow(QString::fromLatin1(o.gesture), QString::fromLatin1(o.what),
           QString::fromLatin1(o.where));
  }
  // Keys and place as wide as they need; what they do takes the rest (and elides).
  table_->horizontalHeader()->setSectionResizeMode(kKeys, QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(kAction, QHeaderView::Stretch);
  table_->horizontalHeader()->setSectionResizeMode(kWhere, QHeaderView::ResizeToContents);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(table_, 1);
  layout->addWidget(buttons);
  resize(780, 600);
}

void ShortcutsDialog::addRow(const QString& keys, const QString& action, const QString& where) {
  const int row = table_->rowCount();
  table_->insertRow(row);
  table_->setItem(row, kKeys, new QTableWidgetItem(keys));
  table_->setItem(row, kAction, new QTableWidgetItem(action));
  table_->setItem(row, kWhere, new QTableWidgetItem(where));
}

}  // namespace amla::ui
