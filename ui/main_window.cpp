#include "ui/main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

#include "ui/common/export_dialog.h"
#include "ui/common/plot_source.h"
#include "ui/numerics/numerics_page.h"

namespace amla::ui {

namespace {

QSettings app_settings() {
  return QSettings(QStringLiteral("AMLA Studio"), QStringLiteral("amla-studio"));
}

}  // namespace

MainWindow::MainWindow(bool run_default_case, QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("AMLA Studio"));
  pages_ = new QTabWidget(this);
  pages_->setDocumentMode(true);
  numerics_page_ = new NumericsPage(pages_);
  pages_->addTab(numerics_page_, tr("Numerics"));
  setCentralWidget(pages_);

  QMenu* file_menu = menuBar()->addMenu(tr("&File"));
  QAction* export_action = file_menu->addAction(tr("&Export current plot..."));
  export_action->setShortcut(QKeySequence(tr("Ctrl+E")));
  connect(export_action, &QAction::triggered, this, &MainWindow::exportCurrentPlot);
  file_menu->addSeparator();
  QAction* quit_action = file_menu->addAction(tr("&Quit"));
  quit_action->setShortcut(QKeySequence::Quit);
  connect(quit_action, &QAction::triggered, this, &QWidget::close);

  resize(1600, 1000);
  const QByteArray geometry = app_settings().value(QStringLiteral("window/geometry")).toByteArray();
  if (!geometry.isEmpty()) restoreGeometry(geometry);

  if (run_default_case) QTimer::singleShot(0, numerics_page_, &NumericsPage::startRun);
}

void MainWindow::exportCurrentPlot() {
  auto* source = dynamic_cast<PlotSource*>(pages_->currentWidget());
  QwtPlot* plot = source ? source->currentPlot() : nullptr;
  if (plot == nullptr) {
    QMessageBox::information(this, tr("Export"), tr("This page has no plot to export."));
    return;
  }
  open_export_dialog(plot, this);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  app_settings().setValue(QStringLiteral("window/geometry"), saveGeometry());
  numerics_page_->cancelRun();
  QMainWindow::closeEvent(event);
}

}  // namespace amla::ui
