#pragma once
// The units the Buffers panel plots in: time in microseconds or cycles on x, bytes in KiB or MiB
// on y (chosen per buffer from its capacity so the ticks stay short).
#include <QString>
#include <cstdint>

namespace amla::ui {

struct TimeUnit {
  double cycles_per_unit = 1;  // 1 for cycles; clock_ghz * 1000 for microseconds
  QString name;                // "cycles" or "µs"

  double toCycles(double x) const { return x * cycles_per_unit; }
  double fromCycles(double cycles) const { return cycles / cycles_per_unit; }
};

TimeUnit time_unit(double clock_ghz, bool microseconds);

struct ByteUnit {
  double bytes_per_unit = 1024;
  QString name;  // "B", "KiB" or "MiB"
};

// KiB for buffers under 1 MiB, MiB from there (the GM workspace).
ByteUnit byte_unit_for(std::int64_t capacity);

// "512 KiB", "1.5 MiB", "96 B": the shortest exact-enough form for labels and tooltips.
QString format_bytes(double bytes);

}  // namespace amla::ui
