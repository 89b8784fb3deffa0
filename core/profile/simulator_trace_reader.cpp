// The msprof op simulator's trace.json: the all-cores file (pid "core0.veccore1", tid = pipe)
// and the per-core file (an integer pid per pipe, tid lanes "MTE2_1").
#include <charconv>
#include <cmath>
#include <map>

#include "core/common/bounded_read.h"
#include "core/common/input_error.h"
#include "core/profile/profile_builder.h"
#include "core/profile/profile_reader.h"
#include "core/profile/trace_event_stream.h"

namespace amla {
namespace {

constexpr int kMaxCores = 4096;

// The per-core file's process ids, one per pipe.
const char* pipe_of_core_pid(std::int64_t pid) {
  switch (pid) {
    case 10:
      return "SCALAR";
    case 20:
      return "SCALARLDST";
    case 30:
      return "VECTOR";
    case 40:
      return "CUBE";
    case 50:
      return "MTE1";
    case 60:
      return "MTE2";
    case 70:
      return "MTE3";
    case 80:
      return "FIXP";
    case 90:
      return "FLOWCTRL";
    default:
      return nullptr;
  }
}

bool parse_int(std::string_view text, int& value) {
  const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
  return r.ec == std::errc() && r.ptr == text.data() + text.size() && !text.empty();
}

// "core12.cubecore0" -> (12, AIC); "core3.veccore1" -> (3, AIV1).
bool parse_core_name(std::string_view text, int& core, Unit& unit) {
  if (text.substr(0, 4) != "core") return false;
  const auto dot = text.find('.');
  if (dot == std::string_view::npos || !parse_int(text.substr(4, dot - 4), core)) return false;
  if (core < 0 || core >= kMaxCores) return false;
  const std::string_view rest = text.substr(dot + 1);
  if (rest == "cubecore0") {
    unit = Unit::kAic;
  } else if (rest == "veccore0") {
    unit = Unit::kAiv0;
  } else if (rest == "veccore1") {
    unit = Unit::kAiv1;
  } else {
    return false;
  }
  return true;
}

bool is_flag_span(const std::string& name) {
  return name == "SET_FLAG" || name == "WAIT_FLAG" || name == "set_event" || name == "wait_event";
}

class SimulatorTraceConsumer : public TraceEventConsumer {
 public:
  SimulatorTraceConsumer(ProfileBuilder& builder, const std::string& source, bool per_core,
                         int core, std::optional<Unit> unit)
      : b_(builder), source_(source), per_core_(per_core), core_(core), unit_(unit) {}

  void on_event(const TraceEvent& e) override {
    if (e.ph == "X") {
      if (e.name == "cache_time" || e.name == "ccu_time") {  // not instructions
        b_.count_skipped();
        return;
      }
      const int lane = lane_of(e);
      const double ts = time_of(e, e.ts, "ts");
      const double dur = time_of(e, e.dur, "dur");
      b_.add_op(lane, ts, dur, e.name, e.offset);
    } else if ((e.ph == "B" || e.ph == "E") && is_flag_span(e.name)) {
      flag_span(e);
    } else if (e.ph == "s" || e.ph == "t" || e.ph == "f") {
      flow(e);
    } else if (e.ph == "C") {
      const double ts = time_of(e, e.ts, "ts");
      const std::string process = e.pid.present ? e.pid.str() : "";
      for (const auto& [key, value] : e.number_args) {
        b_.add_counter(process, e.name + "/" + key, ts, value);
      }
    } else if (e.ph == "M" && per_core_ && e.name == "process_name" && e.pid.present &&
               !e.pid.is_text) {
      if (const std::string* n = e.text_arg("name"); n && !n->empty()) {
        pid_names_[e.pid.number] = *n;
      }
    } else if (e.ph == "M" && !per_core_ && e.pid.is_text) {
      int core = 0;
      Unit unit = Unit::kAic;
      if (parse_core_name(e.pid.text, core, unit)) b_.note_core(core);
    }
  }

  // A per-core file's unit, when not given, is the one its pipes imply.
  void settle_units() {
    if (!per_core_ || unit_) return;
    bool vector = false;
    for (std::size_t l = 0; l < b_.lane_count(); ++l) vector = vector || vector_lane_[l];
    for (std::size_t l = 0; l < b_.lane_count(); ++l) {
      b_.set_lane_unit(static_cast<int>(l), vector ? Unit::kAiv0 : Unit::kAic);
    }
  }

 private:
  [[noreturn]] void fail(const TraceEvent& e, const std::string& member, const std::string& value,
                         const std::string& limit) const {
    throw InputError(event_field(source_, e, member), value, limit);
  }

  double time_of(const TraceEvent& e, const std::optional<double>& t, const char* member) const {
    if (!t) fail(e, member, "missing", "every " + e.ph + " event needs " + member);
    if (*t < 0 || *t > ProfileBuilder::kMaxMicros) {
      std::string shown = shown_number(*t);
      fail(e, member, shown, "microseconds in [0, 1e12]");
    }
    return *t;
  }

