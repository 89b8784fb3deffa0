#pragma once
// The text of the timeline's hover tooltips (rich text): one op with its task, KV block, times
// in cycles and microseconds and its bytes or FLOPs; a folded block with its ops per kind; a
// density row's busy fraction under the cursor.
#include <QString>
#include <cstdint>

#include "core/ops/pipes.h"

namespace amla {
struct SimulationRun;
struct DrawItem;
}  // namespace amla

namespace amla::ui {

QString op_tooltip(const SimulationRun& run, std::int64_t op);
QString block_tooltip(const SimulationRun& run, const DrawItem& item);
// A legend entry: the op kind's name in words and its one-line meaning.
QString legend_tooltip(OpKind kind);
QString density_tooltip(const QString& group, double t_cycles, double busy_fraction,
                        double clock_ghz);

// "12,345 cycles (6.858 µs)"
QString cycles_and_us(double cycles, double clock_ghz);

}  // namespace amla::ui
