// The Lesson panel on Qt's offscreen platform: a lesson's steps set the page, the configuration
// and the view they declare (also when stepped with Page Down / Page Up from the timeline),
// links navigate, the text's numbers come from the step's run, and closing the lesson brings
// back the user's own session exactly as it was.
#include <gtest/gtest.h>

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include "core/hw/hardware_presets.h"
#include "core/lesson/lesson_file.h"
#include "core/numerics/float_bits.h"
#include "ui/common/time_range_control.h"
#include "ui/compare/ab_state.h"
#include "ui/lesson/lesson_controller.h"
#include "ui/lesson/lesson_panel.h"
#include "ui/lesson/lesson_slides.h"
#include "ui/main_window.h"
#include "ui/numerics/bit_view.h"
#include "ui/numerics/numerics_page.h"
#include "ui/numerics/run_controls.h"
#include "ui/studio/config_panel.h"
#include "ui/studio/numerics_session.h"
#include "ui/studio/session_controller.h"
#include "ui/sweep/sweep_page.h"
#include "ui/timeline/pseudocode_panel.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {
namespace {

constexpr int kWaitMs = 180000;

std::string page_of(const MainWindow& w) {
  return w.pages()->tabText(w.pages()->currentIndex()).toStdString();
}

std::string config_json(const amla::RunConfig& c) { return amla::run_config_to_json(c).dump(); }

const amla::LessonStep& step_of(const char* id, int step) {
  return amla::require_lesson("test", id).steps[static_cast<std::size_t>(step - 1)];
}

bool wait_step(MainWindow& w) {
  if (!w.lessons()->applying()) return true;
  QSignalSpy applied(w.lessons(), &LessonController::stepApplied);
  return applied.wait(kWaitMs);
}

// The user's own session: a small run pinned as A, then another configuration, a zoom, the
// Sweep page, edited numerics fields and bit view, unsaved changes.
void set_up_user_session(MainWindow& w) {
  amla::RunConfig config;
  config.hardware = amla::find_preset("910B2");
  config.kernel.problem.batch = 2;
  config.kernel.problem.kv_len = 2048;
  w.configPanel()->setConfig(config);
  QSignalSpy done(&w, &MainWindow::simulationFinished);
  w.startSimulation();
  ASSERT_TRUE(done.wait(kWaitMs));
  w.pinRunAsA();
  config.kernel.tiling.preload = 1;
  w.configPanel()->setConfig(config);
  w.startSimulation();
  ASSERT_TRUE(done.wait(kWaitMs));
  const auto [t0, t1] = w.timeControl()->range();
  w.timeControl()->requestRange(t0 + (t1 - t0) * 0.25, t0 + (t1 - t0) * 0.5);
  w.pages()->setCurrentWidget(w.sweepPage());
  amla::NumericsPageState numerics = w.numericsSession()->capture();
  numerics.inputs.rows = 32;
  numerics.inputs.kv_len = 1024;
  numerics.switches.compensation = false;
  numerics.bit_value = 0x40490FDBu;  // pi
  numerics.bit_shift = 5;
  NumericsRequest request;
  request.spec = numerics.inputs;
  request.config.switches = numerics.switches;
  request.config.blocking = w.configPanel()->draft().kernel.tiling.blocking;
  w.numericsPage()->controls()->setRequest(request);
  amla::BitProbe probe;
  probe.input_bits = numerics.bit_value;
  probe.shift = numerics.bit_shift;
  w.numericsPage()->bitView()->setProbe(probe);
  w.session()->setModified(true);
}

TEST(LessonPanelTest, StepsApplyWhatTheyDeclareAndClosingRestoresTheUsersSession) {
  MainWindow window(false);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
  set_up_user_session(window);
  const nlohmann::json before = amla::session_to_json(window.currentSession());
  ASSERT_TRUE(before.contains("pinned_a"));
  ASSERT_EQ(before.at("view").at("page"), "Sweep");

  // Help > Lessons shows the panel with its contents; no lesson is open yet.
  window.lessons()->lessonsAction()->trigger();
  EXPECT_TRUE(window.lessons()->dock()->isVisible());
  EXPECT_FALSE(window.lessons()->isOpen());

  ASSERT_EQ(window.lessons()->open(QStringLiteral("multiply-cost")), QString());
  ASSERT_TRUE(wait_step(window));
  EXPECT_EQ(page_of(window), step_of("multiply-cost", 1).page);
  EXPECT_EQ(config_json(window.configPanel()->draft()),
            config_json(step_of("multiply-cost", 1).config));
  EXPECT_TRUE(window.lessons()->panel()->progressLabel()->text().contains("step 1 of 3"));
  EXPECT_FALSE(window.lessons()->panel()->previousButton()->isEnabled());

  // Page Down with the timeline focused: the timeline's own keys do not take it.
  window.timeline()->setFocus();
  QTest::keyClick(window.timeline(), Qt::Key_PageDown);
  ASSERT_TRUE(wait_step(window));
  EXPECT_EQ(window.lessons()->step(), 1);
  const amla::LessonStep& second = step_of("multiply-cost", 2);
  EXPECT_EQ(page_of(window), second.page);
  ASSERT_TRUE(window.lastRun());
  EXPECT_EQ(config_json({window.lastRun()->hardware, window.lastRun()->config}),
            config_json(second.config));
  ASSERT_TRUE(second.view.range_us);
  const double cycles_per_us = 1000.0 * second.config.hardware.clock_ghz;
  const auto range = window.timeControl()->range();
  EXPECT_NEAR(range.first, (*second.view.range_us)[0] * cycles_per_us, 1.0);
  EXPECT_NEAR(range.second, (*second.view.range_us)[1] * cycles_per_us, 1.0);
  for (int core : second.view.expanded_cores) EXPECT_TRUE(window.timeline()->coreExpanded(core));
  // Every code line the step names is lit, not only the first.
  const auto* code = window.findChild<PseudocodePanel*>();
  ASSERT_NE(code, nullptr);
  ASSERT_GE(second.highlight_code_lines.size(), 2u);
  EXPECT_EQ(code->activeLines(), second.highlight_code_lines);

  QTest::keyClick(window.timeline(), Qt::Key_PageDown);
  ASSERT_TRUE(wait_step(window));
  EXPECT_EQ(window.lessons()->step(), 2);
  EXPECT_EQ(window.lastRun()->config.variant, step_of("multiply-cost", 3).config.kernel.variant);
  EXPECT_FALSE(window.lessons()->panel()->nextButton()->isEnabled());
  // Past the last step Page Down does nothing.
  QTest::keyClick(window.timeline(), Qt::Key_PageDown);
  EXPECT_EQ(window.lessons()->step(), 2);

  // Page Up from the panel's text; whatever was clicked meanwhile, the step replays the same.
  window.timeline()->setVisibleRange(0, 10);
  window.pages()->setCurrentWidget(window.numericsPage());
  window.lessons()->panel()->textView()->setFocus();
  QTest::keyClick(window.lessons()->panel()->textView(), Qt::Key_PageUp);
  ASSERT_TRUE(wait_step(window));
  EXPECT_EQ(window.lessons()->step(), 1);
  EXPECT_EQ(page_of(window), second.page);
  EXPECT_EQ(window.timeControl()->range(), range);
  EXPECT_EQ(config_json({window.lastRun()->hardware, window.lastRun()->config}),
            config_json(second.config));

  // The text's numbers are the run's: no reference left unfilled, no placeholder.
  const QString text = window.lessons()->panel()->textView()->toPlainText();
  EXPECT_FALSE(text.contains(QLatin1Char('{'))) << text.toStdString();
  EXPECT_FALSE(text.contains(QChar(0x2026))) << text.toStdString();

  // Another lesson (a link's target) while one is open: its step sets the Numerics page.
  ASSERT_EQ(window.lessons()->open(QStringLiteral("bit-identity"), 3), QString());
  ASSERT_TRUE(wait_step(window));
  const amla::LessonStep& bits = step_of("bit-identity", 3);
  EXPECT_EQ(page_of(window), "Numerics");
  EXPECT_EQ(window.numericsPage()->bitView()->probe().shift, bits.view.bits->shift);
  EXPECT_EQ(window.numericsPage()->bitView()->probe().input_bits,
            amla::bits_of(bits.view.bits->value));
  EXPECT_FALSE(window.numericsPage()->controls()->request()->spec.rows == 32);
  // The position a session would keep.
  ASSERT_TRUE(window.currentSession().lesson);
  EXPECT_EQ(window.currentSession().lesson->id, "bit-identity");
  EXPECT_EQ(window.currentSession().lesson->step, 3);
  // A link in the text goes to the step it names.
  emit window.lessons()->panel()->linkActivated(QStringLiteral("step:1"));
  ASSERT_TRUE(wait_step(window));
  EXPECT_EQ(window.lessons()->step(), 0);

  // Closing restores everything the user had, untouched.
  QSignalSpy shown(&window, &MainWindow::sessionShown);
  window.lessons()->panel()->closeButton()->click();
  EXPECT_FALSE(window.lessons()->isOpen());
  ASSERT_TRUE(shown.wait(kWaitMs));
  if (window.numericsSession()->pending()) {
    QSignalSpy numerics(window.numericsSession(), &NumericsSession::shown);
    ASSERT_TRUE(numerics.wait(kWaitMs));
  }
  EXPECT_EQ(amla::session_to_json(window.currentSession()).dump(2), before.dump(2));
  EXPECT_TRUE(window.session()->isModified());
  EXPECT_EQ(page_of(window), "Sweep");
}

TEST(LessonPanelTest, ASessionKeepsTheLessonPositionAndOpensThere) {
  QTemporaryDir dir;
  const QString path = dir.filePath("lecture.json");
  {
    MainWindow window(false);
    ASSERT_EQ(window.lessons()->open(QStringLiteral("preload-pipeline"), 2), QString());
    ASSERT_TRUE(wait_step(window));
    ASSERT_EQ(window.session()->save(path), QString());
  }
  MainWindow window(false);
  ASSERT_EQ(window.session()->load(path), QString());
  ASSERT_TRUE(window.lessons()->isOpen());
  ASSERT_TRUE(wait_step(window));
  EXPECT_EQ(window.lessons()->lesson()->id, "preload-pipeline");
  EXPECT_EQ(window.lessons()->step(), 1);
  EXPECT_EQ(config_json(window.configPanel()->draft()),
            config_json(step_of("preload-pipeline", 2).config));
  EXPECT_EQ(window.timeline()->criticalPathShown(),
            step_of("preload-pipeline", 2).view.critical_path);
}

TEST(LessonPanelTest, ASessionFileBringsBackTheNumericsPageSweepAndPinnedRun) {
  QTemporaryDir dir;
  const QString path = dir.filePath("mine.json");
  nlohmann::json saved;
  {
    MainWindow window(false);
    set_up_user_session(window);
    amla::SweepPageState sweep = window.sweepPage()->controlsState();
    sweep.jobs = 3;
    sweep.parameters.resize(1);
    sweep.parameters[0].values = "64,256";
    ASSERT_EQ(window.sweepPage()->setControlsState(sweep), QString());
    saved = amla::session_to_json(window.currentSession());
    ASSERT_EQ(window.session()->save(path), QString());
  }
  MainWindow window(false);
  QSignalSpy shown(&window, &MainWindow::sessionShown);
  ASSERT_EQ(window.session()->load(path), QString());
  ASSERT_TRUE(shown.wait(kWaitMs));
  ASSERT_TRUE(window.abState()->pinned());
  EXPECT_EQ(config_json({window.abState()->pinned()->hardware, window.abState()->pinned()->config}),
            saved.at("pinned_a").dump());
  EXPECT_EQ(window.sweepPage()->controlsState().jobs, 3);
  EXPECT_EQ(window.numericsPage()->controls()->request()->spec.rows, 32);
  EXPECT_FALSE(window.numericsPage()->controls()->request()->config.switches.compensation);
  EXPECT_EQ(window.numericsPage()->bitView()->probe().input_bits, 0x40490FDBu);
  if (window.numericsSession()->pending()) {
    QSignalSpy numerics(window.numericsSession(), &NumericsSession::shown);
    ASSERT_TRUE(numerics.wait(kWaitMs));
  }
  EXPECT_EQ(amla::session_to_json(window.currentSession()).dump(2), saved.dump(2));
}

int pdf_pages(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return -1;
  const QByteArray pdf = f.readAll();
  if (!pdf.startsWith("%PDF")) return -1;
  return pdf.count("/Type /Page") - pdf.count("/Type /Pages");
}

TEST(LessonPanelTest, SlidesHaveAPagePerStepAndPutTheLessonPositionBack) {
  QTemporaryDir dir;
  MainWindow window(false);
  ASSERT_EQ(window.lessons()->open(QStringLiteral("preload-pipeline"), 2), QString());
  ASSERT_TRUE(wait_step(window));
  const QString path = dir.filePath("slides.pdf");
  QSignalSpy finished(window.lessons()->slides(), &LessonSlides::finished);
  QString error;
  ASSERT_TRUE(window.lessons()->slides()->start(QStringLiteral("multiply-cost"), path, &error))
      << error.toStdString();
  ASSERT_TRUE(finished.wait(kWaitMs));
  EXPECT_EQ(finished.takeFirst().at(0).toString(), QString());
  EXPECT_EQ(pdf_pages(path), 3);
  // Back where the lecture was.
  ASSERT_TRUE(wait_step(window));
  ASSERT_TRUE(window.lessons()->isOpen());
  EXPECT_EQ(window.lessons()->lesson()->id, "preload-pipeline");
  EXPECT_EQ(window.lessons()->step(), 1);
  // An unknown lesson is refused with the ids it could be.
  EXPECT_FALSE(window.lessons()->slides()->start(QStringLiteral("nope"), path, &error));
  EXPECT_TRUE(error.contains("bit-identity")) << error.toStdString();
}

TEST(LessonPanelTest, UnknownLessonOrStepIsRefusedWithTheLimit) {
  MainWindow window(false);
  const QString bad_id = window.lessons()->open(QStringLiteral("no-such-lesson"));
  EXPECT_TRUE(bad_id.contains("no-such-lesson")) << bad_id.toStdString();
  EXPECT_TRUE(bad_id.contains("bit-identity")) << bad_id.toStdString();
  const QString bad_step = window.lessons()->open(QStringLiteral("bit-identity"), 4);
  EXPECT_TRUE(bad_step.contains("1 to 3")) << bad_step.toStdString();
  EXPECT_FALSE(window.lessons()->isOpen());
}

}  // namespace
}  // namespace amla::ui