  int lane_of(const TraceEvent& e) {
    if (!e.pid.present) fail(e, "pid", "missing", "every event on a lane needs a pid");
    if (!e.tid.present) fail(e, "tid", "missing", "every event on a lane needs a tid");
    if (!per_core_) {
      int core = 0;
      Unit unit = Unit::kAic;
      if (!e.pid.is_text || !parse_core_name(e.pid.text, core, unit)) {
        fail(e, "pid", printable_excerpt(e.pid.str(), 40),
             "expected \"coreN.cubecore0\" or \"coreN.veccore0\"/\"coreN.veccore1\" with N < " +
                 std::to_string(kMaxCores));
      }
      if (!e.tid.is_text || e.tid.text.empty()) {
        fail(e, "tid", printable_excerpt(e.tid.str(), 40), "expected a pipe name such as \"MTE2\"");
      }
      return b_.lane(core, unit, printable_excerpt(e.tid.text, 40));
    }
    // Per-core: the pipe from the lane name ("MTE2_1") or, failing that, from the pid.
    std::string pipe;
    int sub = -1;
    if (e.tid.is_text) {
      pipe = printable_excerpt(e.tid.text, 40);
      const auto us = pipe.rfind('_');
      int n = 0;
      if (us != std::string::npos && parse_int(std::string_view(pipe).substr(us + 1), n) &&
          n >= 0) {
        sub = n;
        pipe.resize(us);
      }
    } else {
      sub = static_cast<int>(
          std::min<std::int64_t>(std::max<std::int64_t>(e.tid.number, 0), 1 << 20));
    }
    if (e.pid.is_text || pipe.empty()) {
      if (e.pid.is_text) {
        if (pipe.empty()) pipe = printable_excerpt(e.pid.text, 40);
      } else if (const auto it = pid_names_.find(e.pid.number); it != pid_names_.end()) {
        pipe = printable_excerpt(it->second, 40);
      } else if (const char* p = pipe_of_core_pid(e.pid.number)) {
        pipe = p;
      } else {
        pipe = "PID" + std::to_string(e.pid.number);
      }
    }
    const int lane = b_.lane(core_, unit_.value_or(Unit::kAic), pipe, sub);
    vector_lane_.resize(b_.lane_count(), false);
    if (pipe == "VECTOR" || pipe == "MTE3") vector_lane_[static_cast<std::size_t>(lane)] = true;
    return lane;
  }

  void flag_span(const TraceEvent& e) {
    const int lane = lane_of(e);
    const double ts = time_of(e, e.ts, "ts");
    const std::string key = std::to_string(lane) + '\n' + e.name;
    if (e.ph == "B") {
      open_[key].push_back({ts, e.id.present ? e.id.str() : ""});
      return;
    }
    auto it = open_.find(key);
    if (it == open_.end() || it->second.empty()) {
      fail(e, "ph", "E", "an E of " + e.name + " with no B open on its lane");
    }
    const OpenSpan span = it->second.back();
    it->second.pop_back();
    if (ts < span.ts) fail(e, "ts", shown_number(ts), "before its B");
    const std::string id = !span.id.empty() ? span.id : (e.id.present ? e.id.str() : "");
    const bool set = e.name == "SET_FLAG" || e.name == "set_event";
    b_.add_flag_mark(lane, set ? FlagMark::Kind::kSet : FlagMark::Kind::kWait, id, span.ts, ts);
  }

  void flow(const TraceEvent& e) {
    if (!e.id.present) fail(e, "id", "missing", "a flow event needs the id that pairs its ends");
    const int lane = lane_of(e);
    const double ts = time_of(e, e.ts, "ts");
    const std::string id = e.cat + ":" + e.id.str();
    ProfileBuilder::MarkArgs args;
    for (const auto& [key, slot] :
         {std::pair{"flag", &args.flag}, std::pair{"set_cycle", &args.set_cycle},
          std::pair{"ready_cycle", &args.ready_cycle}}) {
      if (const double* v = e.number_arg(key)) {
        if (*v < 0 || *v > 1e15)
          fail(e, std::string("args.") + key, shown_number(*v), "in [0, 1e15]");
        *slot = *v;
      }
    }
    b_.add_flag_mark(lane, e.ph == "s" ? FlagMark::Kind::kSet : FlagMark::Kind::kWait, id, ts, ts,
                     args);
  }

  struct OpenSpan {
    double ts;
    std::string id;
  };
  ProfileBuilder& b_;
  const std::string& source_;
  bool per_core_;
  int core_;
  std::optional<Unit> unit_;
  std::map<std::int64_t, std::string> pid_names_;
  std::map<std::string, std::vector<OpenSpan>> open_;
  std::vector<bool> vector_lane_;
};

// "…/core3.veccore1/trace.json" -> core 3, AIV1.
void core_from_path(const std::string& source, int& core, std::optional<Unit>& unit) {
  const auto slash = source.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return;
  const auto before = source.find_last_of('/', slash - 1);
  const std::string folder = source.substr(before == std::string::npos ? 0 : before + 1,
                                           slash - (before == std::string::npos ? 0 : before + 1));
  int c = 0;
  Unit u = Unit::kAic;
  if (parse_core_name(folder, c, u)) {
    core = c;
    unit = u;
  }
}

}  // namespace

void read_simulator_trace(ByteSource& bytes, const std::string& source_name, bool per_core,
                          const ProfileReadOptions& options, ProfileTrace& out) {
  out.format = per_core ? ProfileFormat::kCoreTrace : ProfileFormat::kSimulatorTrace;
  int core = options.core.value_or(0);
  std::optional<Unit> unit = options.unit;
  if (per_core && !options.core && !options.unit) core_from_path(source_name, core, unit);
  ProfileBuilder builder(out, source_name, options.clock_mhz);
  SimulatorTraceConsumer consumer(builder, source_name, per_core, core, unit);
  stream_trace_events(bytes, source_name, consumer);
  consumer.settle_units();
  builder.finish();
}

}  // namespace amla
