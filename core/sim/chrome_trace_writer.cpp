#include "core/sim/chrome_trace_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/atomic_file.h"
#include "core/sim/trace_lanes.h"

namespace amla {
namespace {

int pid_of_core(int core) { return core + 1; }  // pid 0 is treated as "no process" by some UIs
int tid_of(Unit u, Pipe p) { return static_cast<int>(u) * 16 + static_cast<int>(p) + 1; }

void fail(const std::string& what) { throw std::invalid_argument("trace export: " + what); }

// Checks everything the writer indexes with, so a bad trace fails before the first byte.
void validate(const Trace& trace, const ChromeTraceOptions& options) {
  if (!(trace.clock_ghz > 0.0) || !std::isfinite(trace.clock_ghz)) fail("clock_ghz must be > 0");
  if (trace.cores < 0) fail("negative core count");
  if (!std::isfinite(options.ts_offset_us) || options.ts_offset_us < 1e-6) {
    fail("ts_offset_us must be at least 0.000001 (no event may sit at ts 0)");
  }
  const OpTrace& ops = trace.ops;
  const std::size_t n = ops.size();
  if (!ops.columns_agree()) {
    fail("op arrays have different lengths");
  }
  const std::int64_t lanes = static_cast<std::int64_t>(trace.cores) * kUnitCount * kPipeCount;
  // Timestamps are integer picoseconds computed in double: keep them exact (below 2^53).
  const double max_cycles = 8e15 / (1000.0 / trace.clock_ghz);
  const auto too_late = [&](std::int64_t cycle) { return static_cast<double>(cycle) > max_cycles; };
  if (too_late(options.start_cycle)) fail("start_cycle beyond the exportable time range");
  for (std::size_t i = 0; i < n; ++i) {
    const int lane = ops.lane[i];
    if (lane < 0 || lane >= lanes) fail("op " + std::to_string(i) + " has lane out of range");
    if (!unit_has_pipe(lane_unit(lane), lane_pipe(lane))) {
      fail("op " + std::to_string(i) + " is on " + unit_name(lane_unit(lane)) + " / " +
           pipe_name(lane_pipe(lane)) + ", which does not exist");
    }
    if (static_cast<int>(ops.kind[i]) >= kOpKindCount) fail("op " + std::to_string(i) + " kind");
    if (ops.start[i] < 0 || ops.end[i] < ops.start[i] || too_late(ops.end[i])) {
      fail("op " + std::to_string(i) + " has start < 0, end < start or an end out of range");
    }
  }
  for (const FlagEdge& f : trace.flags) {
    if (f.set_op < 0 || f.wait_op < 0 || static_cast<std::size_t>(f.set_op) >= n ||
        static_cast<std::size_t>(f.wait_op) >= n) {
      fail("flag " + std::to_string(f.flag_id) + " names an op that does not exist");
    }
  }
  for (const BufferTrack& b : trace.buffers) {
    if (b.core < 0 || b.core >= trace.cores) fail("buffer track core out of range");
    if (b.time.size() != b.used.size()) fail("buffer track time/used lengths differ");
    if (!b.time.empty() && (b.time.front() < 0 || too_late(b.time.back()))) {
      fail("buffer track outside cycles [0, max)");
    }
    if (!std::is_sorted(b.time.begin(), b.time.end())) fail("buffer track time decreases");
  }
}

// Builds events into a bounded chunk and hands it to the stream when it grows: streaming
// without a syscall per event, and without the whole document in memory.
class EventSink {
 public:
  EventSink(std::ostream& out, double clock_ghz, double offset_us)
      : out_(out), ps_per_cycle_(1000.0 / clock_ghz), offset_ps_(std::llround(offset_us * 1e6)) {
    buf_.reserve(kFlushAt + 4096);
  }

  void begin() { buf_ += "{\"traceEvents\":["; }
  void finish() {
    buf_ += "\n],\"displayTimeUnit\":\"ns\"}\n";
    flush();
  }

  // Starts an event object; the caller appends its fields and calls end_event().
  void begin_event() {
    buf_ += first_ ? "\n{" : ",\n{";
    first_ = false;
  }
  void end_event() {
    buf_ += '}';
    if (buf_.size() >= kFlushAt) flush();
  }

