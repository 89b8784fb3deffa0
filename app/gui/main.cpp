// AMLA Studio: opens the main window. With --screenshot FILE.png it waits for the default run,
// saves the window as an image and quits (for checking the GUI on a headless X server).
#include <QApplication>
#include <QCommandLineParser>
#include <QTabWidget>
#include <QTimer>
#include <cstdio>
#include <memory>

#include "ui/main_window.h"
#include "ui/numerics/numerics_page.h"

namespace {

// Time allowed for the default run before the screenshot is taken anyway.
constexpr int kScreenshotTimeoutMs = 120000;
// Lets the heatmaps and tables repaint after the results arrive.
constexpr int kSettleMs = 300;

}  // namespace

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("amla-studio"));
  QApplication::setOrganizationName(QStringLiteral("AMLA Studio"));
  QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("AMLA Studio: see what AMLA's MUL-by-ADD rescaling does to attention."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption screenshot_option(
      QStringLiteral("screenshot"),
      QStringLiteral("Render the window to FILE (PNG) after the default run, then quit."),
      QStringLiteral("FILE"));
  parser.addOption(screenshot_option);
  const QCommandLineOption page_option(
      QStringLiteral("page"),
      QStringLiteral("Show this page first: Timeline, Buffers, Summary or Numerics."),
      QStringLiteral("NAME"));
  parser.addOption(page_option);
  parser.process(app);

  amla::ui::MainWindow window;
  if (parser.isSet(page_option)) {
    const QString page = parser.value(page_option);
    for (int i = 0; i < window.pages()->count(); ++i) {
      if (window.pages()->tabText(i).compare(page, Qt::CaseInsensitive) == 0) {
        window.pages()->setCurrentIndex(i);
      }
    }
  }
  window.show();

  if (parser.isSet(screenshot_option)) {
    const QString path = parser.value(screenshot_option);
    auto take_screenshot = [&window, path](bool run_ok) {
      QTimer::singleShot(kSettleMs, &window, [&window, path, run_ok] {
        const bool saved = window.grab().save(path, "PNG");
        if (!saved) std::fprintf(stderr, "amla-studio: cannot write %s\n", qPrintable(path));
        if (!run_ok) std::fprintf(stderr, "amla-studio: the default run did not finish\n");
        QApplication::exit(saved && run_ok ? 0 : 1);
      });
    };
    // Both default runs (the simulation and the numerics) must be on screen first.
    auto pending = std::make_shared<int>(2);
    auto all_ok = std::make_shared<bool>(true);
    auto one_done = [pending, all_ok, take_screenshot](bool ok) {
      *all_ok = *all_ok && ok;
      if (--*pending == 0) take_screenshot(*all_ok);
    };
    QObject::connect(window.numericsPage(), &amla::ui::NumericsPage::runCompleted, &window,
                     one_done);
    QObject::connect(&window, &amla::ui::MainWindow::simulationFinished, &window, one_done);
    QTimer::singleShot(kScreenshotTimeoutMs, &window,
                       [take_screenshot] { take_screenshot(false); });
  }
  return app.exec();
}
