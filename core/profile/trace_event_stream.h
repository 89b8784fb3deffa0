#pragma once
// Streams the events of a Chrome-trace-style JSON document (the msprof simulator's trace.json,
// msprof's timeline JSON) one at a time, with nlohmann::json's SAX parser over bounded chunks:
// memory stays at one event plus a 1 MB buffer, whatever the file's size. Accepts both shapes:
// {"traceEvents": [...], ...header} and a top-level array. Every error names the file, the line
// and byte offset, and the field (InputError).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/profile/byte_source.h"

namespace amla {

// A pid, tid or id: the msprof files use both strings and integers.
struct EventId {
  bool present = false;
  bool is_text = false;
  std::string text;
  std::int64_t number = 0;
  std::string str() const { return is_text ? text : std::to_string(number); }
};

struct TraceEvent {
  std::size_t index = 0;       // position in the event array
  std::uint64_t offset = 0;    // byte offset of its '{'
  std::uint64_t line = 1;      // line of its '{'
  bool in_root_array = false;  // the document is a top-level array (no "traceEvents")
  std::string name, ph, cat;
  EventId pid, tid, id;
  std::optional<double> ts, dur;  // microseconds (numbers or numeric strings)
  std::vector<std::pair<std::string, double>> number_args;     // args' numeric members
  std::vector<std::pair<std::string, std::string>> text_args;  // args' string members
  const std::string* text_arg(const std::string& key) const;
  const double* number_arg(const std::string& key) const;
};

// The document's top-level members other than the events (all-cores trace header).
struct TraceHeader {
  bool top_level_array = false;
  std::optional<std::int64_t> schema_version;
  std::string profiling_type;
};

class TraceEventConsumer {
 public:
  virtual ~TraceEventConsumer() = default;
  virtual void on_event(const TraceEvent& event) = 0;
};

// Parses the whole document, calling `consumer` per event. `source_name` prefixes messages.
TraceHeader stream_trace_events(ByteSource& bytes, const std::string& source_name,
                                TraceEventConsumer& consumer);

// A number as a file would write it ("-2", "1e+300"), for messages.
std::string shown_number(double v);

// "trace.json, line 12 (byte 3456): traceEvents[41].dur" for an error about `event`.
std::string event_field(const std::string& source_name, const TraceEvent& event,
                        const std::string& member);

}  // namespace amla
