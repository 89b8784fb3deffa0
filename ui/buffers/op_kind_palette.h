#pragma once
// A fixed colour per op kind for the memory map and its legend: related kinds (the loads into
// L1, the L0 moves, the Cube products, the FixPipe write-backs, the vector stages) share a hue
// family so a slot's history reads at a glance, and neighbours in a family stay distinguishable.
#include <QColor>

#include "core/ops/pipes.h"

namespace amla::ui {

QColor op_kind_color(amla::OpKind kind);

}  // namespace amla::ui
