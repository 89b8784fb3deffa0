#pragma once
// Turns the ops, flag marks and counters a reader finds, in file order, into a ProfileTrace:
// lanes the simulator models become its lanes (sorted by start, as the simulator leaves them),
// others become extra lanes under their own names, flag marks become set -> wait edges between
// ops, and overlapping ops on one lane are refused naming the file, byte offset and field.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/profile/profile_trace.h"

namespace amla {

class ProfileBuilder {
 public:
  // `out` receives everything at finish(); source and clock are set on it now.
  ProfileBuilder(ProfileTrace& out, const std::string& source, double clock_mhz);

  // A lane: the pipe `pipe` of (core, unit). `sub` numbers the sub-lanes of a pipe in per-core
  // traces ("MTE2_1", "MTE2_2"): the lowest of a pipe is its lane, the others extra lanes.
  int lane(int core, Unit unit, const std::string& pipe, int sub = -1);
  void set_lane_unit(int lane, Unit unit) { lanes_[static_cast<std::size_t>(lane)].unit = unit; }
  Unit lane_unit_of(int lane) const { return lanes_[static_cast<std::size_t>(lane)].unit; }
  std::size_t lane_count() const { return lanes_.size(); }

  // Microseconds; checked by the reader (finite, >= 0, bounded). `offset` locates the op in
  // the file for later messages.
  void add_op(int lane, double ts_us, double dur_us, const std::string& name, std::uint64_t offset);

  struct MarkArgs {  // what our own writer records on a flow's start; absent in msprof files
    std::optional<double> flag, set_cycle, ready_cycle;
  };
  void add_flag_mark(int lane, FlagMark::Kind kind, const std::string& id, double begin_us,
                     double end_us, const MarkArgs& args = {});
  void add_counter(const std::string& process, const std::string& name, double ts_us, double value);
  void count_skipped() { ++out_.skipped_pseudo_events; }
  // A core the file declares (its metadata), busy or not: counted in the trace's cores.
  void note_core(int core) { declared_cores_ = std::max(declared_cores_, core + 1); }

  // The largest time accepted, in microseconds (about 11.6 days): keeps cycles exact in int64.
  static constexpr double kMaxMicros = 1e12;

  // Builds the ProfileTrace; throws InputError for overlapping ops or no ops at all.
  void finish();

 private:
  struct LaneKey {
    int core;
    Unit unit;
    std::string pipe;
    int sub;
  };
  std::int64_t cycles(double us) const;

  ProfileTrace& out_;
  double mhz_;
  int declared_cores_ = 0;
  std::vector<LaneKey> lanes_;
  std::unordered_map<std::string, int> lane_ids_;
  std::unordered_map<std::string, std::int32_t> name_ids_;
  // Ops in file order.
  std::vector<std::int32_t> op_lane_, op_name_;
  std::vector<std::int64_t> op_start_, op_end_;
  std::vector<std::uint64_t> op_offset_;
  struct RawMark {
    int lane;
    FlagMark::Kind kind;
    std::string id;
    std::int64_t begin, end;
    MarkArgs args;
  };
  std::vector<RawMark> marks_;
  std::unordered_map<std::string, std::size_t> counter_ids_;
};

// The pipe named `name` when the simulator models it on `unit` ("MTE2" -> kMte2).
std::optional<Pipe> modelled_pipe(Unit unit, const std::string& name);

}  // namespace amla
