#pragma once
// The trace file formats, in one table: what --trace-format accepts, which extension picks
// which format, what the studio's export dialog offers; and writing a trace in any of them
// through the output layer (all-or-nothing, errors name --trace).
//
// A new format is a row in trace_formats() and a case in write_trace().
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/ops/trace.h"

namespace amla {

enum class TraceFormat : std::uint8_t {
  kChrome,      // Chrome Trace Event JSON (chrome_trace_writer.h)
  kChromeGzip,  // the same JSON, gzip-compressed (Perfetto and chrome://tracing open it)
  kPerfetto,    // Perfetto's protobuf trace (perfetto_trace_writer.h)
  kInsight,     // the msprof op simulator's layout for MindStudio Insight (insight_trace_writer.h)
};

struct TraceFormatInfo {
  TraceFormat format;
  std::string name;                     // the --trace-format value: "chrome-gz"
  std::string label;                    // "Chrome trace JSON, gzip"
  std::vector<std::string> extensions;  // lower case, the first one suggested: ".json.gz"
  // Whether the extension alone picks this format (Insight's files are .json like Chrome's, so
  // only --trace-format insight or the export dialog's filter asks for it).
  bool by_extension = true;
};

const std::vector<TraceFormatInfo>& trace_formats();
const TraceFormatInfo& trace_format_info(TraceFormat format);
std::optional<TraceFormat> trace_format_named(std::string_view name);
// The format a file name's extension asks for (case-insensitive, the longest match), or none.
std::optional<TraceFormat> trace_format_of_extension(const std::string& path);
// The format for --trace PATH: `forced` if given, else the extension's, else Chrome JSON (what
// --trace wrote before there were formats, so /dev/stdout and names without one keep working).
TraceFormat trace_format_for(const std::string& path, std::optional<TraceFormat> forced);

// Throws std::invalid_argument for an inconsistent trace before writing anything.
void write_trace(const Trace& trace, std::ostream& out, TraceFormat format);
// Into a file that is either complete or absent (or into the active OutputSet that declared
// it); a failed write throws InputError("--trace") with the cause.
void write_trace_file(const Trace& trace, const std::string& path, TraceFormat format);

}  // namespace amla
