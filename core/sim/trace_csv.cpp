#include "core/sim/trace_csv.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "core/common/atomic_file.h"

namespace amla {
namespace {

void validate(const Trace& trace) {
  const OpTrace& ops = trace.ops;
  const std::size_t n = ops.size();
  if (!(trace.clock_ghz > 0.0) || !std::isfinite(trace.clock_ghz)) {
    throw std::invalid_argument("ops csv: clock_ghz must be > 0");
  }
  if (!ops.columns_agree()) {
    throw std::invalid_argument("ops csv: op arrays have different lengths");
  }
  const std::int64_t lanes = static_cast<std::int64_t>(trace.cores) * kUnitCount * kPipeCount;
  for (std::size_t i = 0; i < n; ++i) {
    if (ops.lane[i] < 0 || ops.lane[i] >= lanes) {
      throw std::invalid_argument("ops csv: op " + std::to_string(i) + " has lane out of range");
    }
  }
}

// Fields are our own fixed names and numbers: nothing needs quoting.
class CsvChunk {
 public:
  explicit CsvChunk(std::ostream& out) : out_(out) { buf_.reserve(kFlushAt + 512); }
  void text(const char* s) {
    separate();
    buf_ += s;
  }
  void integer(std::int64_t v) {
    char tmp[24];
    append(tmp, std::to_chars(tmp, tmp + sizeof tmp, v).ptr);
  }
  void micros(double v) {  // %.6f
    char tmp[48];
    append(tmp, std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::fixed, 6).ptr);
  }
  void number(double v) {  // shortest form that reads back exactly
    char tmp[48];
    append(tmp, std::to_chars(tmp, tmp + sizeof tmp, v).ptr);
  }
  void end_line() {
    buf_ += '\n';
    first_ = true;
    if (buf_.size() >= kFlushAt) flush();
  }
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 16;
  void separate() {
    if (!first_) buf_ += ',';
    first_ = false;
  }
  void append(const char* begin, const char* end) {
    separate();
    buf_.append(begin, end);
  }

  std::ostream& out_;
  std::string buf_;
  bool first_ = true;
};

}  // namespace

void write_ops_csv(const Trace& trace, std::ostream& out) {
  validate(trace);
  const OpTrace& ops = trace.ops;
  const double cycles_per_us = trace.clock_ghz * 1000.0;
  out << "core,unit,pipe,kind,task,start_cycle,end_cycle,duration_cycles,start_us,duration_us,"
         "bytes,flops\n";
  // Lines go into a bounded chunk (to_chars, no locale) that is handed to the stream when full.
  CsvChunk chunk(out);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const int lane = ops.lane[i];
    const std::int64_t duration = ops.end[i] - ops.start[i];
    chunk.integer(lane_core(lane));
    chunk.text(unit_name(lane_unit(lane)));
    chunk.text(pipe_name(lane_pipe(lane)));
    chunk.text(op_kind_name(ops.kind[i]));
    chunk.integer(ops.task[i]);
    chunk.integer(ops.start[i]);
    chunk.integer(ops.end[i]);
    chunk.integer(duration);
    chunk.micros(static_cast<double>(ops.start[i]) / cycles_per_us);
    chunk.micros(static_cast<double>(duration) / cycles_per_us);
    chunk.number(ops.bytes(i));
    chunk.number(ops.flops(i));
    chunk.end_line();
  }
  chunk.flush();
}

void write_ops_csv_file(const Trace& trace, const std::string& path) {
  write_file_atomically("--csv", path, [&](std::ostream& out) { write_ops_csv(trace, out); });
}

}  // namespace amla
