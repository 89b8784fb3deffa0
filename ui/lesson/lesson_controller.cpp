#include "ui/lesson/lesson_controller.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QLayout>
#include <QMenu>
#include <QScreen>
#include <QTextBrowser>
#include <QTreeWidget>

#include "core/common/input_error.h"
#include "core/kernel/kernel_pseudocode.h"
#include "core/kernel/op_catalogue.h"
#include "core/lesson/lesson_facts.h"
#include "core/lesson/lesson_file.h"
#include "core/lesson/lesson_text.h"
#include "core/numerics/float_bits.h"
#include "ui/common/time_range_control.h"
#include "ui/help/help_menu.h"
#include "ui/lesson/lesson_panel.h"
#include "ui/lesson/lesson_slides.h"
#include "ui/main_window.h"
#include "ui/numerics/numerics_page.h"
#include "ui/serving/serving_page.h"
#include "ui/studio/numerics_session.h"
#include "ui/studio/session_controller.h"
#include "ui/timeline/pseudocode_panel.h"
#include "ui/timeline/timeline_widget.h"

namespace amla::ui {

namespace {

const std::vector<amla::Lesson>& lessons() { return amla::builtin_lessons(); }

bool step_uses_numerics(const amla::LessonStep& s) {
  return s.page == "Numerics" || s.view.numerics || s.view.bits || amla::step_needs_numerics(s);
}

bool step_uses_serving(const amla::LessonStep& s) {
  return s.page == "Serving" || s.view.decode || amla::step_needs_decode(s);
}

// The Numerics page as the step declares it (run_step's defaults where it declares nothing).
amla::NumericsPageState numerics_state(const amla::LessonStep& s) {
  const amla::LessonNumerics n = s.view.numerics.value_or(amla::LessonNumerics{});
  amla::NumericsPageState state;
  state.inputs = n.inputs;
  state.switches = n.switches;
  state.variants = n.variants;
  state.row = n.row;
  const amla::LessonBits bits = s.view.bits.value_or(amla::LessonBits{});
  state.bit_value = amla::bits_of(bits.value);
  state.bit_shift = bits.shift;
  state.bit_compensation = bits.compensation;
  return state;
}

}  // namespace

LessonController::LessonController(MainWindow* window) : QObject(window), window_(window) {
  panel_ = new LessonPanel(window);
  dock_ = new QDockWidget(tr("Lesson"), window);
  dock_->setObjectName(QStringLiteral("lessonDock"));
  dock_->setWidget(panel_);
  window->addDockWidget(Qt::RightDockWidgetArea, dock_);
  dock_->hide();

  lessons_action_ = new QAction(tr("&Lessons"), this);
  lessons_action_->setObjectName(QStringLiteral("helpLessonsAction"));
  lessons_action_->setToolTip(tr("Guided lessons through the AMLA paper, step by step"));
  connect(lessons_action_, &QAction::triggered, this, [this] {
    showDock();
    dock_->raise();
    panel_->contents()->setFocus();
  });
  QMenu* help = window->helpMenu()->menu();
  QAction* first = help->actions().value(0);
  help->insertAction(first, lessons_action_);

  // Window-wide keys, so they work whatever has the focus (the timeline has no use for them).
  next_action_ = new QAction(tr("Next lesson step"), window);
  next_action_->setShortcut(QKeySequence(Qt::Key_PageDown));
  next_action_->setShortcutContext(Qt::WindowShortcut);
  previous_action_ = new QAction(tr("Previous lesson step"), window);
  previous_action_->setShortcut(QKeySequence(Qt::Key_PageUp));
  previous_action_->setShortcutContext(Qt::WindowShortcut);
  // In the Help menu beside Lessons, so Help > Keyboard shortcuts lists them.
  for (QAction* a : {next_action_, previous_action_}) {
    a->setEnabled(false);
    help->insertAction(first, a);
  }
  help->insertSeparator(first);
  connect(next_action_, &QAction::triggered, this, &LessonController::next);
  connect(previous_action_, &QAction::triggered, this, &LessonController::previous);

  connect(panel_, &LessonPanel::stepRequested, this, &LessonController::goTo);
  connect(panel_, &LessonPanel::nextRequested, this, &LessonController::next);
  connect(panel_, &LessonPanel::previousRequested, this, &LessonController::previous);
  connect(panel_, &LessonPanel::closeRequested, this, &LessonController::close);
  connect(panel_, &LessonPanel::linkActivated, this, &LessonController::followLink);
  slides_ = new LessonSlides(window);
  connect(panel_, &LessonPanel::exportRequested, this, &LessonController::exportSlidesWithDialog);
  connect(slides_, &LessonSlides::finished, this, [this](const QString& error) {
    panel_->setText(panel_->textView()->toHtml(), error.isEmpty()
                                                      ? tr("Slides written.")
                                                      : tr("Slides not written: %1").arg(error));
  });

  connect(window, &MainWindow::sessionShown, this, [this] { onRunArrived(kSimulation); });
  connect(window->numericsSession(), &NumericsSession::shown, this,
          [this] { onRunArrived(kNumerics); });
  connect(window->servingPage(), &ServingPage::runFinished, this,
          [this] { onRunArrived(kServing); });
  connect(window->session(), &SessionController::loaded, this, &LessonController::onSessionLoaded);
}

const amla::Lesson* LessonController::lesson() const {
  return isOpen() ? &lessons()[static_cast<std::size_t>(lesson_)] : nullptr;
}

std::optional<amla::LessonPosition> LessonController::position() const {
  if (!isOpen()) return std::nullopt;
  return amla::LessonPosition{lesson()->id, step_ + 1};
}

QString LessonController::open(const QString& id, int step) {
  try {
    const amla::Lesson& l = amla::require_lesson("lesson", id.toStdString());
    const int steps = static_cast<int>(l.steps.size());
    if (step < 1 || step > steps) {
      return tr("step: %1 (lesson %2 has steps 1 to %3)").arg(step).arg(id).arg(steps);
    }
    goTo(static_cast<int>(&l - lessons().data()), step - 1);
  } catch (const amla::InputError& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

void LessonController::goTo(int lesson, int step) {
  if (lesson < 0 || lesson >= static_cast<int>(lessons().size())) return;
  const int steps = static_cast<int>(lessons()[static_cast<std::size_t>(lesson)].steps.size());
  if (step < 0 || step >= steps) return;
  if (!isOpen()) {
    saved_ = window_->currentSession();
    saved_.lesson.reset();
    saved_modified_ = window_->session()->isModified();
  }
  lesson_ = lesson;
  step_ = step;
  showDock();
  next_action_->setEnabled(true);
  previous_action_->setEnabled(true);
  applyStep();
}

void LessonController::showDock() {
  if (dock_->isVisible()) return;
  dock_->show();
  // On a screen too narrow for the pages between two docks, the lesson shares the
  // configuration's place as a tab (the configuration is a click away).
  // Pages scroll rather than shrink, so "too narrow" is read from the widths: the pages keep
  // at least kComfortablePagesWidth beside the two docks, or the docks share one place.
  constexpr int kComfortablePagesWidth = 960;
  const QScreen* screen = window_->screen();
  auto* config = window_->findChild<QDockWidget*>(QStringLiteral("configurationDock"));
  if (!screen || !config || !config->isVisible()) return;
  const int docks = config->width() + dock_->sizeHint().width();
  if (screen->availableGeometry().width() - docks >= kComfortablePagesWidth) return;
  {
    window_->tabifyDockWidget(config, dock_);
    dock_->show();
    dock_->raise();
  }
}

void LessonController::next() {
  if (isOpen() && step_ + 1 < static_cast<int>(lesson()->steps.size())) goTo(lesson_, step_ + 1);
}

void LessonController::previous() {
  if (isOpen() && step_ > 0) goTo(lesson_, step_ - 1);
}

void LessonController::close() {
  if (!isOpen()) return;
  lesson_ = -1;
  step_ = 0;
  waiting_ = 0;
  next_action_->setEnabled(false);
  previous_action_->setEnabled(false);
  window_->timeline()->setCriticalPathShown(false);
  window_->timeline()->selectAndFrameOp(-1, false);
  if (auto* code = window_->findChild<PseudocodePanel*>(); code && !code->activeLines().empty()) {
    code->activateLines({});
  }
  window_->timeline()->setHighlightKinds(0);
  window_->showSession(saved_);
  window_->session()->setModified(saved_modified_);
  panel_->showStep(-1, 0,
                   tr("<p>The lesson is closed and your own configuration and view are back. "
                      "Choose a lesson above to start another.</p>"),
                   QString());
  emit closed();
}

void LessonController::applyStep() {
  const amla::LessonStep& s = lesson()->steps[static_cast<std::size_t>(step_)];
  // Everything the step declares; what it does not (the sweep, the A run) stays the user's.
  amla::StudioSession session;
  session.config = s.config;
  session.view.page = s.page;
  session.view.microseconds = true;
  if (s.view.compare_a) session.pinned_a = *s.view.compare_a;  // pinned first, then B runs
  session.view.buffers_core = s.view.expanded_cores.empty() ? 0 : s.view.expanded_cores.front();
  if (s.view.range_us) {
    const double cycles_per_us = 1000.0 * s.config.hardware.clock_ghz;
    session.view.t0_cycles = (*s.view.range_us)[0] * cycles_per_us;
    session.view.t1_cycles = (*s.view.range_us)[1] * cycles_per_us;
  }
  waiting_ = kSimulation;
  if (step_uses_numerics(s)) waiting_ |= kNumerics;
  if (step_uses_serving(s)) waiting_ |= kServing;
  panel_->showStep(lesson_, step_, stepHtml(false, nullptr), tr("Running the step's model..."));

  if (waiting_ & kNumerics) {
    const int block = s.view.numerics ? s.view.numerics->block : -1;
    window_->numericsSession()->apply(numerics_state(s), s.config.kernel.tiling.blocking, block,
                                      tr("lesson step %1").arg(step_ + 1));
  }
  window_->showSession(session);  // may report synchronously when the run is already this one
  if (waiting_ & kServing) {
    window_->servingPage()->setParams(s.view.decode.value_or(amla::DecodeParams{}));
    window_->servingPage()->run();
  }
}

void LessonController::onRunArrived(Wait which) {
  if (!isOpen() || !(waiting_ & which)) return;
  waiting_ &= ~static_cast<unsigned>(which);
  if (which == kSimulation) {
    // The timeline as the step declares it, on the step's run.
    const amla::LessonStep& s = lesson()->steps[static_cast<std::size_t>(step_)];
    TimelineWidget* timeline = window_->timeline();
    const SimulationPtr run = window_->lastRun();
    if (run) {
      const int cores = run->trace.cores;
      std::vector<int> open = s.view.expanded_cores;
      if (open.empty()) open.push_back(0);  // a new run's own default
      for (int c = 0; c < cores; ++c) {
        timeline->setCoreExpanded(c, std::find(open.begin(), open.end(), c) != open.end());
      }
      timeline->setCriticalPathShown(s.view.critical_path);
      if (!s.view.range_us) window_->timeControl()->requestRange(0, run_end_cycles(*run));
      qint64 op = -1;
      if (const auto& ref = s.view.selected_op) {
        const amla::OpTrace& ops = run->trace.ops;
        const int lane = amla::lane_index(ref->core, ref->unit, ref->pipe);
        if (lane + 1 < static_cast<int>(ops.lane_begin.size())) {
          const std::int64_t at = ops.lane_begin[static_cast<std::size_t>(lane)] + ref->index;
          if (at < ops.lane_begin[static_cast<std::size_t>(lane) + 1]) op = at;
        }
      }
      timeline->selectAndFrameOp(op, op >= 0 && !s.view.range_us);
      showHighlights(s, run);
    }
  }
  if (waiting_ == 0) finishStep();
}

void LessonController::showHighlights(const amla::LessonStep& s, const SimulationPtr& run) {
  // The listing's line first (it sets the timeline to its own kinds), then every kind the
  // step names.
  if (auto* code = window_->findChild<PseudocodePanel*>()) {
    code->setRun(run);  // the step's variant, whichever slot heard of the run first
    if (code->activeLines() != s.highlight_code_lines) code->activateLines(s.highlight_code_lines);
  }
  window_->timeline()->setHighlightKinds(s.highlight_op_kinds);
}

void LessonController::finishStep() {
  QString problem;
  const QString html = stepHtml(true, &problem);
  panel_->setText(html, problem);
  emit stepApplied();
}

QString LessonController::stepHtml(bool runs_arrived, QString* problem) const {
  const amla::LessonStep& s = lesson()->steps[static_cast<std::size_t>(step_)];
  const SimulationPtr run = window_->lastRun();
  const auto numerics = window_->numericsPage()->lastRun();
  const amla::StepFacts facts(s, run.get(), numerics.get(), window_->servingPage()->lastStep());
  QStringList unresolved;
  const amla::ReferenceResolver resolve = [&](const std::string& ref) -> std::string {
    if (!runs_arrived) return "\xE2\x80\xA6";  // the runs are on their way
    try {
      return facts.resolve(ref);
    } catch (const amla::InputError& e) {
      unresolved << QString::fromStdString(e.what());
      return "{" + ref + "}";
    }
  };
  QString html = QString::fromStdString(amla::render_lesson_html(s.text, resolve));
  if (!s.highlight.empty()) {
    QStringList items;
    for (const std::string& h : s.highlight) {
      const std::string ns = h.substr(0, h.find(':'));
      const auto& known = amla::lesson_reference_namespaces();
      QString item =
          QStringLiteral("<code>%1</code>").arg(QString::fromStdString(h).toHtmlEscaped());
      const std::string rest = h.substr(h.find(':') + 1);
      // A highlighted number is shown with its value; an op kind by its name in words, a code
      // line by its text (both were checked when the lesson loaded).
      if (ns == "op") {
        if (const auto kind = amla::find_op_kind(rest)) {
          item = QStringLiteral("%1 <code>%2</code>")
                     .arg(QString::fromStdString(amla::op_kind_entry(*kind).name).toHtmlEscaped(),
                          QString::fromStdString(rest).toHtmlEscaped());
        }
      } else if (ns == "code") {
        const auto& lines = amla::kernel_pseudocode(s.config.kernel.variant).lines;
        const std::size_t line = std::stoul(rest) - 1;
        if (line < lines.size()) {
          item = tr("line %1 <code>%2</code>")
                     .arg(QString::fromStdString(rest))
                     .arg(QString::fromStdString(lines[line].text).toHtmlEscaped());
        }
      } else if (std::find(known.begin(), known.end(), ns) != known.end()) {
        item +=
            QStringLiteral(" = <b>%1</b>").arg(QString::fromStdString(resolve(h)).toHtmlEscaped());
      }
      items << item;
    }
    html += QStringLiteral("<p style=\"background-color:#fff4d6; padding:4px;\">Look at: %1</p>")
                .arg(items.join(QStringLiteral(", ")));
  }
  if (problem && !unresolved.isEmpty()) *problem = unresolved.join('\n');
  return html;
}

void LessonController::followLink(const QString& target) {
  if (!isOpen()) return;
  try {
    const amla::LessonLink link = amla::parse_lesson_link("link", target.toStdString());
    if (link.lesson.empty()) {
      goTo(lesson_, link.step - 1);
    } else {
      const QString error = open(QString::fromStdString(link.lesson), link.step);
      if (!error.isEmpty()) panel_->setText(panel_->textView()->toHtml(), error);
    }
  } catch (const amla::InputError& e) {
    panel_->setText(panel_->textView()->toHtml(), QString::fromStdString(e.what()));
  }
}

void LessonController::exportSlidesWithDialog() {
  if (!isOpen() || slides_->isRunning()) return;
  const QString id = QString::fromStdString(lesson()->id);
  const QString path =
      QFileDialog::getSaveFileName(window_, tr("Lesson slides"), id + ".pdf", tr("PDF (*.pdf)"));
  if (path.isEmpty()) return;
  QString error;
  if (!slides_->start(id, path, &error)) {
    panel_->setText(panel_->textView()->toHtml(), tr("Slides not written: %1").arg(error));
  }
}

void LessonController::onSessionLoaded(const amla::StudioSession& session) {
  // The loaded session is the user's own now; a lesson it names opens on top of it.
  lesson_ = -1;
  waiting_ = 0;
  next_action_->setEnabled(false);
  previous_action_->setEnabled(false);
  panel_->showStep(-1, 0, QString(), QString());
  if (!session.lesson) return;
  const QString error = open(QString::fromStdString(session.lesson->id), session.lesson->step);
  if (error.isEmpty()) {
    // What closing the lesson brings back is the session as loaded, not the window before it.
    saved_ = session;
    saved_.lesson.reset();
    saved_modified_ = false;
  } else {
    showDock();
    panel_->setText(QString(), tr("The session's lesson cannot be opened: %1").arg(error));
  }
}

}  // namespace amla::ui
