#pragma once
// Timeline-style navigation on a plot's canvas: Ctrl+wheel zooms anchored at the cursor, a left
// drag pans. It only asks for a new x range (in the plot's units); the owner passes it on to the
// time-range controller that every plot observes.
#include <QObject>
#include <QPoint>

class QwtPlot;

namespace amla::ui {

class TimeNavigator : public QObject {
  Q_OBJECT

 public:
  // Watches plot's canvas; the navigator is a child of the plot.
  explicit TimeNavigator(QwtPlot* plot);

  // One wheel notch (120) zooms by this factor.
  static constexpr double kZoomPerNotch = 0.8;

 signals:
  // `drag`: a step of a drag (otherwise of a wheel zoom).
  void rangeRequested(double x0, double x1, bool drag);
  // The mouse button went up: the next gesture is a new one.
  void gestureFinished();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QwtPlot* plot_;
  bool dragging_ = false;
  QPoint drag_origin_;
  double drag_x0_ = 0, drag_x1_ = 0;
};

}  // namespace amla::ui
