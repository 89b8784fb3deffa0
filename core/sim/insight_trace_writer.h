#pragma once
// Writes a Trace in the msprof op simulator's own layout, so MindStudio Insight opens it in its
// operator-simulation views: the {"schemaVersion":2,"profilingType":"op",...} header before the
// event array, one process per core and unit named as msprof names them ("core0.cubecore0",
// "core0.veccore1"), one thread per pipe named by the pipe ("MTE2"), process and thread sort
// indices on every lane (msprof's order), ops as X events in microseconds, cross-core flags as
// flow pairs ("s"/"t", cat "FIXPToMTE2", id "intra_N"), buffer occupancy as counters with none at
// ts 0 (Insight drops those). Streamed event by event, like the Chrome writer.
#include <ostream>
#include <string>

#include "core/ops/trace.h"

namespace amla {

// Throws std::invalid_argument for an inconsistent trace before writing anything.
// Files: write_trace_file(trace, path, TraceFormat::kInsight) (trace_export.h), through the
// output layer like every format.
void write_insight_trace(const Trace& trace, std::ostream& out);

// msprof's names and orders, shared with the reader's tests: "core3.veccore1"; the process sort
// index (cube core*3+1, vector core*3+2+i); a pipe's thread sort index (SCALAR 1 ... MTE3 8).
std::string msprof_core_name(int core, Unit unit);
int msprof_process_sort_index(int core, Unit unit);
int msprof_thread_sort_index(Pipe pipe);

}  // namespace amla
