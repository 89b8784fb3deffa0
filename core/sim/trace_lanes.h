#pragma once
// The lane layout every trace file shares (Chrome JSON, gzip, Perfetto), so the formats show the
// same rows in the same order under the same names: per core the units in msprof order, per
// unit its pipes in the order msprof / Insight list them, and one counter per buffer track.
#include <span>
#include <string>

#include "core/ops/pipes.h"
#include "core/ops/trace.h"

namespace amla {

inline constexpr Unit kTraceUnits[] = {Unit::kAic, Unit::kAiv0, Unit::kAiv1};

// The pipes of `unit` in display order; a lane's position across a core's units is its sort
// index (AIC's five, then AIV0's four, then AIV1's four).
std::span<const Pipe> trace_pipes_of(Unit unit);

// "AIC / CUBE": the name of a lane in every trace format.
std::string trace_lane_name(Unit unit, Pipe pipe);

// The counter's name: the track's own, else the buffer's ("L1"), with the unit for UB ("UB
// (AIV0)") since two UB tracks on one core would otherwise merge into one series.
std::string trace_counter_name(const BufferTrack& track);

}  // namespace amla
