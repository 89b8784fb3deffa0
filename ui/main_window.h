#pragma once
// The application window: one tab per page (for now Numerics), File > Export current plot and
// Quit, and the window geometry remembered between sessions.
#include <QMainWindow>

class QTabWidget;

namespace amla::ui {

class NumericsPage;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  // With run_default_case the Numerics page starts its default run once the event loop runs.
  explicit MainWindow(bool run_default_case = true, QWidget* parent = nullptr);

  NumericsPage* numericsPage() const { return numerics_page_; }
  QTabWidget* pages() const { return pages_; }

 public slots:
  void exportCurrentPlot();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  QTabWidget* pages_;
  NumericsPage* numerics_page_;
};

}  // namespace amla::ui
