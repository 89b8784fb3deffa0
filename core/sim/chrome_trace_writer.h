#pragma once
// Exports a Trace as Chrome Trace Event JSON (Perfetto, chrome://tracing, MindStudio Insight).
// The document is streamed event by event, so a trace of millions of ops never sits in memory
// twice. Layout: one process per core ("Core N"), one thread per existing (unit, pipe) lane
// ("AIC / CUBE") in msprof order, ops as complete events (args: start_cycle, end_cycle, task
// (-1 = none), and bytes for transfers or flops otherwise), buffer occupancy as counters (args:
// bytes) and cross-core flags as flow arrows from the setter's end to the waiter's start.
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>

#include "core/ops/trace.h"

namespace amla {

struct ChromeTraceOptions {
  // Keep the ops that overlap [start_cycle, end_cycle); times stay absolute (not re-based), so
  // they match the timeline and the CSV.
  std::int64_t start_cycle = 0;
  std::int64_t end_cycle = std::numeric_limits<std::int64_t>::max();
  bool include_counters = true;
  bool include_flows = true;
  // Added to every timestamp: Insight mis-renders an event at ts 0 as a placeholder, so cycle 0
  // must not map to ts 0. Must be > 0.
  double ts_offset_us = 0.001;
};

// Throws std::invalid_argument for an inconsistent trace (array sizes, a lane or core out of
// range, a flag naming a missing op) or options (offset <= 0), before writing anything.
void write_chrome_trace(const Trace& trace, std::ostream& out,
                        const ChromeTraceOptions& options = {});

// The checks above for the whole trace, for the other formats' writers (same rules, same
// messages).
void check_trace_exportable(const Trace& trace);

// The same into a file that is either complete or absent; failures throw InputError("--trace").
void write_chrome_trace_file(const Trace& trace, const std::string& path,
                             const ChromeTraceOptions& options = {});

}  // namespace amla
