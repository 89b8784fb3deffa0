#pragma once
// Tick positions and labels of the timeline's time ruler in microseconds or cycles. Steps are
// 1, 2 or 5 x 10^k of the display unit about every 100 px. Deep inside a long run the absolute
// labels would be long and all alike ("1234.5610", "1234.5615"), so the ruler then prints the
// base once and short offsets ("+0.0005") at the ticks.
#include <QString>
#include <vector>

namespace amla::ui {

struct AxisTick {
  double t = 0;  // cycles
  QString label;
};

struct TimeAxis {
  std::vector<AxisTick> major;  // labelled
  std::vector<double> minor;    // cycles, unlabelled
  QString base;                 // non-empty when labels are offsets from it
  QString title;                // "time (µs)" or "time (cycles)"
};

TimeAxis make_time_axis(double t0, double t1, double width_px, bool microseconds, double clock_ghz,
                        double spacing_px = 110);

}  // namespace amla::ui
