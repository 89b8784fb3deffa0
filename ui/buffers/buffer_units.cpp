#include "ui/buffers/buffer_units.h"

#include <cmath>

namespace amla::ui {

TimeUnit time_unit(double clock_ghz, bool microseconds) {
  if (microseconds && clock_ghz > 0) return {clock_ghz * 1000.0, QStringLiteral("µs")};
  return {1.0, QStringLiteral("cycles")};
}

ByteUnit byte_unit_for(std::int64_t capacity) {
  constexpr double kMiB = 1024.0 * 1024.0;
  if (static_cast<double>(capacity) >= kMiB) return {kMiB, QStringLiteral("MiB")};
  return {1024.0, QStringLiteral("KiB")};
}

QString format_bytes(double bytes) {
  const double a = std::fabs(bytes);
  if (a < 1024) return QStringLiteral("%1 B").arg(bytes, 0, 'f', 0);
  const bool mib = a >= 1024.0 * 1024.0;
  const double v = bytes / (mib ? 1024.0 * 1024.0 : 1024.0);
  // Whole numbers print without decimals; others with up to 2 significant decimals.
  const QString number =
      v == std::floor(v) ? QString::number(v, 'f', 0) : QString::number(v, 'g', v < 100 ? 3 : 4);
  return number + (mib ? QStringLiteral(" MiB") : QStringLiteral(" KiB"));
}

}  // namespace amla::ui
