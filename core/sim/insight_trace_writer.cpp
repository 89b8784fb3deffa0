#include "core/sim/insight_trace_writer.h"

#include "core/sim/chrome_trace_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace amla {
namespace {

constexpr Unit kUnits[] = {Unit::kAic, Unit::kAiv0, Unit::kAiv1};

// Events go into a bounded chunk that is handed to the stream as it fills.
class Chunk {
 public:
  explicit Chunk(std::ostream& out) : out_(out) { buf_.reserve(kFlushAt + 4096); }
  Chunk& operator<<(const char* s) {
    buf_ += s;
    return *this;
  }
  Chunk& operator<<(const std::string& s) {
    buf_ += s;
    return *this;
  }
  Chunk& operator<<(std::int64_t v) {
    char tmp[24];
    buf_.append(tmp, std::to_chars(tmp, tmp + sizeof tmp, v).ptr);
    return *this;
  }
  Chunk& operator<<(int v) { return *this << static_cast<std::int64_t>(v); }
  // Shortest text that reads back as the same double: ts * MHz rounds back to the cycle.
  Chunk& real(double v) {
    if (!std::isfinite(v)) v = 0;
    char tmp[32];
    buf_.append(tmp, std::to_chars(tmp, tmp + sizeof tmp, v).ptr);
    return *this;
  }
  void event_start() {
    buf_ += first_ ? "\n{" : ",\n{";
    first_ = false;
  }
  void event_end() {
    buf_ += '}';
    if (buf_.size() >= kFlushAt) flush();
  }
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 16;
  std::ostream& out_;
  std::string buf_;
  bool first_ = true;
};

std::string json_string(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write_metadata(const Trace& trace, Chunk& c) {
  for (int core = 0; core < trace.cores; ++core) {
    for (const Unit u : kUnits) {
      const std::string pid = "\"" + msprof_core_name(core, u) + "\"";
      c.event_start();
      c << "\"name\":\"process_name\",\"ph\":\"M\",\"pid\":" << pid << ",\"args\":{\"name\":" << pid
        << "}";
      c.event_end();
      c.event_start();
      c << "\"name\":\"process_sort_index\",\"ph\":\"M\",\"pid\":" << pid
        << ",\"args\":{\"sort_index\":" << msprof_process_sort_index(core, u) << "}";
      c.event_end();
      for (int p = 0; p < kPipeCount; ++p) {
        const auto pipe = static_cast<Pipe>(p);
        if (!unit_has_pipe(u, pipe)) continue;
        const std::string tid = std::string("\"") + pipe_name(pipe) + "\"";
        c.event_start();
        c << "\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":" << pid << ",\"tid\":" << tid
          << ",\"args\":{\"name\":" << tid << "}";
        c.event_end();
        c.event_start();
        c << "\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":" << pid << ",\"tid\":" << tid
          << ",\"args\":{\"sort_index\":" << msprof_thread_sort_index(pipe) << "}";
        c.event_end();
      }
    }
  }
}

}  // namespace

std::string msprof_core_name(int core, Unit unit) {
  return "core" + std::to_string(core) +
         (unit == Unit::kAic    ? ".cubecore0"
          : unit == Unit::kAiv0 ? ".veccore0"
                                : ".veccore1");
}

int msprof_process_sort_index(int core, Unit unit) {
  return unit == Unit::kAic ? core * 3 + 1 : core * 3 + 2 + (unit == Unit::kAiv1 ? 1 : 0);
}

int msprof_thread_sort_index(Pipe pipe) {
  // msprof: SCALAR 1, FLOWCTRL 2, MTE1 3, CUBE 4, FIXP 5, MTE2 6, VECTOR 7, MTE3 8, CACHEMISS 9.
  switch (pipe) {
    case Pipe::kScalar:
      return 1;
    case Pipe::kMte1:
      return 3;
    case Pipe::kCube:
      return 4;
    case Pipe::kFixp:
      return 5;
    case Pipe::kMte2:
      return 6;
    case Pipe::kVector:
      return 7;
    case Pipe::kMte3:
      return 8;
  }
  return 9;
}

void write_insight_trace(const Trace& trace, std::ostream& out) {
  check_trace_exportable(trace);  // the same checks as every trace format
  const double mhz = trace.clock_ghz * 1000.0;
  const auto us = [&](std::int64_t cycles) { return static_cast<double>(cycles) / mhz; };
  Chunk c(out);
  // Insight enters its simulation mode only when "profilingType" and "op" precede the first '['.
  c << "{\"schemaVersion\":2,\"displayTimeUnit\":\"ns\",\"profilingType\":\"op\",\"traceEvents\":[";
  write_metadata(trace, c);
  const OpTrace& ops = trace.ops;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const int lane = ops.lane[i];
    c.event_start();
    c << "\"name\":\"" << op_kind_name(ops.kind[i]) << "\",\"ph\":\"X\",\"pid\":\""
      << msprof_core_name(lane_core(lane), lane_unit(lane)) << "\",\"tid\":\""
      << pipe_name(lane_pipe(lane)) << "\",\"ts\":";
    c.real(us(ops.start[i]));
    c << ",\"dur\":";
    c.real(us(ops.end[i] - ops.start[i]));
    c << ",\"args\":{\"detail\":\"task " << static_cast<std::int64_t>(ops.task[i])
      << "\",\"start_cycle\":" << ops.start[i] << ",\"end_cycle\":" << ops.end[i];
    if (op_kind_is_transfer(ops.kind[i])) {
      c << ",\"process_bytes\":";
      c.real(ops.bytes(i));
    }
    c << "}";
    c.event_end();
  }
  {
    // One flow per cross-core flag: from the start of the op that set it to the start of the
    // op it released (a flow binds to the slice that encloses its timestamp).
    for (std::size_t e = 0; e < trace.flags.size(); ++e) {
      const FlagEdge& f = trace.flags[e];
      const int set_lane = ops.lane[static_cast<std::size_t>(f.set_op)];
      const int wait_lane = ops.lane[static_cast<std::size_t>(f.wait_op)];
      const std::string cat =
          std::string(pipe_name(lane_pipe(set_lane))) + "To" + pipe_name(lane_pipe(wait_lane));
      for (int end = 0; end < 2; ++end) {
        const std::int64_t op = end == 0 ? f.set_op : f.wait_op;
        const int lane = end == 0 ? set_lane : wait_lane;
        c.event_start();
        c << "\"name\":\"flow\",\"ph\":\"" << (end == 0 ? "s" : "t") << "\",\"cat\":\"" << cat
          << "\",\"id\":\"intra_" << static_cast<std::int64_t>(e) << "\",\"pid\":\""
          << msprof_core_name(lane_core(lane), lane_unit(lane)) << "\",\"tid\":\""
          << pipe_name(lane_pipe(lane)) << "\",\"ts\":";
        c.real(us(ops.start[static_cast<std::size_t>(op)]));
        if (end == 0) {
          c << ",\"args\":{\"flag\":" << static_cast<int>(f.flag_id)
            << ",\"set_cycle\":" << f.set_cycle << ",\"ready_cycle\":" << f.ready_cycle << "}";
        } else {
          c << ",\"bp\":\"e\"";
        }
        c.event_end();
      }
    }
  }
  {
    for (const BufferTrack& b : trace.buffers) {
      const std::string name = json_string(b.name.empty() ? buffer_kind_name(b.buffer) : b.name);
      const std::string pid = "\"" + msprof_core_name(b.core, b.unit) + "\"";
      for (std::size_t i = 0; i < b.time.size(); ++i) {
        c.event_start();
        c << "\"name\":" << name << ",\"ph\":\"C\",\"pid\":" << pid << ",\"ts\":";
        // Insight drops counters at ts 0: the opening sample sits half a cycle in.
        c.real(b.time[i] > 0 ? us(b.time[i]) : 0.5 / mhz);
        c << ",\"args\":{\"bytes\":" << b.used[i] << "}";
        c.event_end();
      }
    }
  }
  c << "\n]}\n";
  c.flush();
}

}  // namespace amla
