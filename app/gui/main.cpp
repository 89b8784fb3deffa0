// AMLA Studio: opens the main window. With --screenshot FILE.png it waits for the default run
// (or, with --lesson, for the lesson step's runs), saves the window as an image and quits (for
// checking the GUI on a headless X server).
#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QStringList>
#include <QTabWidget>
#include <QTimer>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>

#include "core/common/input_error.h"
#include "core/common/version.h"
#include "core/kernel/kernel_pseudocode.h"
#include "core/lesson/lesson_file.h"
#include "core/session/studio_session.h"
#include "ui/lesson/lesson_controller.h"
#include "ui/main_window.h"
#include "ui/numerics/numerics_page.h"
#include "ui/serving/serving_page.h"
#include "ui/timeline/pseudocode_panel.h"

namespace {

// Time allowed for the default run before the screenshot is taken anyway.
constexpr int kScreenshotTimeoutMs = 120000;
// Lets the heatmaps and tables repaint after the results arrive.
constexpr int kSettleMs = 300;

QString page_names() {
  QStringList names;
  for (const char* page : amla::kStudioPages) names << QString::fromLatin1(page);
  return names.join(QStringLiteral(", "));
}

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
      QStringLiteral("Show this page first: ") + page_names() + QStringLiteral("."),
      QStringLiteral("NAME")};
  QCommandLineOption lesson{
      QStringLiteral("lesson"),
      QStringLiteral("Open this lesson (amla-cli lesson list names them) in the Lesson panel."),
      QStringLiteral("ID")};
  QCommandLineOption step{QStringLiteral("step"),
                          QStringLiteral("With --lesson: open at this step (1 = the first)."),
                          QStringLiteral("K")};
  QCommandLineOption import{
      QStringLiteral("import"),
      QStringLiteral("Open this profile (msprof trace or CSV) as the run instead of simulating "
                     "the default case."),
      QStringLiteral("FILE")};
  QCommandLineOption code_line{
      QStringLiteral("code-line"),
      QStringLiteral("Light line N of the kernel's pseudo-code (1 = first): its ops stand out on "
                     "the timeline."),
      QStringLiteral("N")};
  QCommandLineOption memory_budget{
      QStringLiteral("memory-budget-mb"),
      QStringLiteral("The most memory a simulation may allocate (default: half the available "
                     "memory). A run whose trace would not fit keeps only its metrics."),
      QStringLiteral("MB")};

  CommandLine() {
    parser.setApplicationDescription(
        QStringLiteral("AMLA Studio: see what AMLA's MUL-by-ADD rescaling does to attention."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(screenshot);
    parser.addOption(page);
    parser.addOption(import);
    parser.addOption(lesson);
    parser.addOption(step);
    parser.addOption(code_line);
    parser.addOption(memory_budget);
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

  // A page name is checked before the window system is asked for, so a typo is an error on any
  // terminal, with or without a display.
  int page_index = -1;
  if (command_line.parser.isSet(command_line.page)) {
    const QString page = command_line.parser.value(command_line.page);
    for (std::size_t i = 0; i < amla::kStudioPages.size(); ++i) {
      if (page.compare(QLatin1String(amla::kStudioPages[i]), Qt::CaseInsensitive) == 0) {
        page_index = static_cast<int>(i);
      }
    }
    if (page_index < 0) {
      std::fprintf(stderr, "amla-studio: --page: %s (one of %s)\n", qPrintable(page),
                   qPrintable(page_names()));
      return 2;
    }
  }

  // The lesson and its step, checked like the page: before any display is needed.
  QString lesson_id;
  int lesson_step = 1;
  if (command_line.parser.isSet(command_line.step) &&
      !command_line.parser.isSet(command_line.lesson)) {
    std::fprintf(stderr, "amla-studio: --step: %s (only with --lesson ID)\n",
                 qPrintable(command_line.parser.value(command_line.step)));
    return 2;
  }
  if (command_line.parser.isSet(command_line.lesson)) {
    lesson_id = command_line.parser.value(command_line.lesson);
    const amla::Lesson* lesson = nullptr;
    try {
      lesson = &amla::require_lesson("--lesson", lesson_id.toStdString());
    } catch (const amla::InputError& e) {
      std::fprintf(stderr, "amla-studio: %s\n", e.what());
      return 2;
    }
    const int steps = static_cast<int>(lesson->steps.size());
    if (command_line.parser.isSet(command_line.step)) {
      const QString text = command_line.parser.value(command_line.step);
      bool ok = false;
      lesson_step = text.toInt(&ok);
      if (!ok || lesson_step < 1 || lesson_step > steps) {
        std::fprintf(stderr, "amla-studio: --step: %s (lesson %s has steps 1 to %d)\n",
                     qPrintable(text), qPrintable(lesson_id), steps);
        return 2;
      }
    }
  }
  // The longest listing bounds the line number; the run's own listing is chosen after the run.
  int code_line = 0;
  if (command_line.parser.isSet(command_line.code_line)) {
    const int lines = static_cast<int>(
        std::max(amla::kernel_pseudocode(amla::KernelVariant::kAmla).lines.size(),
                 amla::kernel_pseudocode(amla::KernelVariant::kBaseline).lines.size()));
    bool ok = false;
    code_line = command_line.parser.value(command_line.code_line).toInt(&ok);
    if (!ok || code_line < 1 || code_line > lines) {
      std::fprintf(stderr, "amla-studio: --code-line: %s (a line from 1 to %d)\n",
                   qPrintable(command_line.parser.value(command_line.code_line)), lines);
      return 2;
    }
  }

  // The same bounds as amla-cli's --memory-budget-mb.
  std::uint64_t memory_budget_bytes = 0;
  if (command_line.parser.isSet(command_line.memory_budget)) {
    const QString text = command_line.parser.value(command_line.memory_budget);
    bool ok = false;
    const qlonglong mb = text.toLongLong(&ok);
    if (!ok || mb < 1 || mb > (1LL << 30)) {
      std::fprintf(stderr,
                   "amla-studio: --memory-budget-mb: %s (a whole number of MiB from 1 to %lld)\n",
                   qPrintable(text), 1LL << 30);
      return 2;
    }
    memory_budget_bytes = static_cast<std::uint64_t>(mb) << 20;
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
  parser.process(app);

  const bool importing = parser.isSet(command_line.import);
  const bool in_lesson = !lesson_id.isEmpty();
  // A lesson's step runs what it needs; the default runs would only be cancelled.
  amla::ui::MainWindow window(!importing && !in_lesson);
  window.setMemoryBudget(memory_budget_bytes);  // before the default run starts
  if (importing) window.importProfile(parser.value(command_line.import));
  if (page_index >= 0) window.pages()->setCurrentIndex(page_index);
  const bool serving_first =
      page_index >= 0 && QLatin1String(amla::kStudioPages[static_cast<std::size_t>(page_index)]) ==
                             QLatin1String("Serving");
  if (serving_first) QTimer::singleShot(0, window.servingPage(), &amla::ui::ServingPage::run);
  if (code_line > 0) {
    QObject::connect(&window, &amla::ui::MainWindow::simulationFinished, &window,
                     [&window, code_line](bool ok) {
                       auto* code = window.findChild<amla::ui::PseudocodePanel*>();
                       if (ok && code != nullptr) code->activateLine(code_line - 1);
                     });
  }
  window.show();
  if (in_lesson) window.lessons()->open(lesson_id, lesson_step);  // checked above

  if (parser.isSet(screenshot_option) && in_lesson) {
    const QString path = parser.value(screenshot_option);
    auto shoot = [&window, path](bool ok) {
      QTimer::singleShot(kSettleMs, &window, [&window, path, ok] {
        const bool saved = window.grab().save(path, "PNG");
        if (!saved) std::fprintf(stderr, "amla-studio: cannot write %s\n", qPrintable(path));
        if (!ok) std::fprintf(stderr, "amla-studio: the lesson step's runs did not finish\n");
        QApplication::exit(saved && ok ? 0 : 1);
      });
    };
    if (window.lessons()->applying()) {
      QObject::connect(window.lessons(), &amla::ui::LessonController::stepApplied, &window,
                       [shoot] { shoot(true); });
      QTimer::singleShot(kScreenshotTimeoutMs, &window, [shoot] { shoot(false); });
    } else {
      shoot(true);
    }
  } else if (parser.isSet(screenshot_option)) {
    const QString path = parser.value(screenshot_option);
    auto take_screenshot = [&window, path](bool run_ok) {
      QTimer::singleShot(kSettleMs, &window, [&window, path, run_ok] {
        const bool saved = window.grab().save(path, "PNG");
        if (!saved) std::fprintf(stderr, "amla-studio: cannot write %s\n", qPrintable(path));
        if (!run_ok) std::fprintf(stderr, "amla-studio: the default run did not finish\n");
        QApplication::exit(saved && run_ok ? 0 : 1);
      });
    };
    // The default runs (the simulation and the numerics; the Serving page's when it is shown),
    // or the import, on screen first.
    auto pending = std::make_shared<int>((importing ? 1 : 2) + (serving_first ? 1 : 0));
    auto all_ok = std::make_shared<bool>(true);
    auto one_done = [pending, all_ok, take_screenshot](bool ok) {
      *all_ok = *all_ok && ok;
      if (--*pending == 0) take_screenshot(*all_ok);
    };
    QObject::connect(window.numericsPage(), &amla::ui::NumericsPage::runCompleted, &window,
                     one_done);
    QObject::connect(&window, &amla::ui::MainWindow::simulationFinished, &window, one_done);
    QObject::connect(window.servingPage(), &amla::ui::ServingPage::runFinished, &window,
                     [one_done] { one_done(true); });
    QTimer::singleShot(kScreenshotTimeoutMs, &window,
                       [take_screenshot] { take_screenshot(false); });
  }
  return app.exec();
}
