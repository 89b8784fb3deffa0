#pragma once
// Exports a Trace in Perfetto's own protobuf format (ui.perfetto.dev, trace_processor), written
// with the protobuf classes of core/sim/perfetto_trace.proto: several times smaller than the
// Chrome JSON and opened without a JSON import.
//
// The same content as the Chrome trace (chrome_trace_writer.h), in Perfetto's terms: a track
// per core ("Core N"), under it a track per unit ("AIC") and under that one per lane ("AIC /
// CUBE"), every lane the hardware has in msprof order (explicit sibling ranks); each op a slice
// (begin and end at integer nanoseconds of the cycle's time, plus the same 1 ns offset so no
// event sits at 0) named by its kind, category the pipe, with the args start_cycle, end_cycle,
// task and bytes (transfers) or flops; each buffer track a counter track of bytes in use under
// its core; each cross-core flag a flow from the setter's slice to the waiter's. Names are
// interned once. Packets are streamed one by one: memory does not grow with the trace.
#include <ostream>
#include <string>

#include "core/ops/trace.h"

namespace amla {

// Throws std::invalid_argument for an inconsistent trace (the same checks as the Chrome
// writer), before writing anything.
void write_perfetto_trace(const Trace& trace, std::ostream& out);

// The nanosecond timestamp of a cycle in the Perfetto trace (cycle 0 -> 1 ns).
std::uint64_t perfetto_trace_ns(const Trace& trace, std::int64_t cycle);

}  // namespace amla
