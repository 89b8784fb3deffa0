#pragma once
// The Lesson panel (a dock): the contents (every built-in lesson and its steps), the current
// step's title and text (the Markdown subset, its references filled from the step's own runs),
// the progress ("step 3 of 7"), Previous / Next and Close lesson. Links in the text ask to go
// to another step or lesson. The panel shows what LessonController tells it and asks it for
// every move; it applies nothing itself.
#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace amla::ui {

class LessonPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LessonPanel(QWidget* parent = nullptr);
  // Wide enough for a paragraph of text; the dock may still be narrowed to its minimum.
  QSize sizeHint() const override { return {340, 600}; }

  // Shows lesson `lesson` (index into builtin_lessons()) at step `step` (0-based); the text is
  // rich text (render_lesson_html). `lesson` < 0: no lesson open.
  void showStep(int lesson, int step, const QString& html, const QString& status);
  // Replaces the text only (the runs arrived and the references are filled).
  void setText(const QString& html, const QString& status);

  QTextBrowser* textView() const { return text_; }
  QTreeWidget* contents() const { return contents_; }
  QLabel* progressLabel() const { return progress_; }
  QLabel* titleLabel() const { return title_; }
  QPushButton* previousButton() const { return previous_; }
  QPushButton* nextButton() const { return next_; }
  QPushButton* closeButton() const { return close_; }
  QPushButton* exportButton() const { return export_; }

 signals:
  void stepRequested(int lesson, int step);
  // A link in the text ("step:3", "lesson:bit-identity#2").
  void linkActivated(const QString& target);
  void previousRequested();
  void nextRequested();
  void closeRequested();
  // Slides of the open lesson (a PDF, one page per step).
  void exportRequested();

 private:
  void onContentsActivated(QTreeWidgetItem* item);

  QTreeWidget* contents_;
  QLabel* title_;
  QLabel* progress_;
  QLabel* status_;
  QTextBrowser* text_;
  QPushButton* previous_;
  QPushButton* next_;
  QPushButton* close_;
  QPushButton* export_;
  bool updating_ = false;
};

}  // namespace amla::ui
