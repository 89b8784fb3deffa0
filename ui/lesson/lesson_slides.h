#pragma once
// A lesson as slides for the lecturer: one PDF page per step at the 16:9 "slide" figure size
// (core/view/figure_spec.h), with the step's title, its text (references filled from the step's
// runs) and the figure of the step's page (the timeline, the buffers, the Compare figure, or the
// page's plot: the Numerics heatmap, the Summary roofline, the Serving curve). The steps are
// applied one by one in the window through its LessonController, so a slide shows exactly what
// the studio shows; afterwards the lesson position (or the user's session) is put back. The PDF
// is written through the output layer (all or nothing).
#include <QByteArray>
#include <QObject>
#include <QString>
#include <memory>

class QPainter;
class QPdfWriter;
class QBuffer;

namespace amla::ui {

class MainWindow;

class LessonSlides : public QObject {
  Q_OBJECT

 public:
  explicit LessonSlides(MainWindow* window);
  ~LessonSlides() override;

  // Starts writing lesson `id` to `path` (PDF); finished() follows. False (with the reason in
  // `error`) when the id is unknown or an export is already going.
  bool start(const QString& id, const QString& path, QString* error = nullptr);
  bool isRunning() const { return lesson_ >= 0; }

 signals:
  // Empty on success, else the reason (the old file, if any, is left as it was).
  void finished(const QString& error);

 private:
  void onStepApplied();
  void paintSlide();
  void finish(const QString& error);

  MainWindow* window_;
  QString path_;
  int lesson_ = -1;
  int step_ = 0;
  int steps_ = 0;
  // Where the window was before: a lesson position to go back to, or none (close the lesson).
  int previous_lesson_ = -1;
  int previous_step_ = 0;
  QByteArray bytes_;
  std::unique_ptr<QBuffer> buffer_;
  std::unique_ptr<QPdfWriter> pdf_;
  std::unique_ptr<QPainter> painter_;
  QMetaObject::Connection connection_;
};

}  // namespace amla::ui