  void raw(const char* s) { buf_ += s; }
  void quoted(const char* s) {  // for our own fixed ASCII names: nothing to escape
    buf_ += '"';
    buf_ += s;
    buf_ += '"';
  }
  void escaped(const std::string& s) {
    buf_ += nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  void integer(std::int64_t v) {
    char tmp[24];
    const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    buf_.append(tmp, r.ptr);
  }
  void number(double v) {  // shortest round-trip form; JSON has no inf/NaN
    if (!std::isfinite(v)) {
      buf_ += "null";
      return;
    }
    char tmp[32];
    const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    buf_.append(tmp, r.ptr);
  }

  // Cycles -> picoseconds (integers), so ts + dur of one op equals the ts of an op that starts
  // where it ends: rounding ts and dur separately could make back-to-back ops overlap by 1 ps,
  // which viewers render as wrong nesting.
  std::int64_t ps(std::int64_t cycles) const {
    return std::llround(static_cast<double>(cycles) * ps_per_cycle_) + offset_ps_;
  }
  // Microseconds with six decimals (%.6f), written exactly from integer picoseconds.
  void micros(std::int64_t ps) {
    if (ps < 0) {
      buf_ += '-';
      ps = -ps;
    }
    integer(ps / 1000000);
    char frac[7];
    std::int64_t f = ps % 1000000;
    for (int i = 5; i >= 0; --i, f /= 10) frac[i] = static_cast<char>('0' + f % 10);
    frac[6] = '\0';
    buf_ += '.';
    buf_ += frac;
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 16;
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

  std::ostream& out_;
  double ps_per_cycle_;
  std::int64_t offset_ps_;
  std::string buf_;
  bool first_ = true;
};

void write_metadata(const Trace& trace, EventSink& s) {
  for (int core = 0; core < trace.cores; ++core) {
    const int pid = pid_of_core(core);
    s.begin_event();
    s.raw("\"name\":\"process_name\",\"ph\":\"M\",\"pid\":");
    s.integer(pid);
    s.raw(",\"tid\":0,\"args\":{\"name\":\"Core ");
    s.integer(core);
    s.raw("\"}");
    s.end_event();
    s.begin_event();
    s.raw("\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":");
    s.integer(pid);
    s.raw(",\"tid\":0,\"args\":{\"sort_index\":");
    s.integer(core);
    s.raw("}");
    s.end_event();
    // Every lane the hardware has, busy or not: a stable layout that matches msprof's.
    int sort_index = 0;
    for (Unit u : kTraceUnits) {
      for (const Pipe p : trace_pipes_of(u)) {
        const int tid = tid_of(u, p);
        s.begin_event();
        s.raw("\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":");
        s.integer(pid);
        s.raw(",\"tid\":");
        s.integer(tid);
        s.raw(",\"args\":{\"name\":\"");
        s.raw(trace_lane_name(u, p).c_str());
        s.raw("\"}");
        s.end_event();
        s.begin_event();
        s.raw("\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":");
        s.integer(pid);
        s.raw(",\"tid\":");
        s.integer(tid);
        s.raw(",\"args\":{\"sort_index\":");
        s.integer(sort_index++);
        s.raw("}");
        s.end_event();
      }
    }
  }
}

void write_ops(const Trace& trace, const std::vector<char>& keep, EventSink& s) {
  const OpTrace& ops = trace.ops;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (!keep[i]) continue;
    const int lane = ops.lane[i];
    const Unit u = lane_unit(lane);
    const Pipe p = lane_pipe(lane);
    const std::int64_t ts = s.ps(ops.start[i]);
    s.begin_event();
    s.raw("\"name\":");
    s.quoted(op_kind_name(ops.kind[i]));
    s.raw(",\"cat\":");
    s.quoted(pipe_name(p));
    s.raw(",\"ph\":\"X\",\"pid\":");
    s.integer(pid_of_core(lane_core(lane)));
    s.raw(",\"tid\":");
    s.integer(tid_of(u, p));
    s.raw(",\"ts\":");
    s.micros(ts);
    s.raw(",\"dur\":");
    s.micros(s.ps(ops.end[i]) - ts);
    s.raw(",\"args\":{\"start_cycle\":");
    s.integer(ops.start[i]);
    s.raw(",\"end_cycle\":");
    s.integer(ops.end[i]);
    s.raw(",\"task\":");
    s.integer(ops.task[i]);
    // Transfers are measured in bytes, compute in FLOPs; one of the two is meaningful.
    if (op_kind_is_transfer(ops.kind[i])) {
      s.raw(",\"bytes\":");
      s.number(ops.bytes(i));
    } else {
      s.raw(",\"flops\":");
      s.number(ops.flops(i));
    }
    s.raw("}");
    s.end_event();
  }
}

void write_counter(EventSink& s, int pid, const std::string& name, std::int64_t ps,
                   std::int64_t used) {
  s.begin_event();
  s.raw("\"name\":");
  s.escaped(name);
  s.raw(",\"ph\":\"C\",\"pid\":");
  s.integer(pid);
  s.raw(",\"tid\":0,\"ts\":");
  s.micros(ps);
  s.raw(",\"args\":{\"bytes\":");
  s.integer(used);
  s.raw("}");
  s.end_event();
}

void write_counters(const Trace& trace, const ChromeTraceOptions& o, EventSink& s) {
  for (const BufferTrack& b : trace.buffers) {
    const std::string name = trace_counter_name(b);
    const int pid = pid_of_core(b.core);
    // The step in effect when the range opens, pinned to its start, then the steps inside it.
    auto first = std::upper_bound(b.time.begin(), b.time.end(), o.start_cycle);
    std::size_t i = static_cast<std::size_t>(first - b.time.begin());
    if (i > 0) write_counter(s, pid, name, s.ps(o.start_cycle), b.used[i - 1]);
    for (; i < b.time.size() && b.time[i] < o.end_cycle; ++i) {
      write_counter(s, pid, name, s.ps(b.time[i]), b.used[i]);
    }
  }
}

// One arrow per flag: from the end of the op that set it to the start of the op it released.
// An arrow is kept only if both of its ops are, or it would bind to nothing.
void write_flows(const Trace& trace, const std::vector<char>& keep, EventSink& s) {
  const OpTrace& ops = trace.ops;
  for (std::size_t e = 0; e < trace.flags.size(); ++e) {
    const FlagEdge& f = trace.flags[e];
    if (!keep[f.set_op] || !keep[f.wait_op]) continue;
    const std::int64_t id = static_cast<std::int64_t>(e) + 1;
    for (int end = 0; end < 2; ++end) {
      const std::int64_t op = end == 0 ? f.set_op : f.wait_op;
      const int lane = ops.lane[op];
      s.begin_event();
      s.raw("\"name\":\"flag ");
      s.integer(f.flag_id);
      s.raw(end == 0 ? "\",\"cat\":\"flag\",\"ph\":\"s\",\"id\":"
                     : "\",\"cat\":\"flag\",\"ph\":\"f\",\"bp\":\"e\",\"id\":");
      s.integer(id);
      s.raw(",\"pid\":");
      s.integer(pid_of_core(lane_core(lane)));
      s.raw(",\"tid\":");
      s.integer(tid_of(lane_unit(lane), lane_pipe(lane)));
      s.raw(",\"ts\":");
      s.micros(s.ps(end == 0 ? ops.end[op] : ops.start[op]));
      if (end == 0) {
        s.raw(",\"args\":{\"set_cycle\":");
        s.integer(f.set_cycle);
        s.raw(",\"ready_cycle\":");
        s.integer(f.ready_cycle);
        s.raw("}");
      }
      s.end_event();
    }
  }
}

}  // namespace

void check_trace_exportable(const Trace& trace) { validate(trace, ChromeTraceOptions{}); }

void write_chrome_trace(const Trace& trace, std::ostream& out, const ChromeTraceOptions& options) {
  validate(trace, options);
  // Which ops overlap the range; a zero-length op counts if it sits inside it.
  const OpTrace& ops = trace.ops;
  std::vector<char> keep(ops.size());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    keep[i] = ops.start[i] < options.end_cycle &&
              (ops.end[i] > options.start_cycle || ops.start[i] >= options.start_cycle);
  }
  EventSink sink(out, trace.clock_ghz, options.ts_offset_us);
  sink.begin();
  write_metadata(trace, sink);
  write_ops(trace, keep, sink);
  if (options.include_counters) write_counters(trace, options, sink);
  if (options.include_flows) write_flows(trace, keep, sink);
  sink.finish();
}

void write_chrome_trace_file(const Trace& trace, const std::string& path,
                             const ChromeTraceOptions& options) {
  write_file_atomically("--trace", path,
                        [&](std::ostream& out) { write_chrome_trace(trace, out, options); });
}

}  // namespace amla
