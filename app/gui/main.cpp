// AMLA Studio: opens the main window. With --screenshot FILE.png it waits for the default run,
// saves the window as an image and quits (for checking the GUI on a headless X server).
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>

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
  parser.process(app);

  amla::ui::MainWindow window;
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
    QObject::connect(window.numericsPage(), &amla::ui::NumericsPage::runCompleted, &window,
                     take_screenshot);
    QTimer::singleShot(kScreenshotTimeoutMs, &window,
                       [take_screenshot] { take_screenshot(false); });
  }
  return app.exec();
}
