#pragma once
// Per-op CSV export: one line per op, for spreadsheets and scripts that cross-check the
// simulator against real profiles. Times are absolute, in cycles and in microseconds.
#include <ostream>
#include <string>

#include "core/ops/trace.h"

namespace amla {

// Header: core,unit,pipe,kind,task,start_cycle,end_cycle,duration_cycles,start_us,duration_us,
// bytes,flops. Lines follow the trace's order (by lane, then start). Throws
// std::invalid_argument for an inconsistent trace before writing anything.
void write_ops_csv(const Trace& trace, std::ostream& out);

// The same into a file that is either complete or absent; failures throw InputError("--csv").
void write_ops_csv_file(const Trace& trace, const std::string& path);

}  // namespace amla
