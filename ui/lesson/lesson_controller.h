#pragma once
// Lessons in the studio: the Lesson dock, Help > Lessons, Page Up / Page Down, and what a step
// does to the window. Opening a lesson keeps the user's own session (configuration, view,
// Numerics page, sweep, A run, unsaved-changes mark); closing it puts that back untouched.
// Applying a step sets everything the step declares (configuration, page, time range, lanes,
// selected op, critical path, Numerics inputs, switches, row and block, bit view, decode step),
// so a step replays the same whatever was clicked before; the text's references are filled
// from the runs the step produced (core/lesson/lesson_facts.h), never typed.
#include <QObject>
#include <QString>
#include <optional>

#include "core/lesson/lesson.h"
#include "core/session/studio_session.h"

class QAction;
class QDockWidget;

namespace amla::ui {

class LessonPanel;
class LessonSlides;
class MainWindow;

class LessonController : public QObject {
  Q_OBJECT

 public:
  explicit LessonController(MainWindow* window);

  // Opens lesson `id` at `step` (1-based); the reason when the id or step does not exist.
  QString open(const QString& id, int step = 1);
  // Goes to `step` (0-based) of lesson `lesson` (index into builtin_lessons()); the first move
  // into a lesson saves the user's session.
  void goTo(int lesson, int step);
  void next();
  void previous();
  // Restores the session saved when the lesson opened; nothing when no lesson is open.
  void close();

  bool isOpen() const { return lesson_ >= 0; }
  const amla::Lesson* lesson() const;
  int step() const { return step_; }  // 0-based
  // The lesson position a session keeps (lesson id, 1-based step), or nothing.
  std::optional<amla::LessonPosition> position() const;
  // The current step's text as rich text, its references filled from the runs on screen.
  QString currentStepHtml() const { return isOpen() ? stepHtml(true, nullptr) : QString(); }
  // True while the current step waits for its runs.
  bool applying() const { return waiting_ != 0; }

  LessonPanel* panel() const { return panel_; }
  QDockWidget* dock() const { return dock_; }
  QAction* lessonsAction() const { return lessons_action_; }
  QAction* nextAction() const { return next_action_; }
  QAction* previousAction() const { return previous_action_; }
  LessonSlides* slides() const { return slides_; }

 signals:
  // The current step is on screen with its runs and its text filled.
  void stepApplied();
  void closed();

 private:
  enum Wait : unsigned { kSimulation = 1, kNumerics = 2, kServing = 4 };
  void applyStep();
  void onRunArrived(Wait which);
  void finishStep();
  void followLink(const QString& target);
  QString stepHtml(bool runs_arrived, QString* problem) const;
  void onSessionLoaded(const amla::StudioSession& session);
  void exportSlidesWithDialog();
  void showDock();

  MainWindow* window_;
  LessonPanel* panel_;
  QDockWidget* dock_;
  QAction* lessons_action_;
  QAction* next_action_;
  QAction* previous_action_;
  LessonSlides* slides_ = nullptr;
  int lesson_ = -1;
  int step_ = 0;
  unsigned waiting_ = 0;
  // The user's own session and its unsaved-changes mark, while a lesson is open.
  amla::StudioSession saved_;
  bool saved_modified_ = false;
};

}  // namespace amla::ui
