#include "core/sim/trace_export.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/common/atomic_file.h"
#include "core/common/gzip_ostream.h"
#include "core/sim/chrome_trace_writer.h"
#include "core/sim/insight_trace_writer.h"
#include "core/sim/perfetto_trace_writer.h"

namespace amla {
namespace {

// zlib's fastest level: the JSON ~10x smaller at ~3x the JSON's own write time; level 6 saves
// another fifth of the size for 2.5x the time (tests/bench/bench_trace_formats.cpp).
constexpr int kGzipLevel = 1;

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

const std::vector<TraceFormatInfo>& trace_formats() {
  static const std::vector<TraceFormatInfo> formats = {
      {TraceFormat::kChrome, "chrome", "Chrome trace JSON", {".json"}},
      {TraceFormat::kChromeGzip, "chrome-gz", "Chrome trace JSON, gzip", {".json.gz"}},
      {TraceFormat::kPerfetto,
       "perfetto",
       "Perfetto protobuf trace",
       {".perfetto-trace", ".pftrace"}},
      {TraceFormat::kInsight,
       "insight",
       "MindStudio Insight trace (msprof layout)",
       {".json"},
       false},
  };
  return formats;
}

const TraceFormatInfo& trace_format_info(TraceFormat format) {
  for (const TraceFormatInfo& f : trace_formats()) {
    if (f.format == format) return f;
  }
  throw std::logic_error("trace format missing from trace_formats()");
}

std::optional<TraceFormat> trace_format_named(std::string_view name) {
  for (const TraceFormatInfo& f : trace_formats()) {
    if (f.name == name) return f.format;
  }
  return std::nullopt;
}

std::optional<TraceFormat> trace_format_of_extension(const std::string& path) {
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::optional<TraceFormat> best;
  std::size_t best_length = 0;
  for (const TraceFormatInfo& f : trace_formats()) {
    if (!f.by_extension) continue;
    for (const std::string& ext : f.extensions) {
      if (ext.size() > best_length && ends_with(lower, ext)) {
        best = f.format;
        best_length = ext.size();
      }
    }
  }
  return best;
}

TraceFormat trace_format_for(const std::string& path, std::optional<TraceFormat> forced) {
  if (forced) return *forced;
  return trace_format_of_extension(path).value_or(TraceFormat::kChrome);
}

void write_trace(const Trace& trace, std::ostream& out, TraceFormat format) {
  switch (format) {
    case TraceFormat::kChrome:
      write_chrome_trace(trace, out);
      return;
    case TraceFormat::kChromeGzip: {
      check_trace_exportable(trace);  // refuse before the gzip header is written
      GzipOstream gz(out, kGzipLevel);
      write_chrome_trace(trace, gz);
      gz.finish();  // a failure is on `out`'s state, where the caller looks
      return;
    }
    case TraceFormat::kPerfetto:
      write_perfetto_trace(trace, out);
      return;
    case TraceFormat::kInsight:
      write_insight_trace(trace, out);
      return;
  }
  throw std::logic_error("unhandled trace format");
}

void write_trace_file(const Trace& trace, const std::string& path, TraceFormat format) {
  write_file_atomically("--trace", path,
                        [&](std::ostream& out) { write_trace(trace, out, format); });
}

}  // namespace amla
