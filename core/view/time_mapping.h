#pragma once
// The horizontal mapping of a timeline: cycles <-> pixels. A view is its left edge in cycles and a
// scale in cycles per pixel over a width in pixels; zooming keeps the time under an anchor pixel
// fixed so the point the user looks at does not slide away. Header-only: it is used per pixel.
#include <algorithm>

namespace amla {

// Where a view may go: the time span of the data and the deepest zoom.
struct TimeLimits {
  double begin = 0;                        // cycles
  double end = 1;                          // cycles (> begin)
  double min_cycles_per_pixel = 1.0 / 50;  // deepest zoom: one cycle is 50 px wide
};

class TimeMapping {
 public:
  TimeMapping() = default;
  TimeMapping(double t0, double cycles_per_pixel, double width_px)
      : t0_(t0),
        cycles_per_pixel_(cycles_per_pixel > 0 ? cycles_per_pixel : 1.0),
        width_(width_px > 1 ? width_px : 1.0) {}

  // The mapping that shows [t0, t1) across width_px pixels.
  static TimeMapping for_range(double t0, double t1, double width_px) {
    const double w = width_px > 1 ? width_px : 1.0;
    return TimeMapping(t0, (t1 > t0 ? t1 - t0 : 1.0) / w, w);
  }

  double t0() const { return t0_; }
  double t1() const { return t0_ + width_ * cycles_per_pixel_; }
  double span() const { return width_ * cycles_per_pixel_; }
  double cycles_per_pixel() const { return cycles_per_pixel_; }
  double width() const { return width_; }

  double x(double t) const { return (t - t0_) / cycles_per_pixel_; }
  double t(double x) const { return t0_ + x * cycles_per_pixel_; }
  double pixels(double cycles) const { return cycles / cycles_per_pixel_; }
  double cycles(double pixels) const { return pixels * cycles_per_pixel_; }

  // factor > 1 zooms in; the time at anchor_x stays at anchor_x.
  TimeMapping zoomed(double factor, double anchor_x) const {
    if (!(factor > 0)) return *this;
    const double anchor_t = t(anchor_x);
    const double cpp = cycles_per_pixel_ / factor;
    return TimeMapping(anchor_t - anchor_x * cpp, cpp, width_);
  }

  // Positive dx_px moves the content right (the view moves to earlier times).
  TimeMapping panned(double dx_px) const {
    return TimeMapping(t0_ - dx_px * cycles_per_pixel_, cycles_per_pixel_, width_);
  }

  // Keeps the scale between the deepest zoom and "the whole span fits", and the view inside the
  // span. A view wider than the data shows it all from its beginning.
  TimeMapping clamped(const TimeLimits& limits) const {
    const double span = std::max(limits.end - limits.begin, 1e-9);
    const double max_cpp = span / width_;
    const double min_cpp = std::min(limits.min_cycles_per_pixel, max_cpp);
    const double cpp = std::clamp(cycles_per_pixel_, min_cpp, max_cpp);
    const double latest_t0 = limits.end - width_ * cpp;
    const double t0 = std::clamp(t0_, limits.begin, std::max(limits.begin, latest_t0));
    return TimeMapping(t0, cpp, width_);
  }

 private:
  double t0_ = 0;
  double cycles_per_pixel_ = 1;
  double width_ = 1;
};

}  // namespace amla
