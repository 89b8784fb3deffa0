// AMLA Studio: opens the main window. With --screenshot FILE.png it waits for the default run,
// saves the window as an image and quits (for checking the GUI on a headless X server).
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QTabWidget>
#include <QTimer>
#include <cstdio>
#include <memory>

#include "core/common/version.h"
#include "ui/main_window.h"
#include "ui/numerics/numerics_page.h"

namespace {

// Time allowed for the default run before the screenshot is taken anyway.
constexpr int kScreenshotTimeoutMs = 120000;
// Lets the heatmaps and tables repaint after the results arrive.
constexpr int kSettleMs = 300;

// The command line; parsed twice: once without an application object to see whether it only
// prints (--help, --version), then for real.
struct CommandLine {
  QCommandLineParser parser;
  QCommandLineOption screenshot{
      QStringLiteral("screenshot"),
      QStringLiteral("Render the window to FILE (PNG) after the default run, then quit."),
      QStringLiteral("FILE")};
  QCommandLineOption page{
      QStringLiteral("page"),
      QStringLiteral("Show this page first: Timeline, Buffers, Summary or Numerics."),
      QStringLiteral("NAME")};
  QCommandLineOption import{
      QStringLiteral("import"),
      QStringLiteral("Open this profile (msprof trace or CSV) as the run instead of simulating "
                     "the default case."),
      QStringLiteral("FILE")};

  CommandLine() {
    parser.setApplicationDescription(
        QStringLiteral("AMLA Studio: see what AMLA's MUL-by-ADD rescaling does to attention."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(screenshot);
    parser.addOption(page);
    parser.addOption(import);
  }

  bool only_prints(int argc, char* argv[]) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);
    if (!parser.parse(arguments)) return false;
    for (const char* name : {"version", "help", "help-all"}) {
      if (parser.isSet(QString::fromLatin1(name))) return true;
    }
    return false;
  }
};

}  // namespace

int main(int argc, char* argv[]) {
  QCoreApplication::setApplicationName(QStringLiteral("amla-studio"));
  QCoreApplication::setOrganizationName(QStringLiteral("AMLA Studio"));
  QCoreApplication::setApplicationVersion(QString::fromLatin1(amla::version_string()));

  CommandLine command_line;
  // QApplication connects to the window system and aborts without a display; printing the
  // version or the help must not need one.
  if (command_line.only_prints(argc, argv)) {
    QCoreApplication app(argc, argv);
    command_line.parser.process(app);  // prints and exits
    return 0;
  }

  QApplication app(argc, argv);
  // Installed, desktops match the window to amla-studio.desktop and it shows the packaged icon:
  // the theme's, else the SVG under the prefix (without a desktop there is no theme to ask).
  QGuiApplication::setDesktopFileName(QStringLiteral("amla-studio"));
  const QString prefix_icon =
      QCoreApplication::applicationDirPath() +
      QStringLiteral("/../share/icons/hicolor/scalable/apps/amla-studio.svg");
  QApplication::setWindowIcon(
      QIcon::fromTheme(QStringLiteral("amla-studio"),
                       QFileInfo::exists(prefix_icon) ? QIcon(prefix_icon) : QIcon()));
  QCommandLineParser& parser = command_line.parser;
  const QCommandLineOption& screenshot_option = command_line.screenshot;
  const QCommandLineOption& page_option = command_line.page;
  parser.process(app);

  const bool importing = parser.isSet(command_line.import);
  amla::ui::MainWindow window(!importing);
  if (importing) window.importProfile(parser.value(command_line.import));
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
    // Both default runs (the simulation and the numerics), or the import, on screen first.
    auto pending = std::make_shared<int>(importing ? 1 : 2);
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
