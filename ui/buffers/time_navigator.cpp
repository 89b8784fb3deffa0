#include "ui/buffers/time_navigator.h"

#include <qwt_plot.h>
#include <qwt_scale_div.h>
#include <QMouseEvent>
#include <QWheelEvent>
#include <cmath>

namespace amla::ui {

TimeNavigator::TimeNavigator(QwtPlot* plot) : QObject(plot), plot_(plot) {
  plot->canvas()->installEventFilter(this);
  plot->canvas()->setCursor(Qt::OpenHandCursor);
}

bool TimeNavigator::eventFilter(QObject* watched, QEvent* event) {
  if (watched != plot_->canvas()) return false;
  const QwtScaleDiv& div = plot_->axisScaleDiv(QwtPlot::xBottom);
  switch (event->type()) {
    case QEvent::Wheel: {
      auto* wheel = static_cast<QWheelEvent*>(event);
      // A plain wheel scrolls the panel; only Ctrl+wheel is a zoom.
      if (!(wheel->modifiers() & Qt::ControlModifier) || wheel->angleDelta().y() == 0) break;
      const double factor = std::pow(kZoomPerNotch, wheel->angleDelta().y() / 120.0);
      const double anchor = plot_->invTransform(QwtPlot::xBottom, wheel->position().x());
      emit rangeRequested(anchor - (anchor - div.lowerBound()) * factor,
                          anchor + (div.upperBound() - anchor) * factor, false);
      return true;
    }
    case QEvent::MouseButtonPress: {
      auto* mouse = static_cast<QMouseEvent*>(event);
      if (mouse->button() != Qt::LeftButton) break;
      dragging_ = true;
      drag_origin_ = mouse->pos();
      drag_x0_ = div.lowerBound();
      drag_x1_ = div.upperBound();
      plot_->canvas()->setCursor(Qt::ClosedHandCursor);
      return true;
    }
    case QEvent::MouseMove: {
      if (!dragging_) break;
      auto* mouse = static_cast<QMouseEvent*>(event);
      const double width = plot_->canvas()->contentsRect().width();
      if (width <= 0) break;
      const double shift = (drag_origin_.x() - mouse->pos().x()) * (drag_x1_ - drag_x0_) / width;
      emit rangeRequested(drag_x0_ + shift, drag_x1_ + shift, true);
      return true;
    }
    case QEvent::MouseButtonRelease: {
      if (!dragging_) break;
      dragging_ = false;
      plot_->canvas()->setCursor(Qt::OpenHandCursor);
      emit gestureFinished();
      return true;
    }
    default:
      break;
  }
  return false;
}

}  // namespace amla::ui
