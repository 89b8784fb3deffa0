// msprof's system timeline (msprof_{ts}.json): a top-level array whose "Ascend Hardware"
// process holds the kernel tasks, one thread per stream. Only those tasks are read: each becomes
// an op on a lane named after its stream ("Stream 3"), the AI Vector Core's tasks on AIV0 and
// the rest on AIC of core 0, times rebased to the first task (the file's clock is absolute).
#include <algorithm>
#include <charconv>
#include <map>

#include "core/common/bounded_read.h"
#include "core/common/input_error.h"
#include "core/profile/profile_builder.h"
#include "core/profile/profile_reader.h"
#include "core/profile/trace_event_stream.h"

namespace amla {
namespace {

// Absolute timestamps since the epoch, in microseconds, stay below this.
constexpr double kMaxAbsoluteMicros = 1e17;

class MsprofConsumer : public TraceEventConsumer {
 public:
  explicit MsprofConsumer(const std::string& source) : source_(source) {}

  struct Task {
    std::string pid, tid, name, type;
    double ts, dur;
    std::uint64_t offset;
  };
  std::vector<Task> tasks;
  std::map<std::string, std::string> process_names, thread_names;

  void on_event(const TraceEvent& e) override {
    if (e.ph == "M") {
      const std::string* n = e.text_arg("name");
      if (!n || !e.pid.present) return;
      if (e.name == "process_name") process_names[e.pid.str()] = printable_excerpt(*n, 60);
      if (e.name == "thread_name" && e.tid.present) {
        thread_names[e.pid.str() + '\n' + e.tid.str()] = printable_excerpt(*n, 60);
      }
      return;
    }
    if (e.ph != "X") return;
    if (!e.pid.present)
      throw InputError(event_field(source_, e, "pid"), "missing", "X events need a pid");
    if (!e.tid.present)
      throw InputError(event_field(source_, e, "tid"), "missing", "X events need a tid");
    const double ts = check(e, e.ts, "ts");
    const double dur = check(e, e.dur, "dur");
    if (dur > ProfileBuilder::kMaxMicros) {
      throw InputError(event_field(source_, e, "dur"), shown_number(dur), "at most 1e12 us");
    }
    const std::string* type = e.text_arg("Task Type");
    tasks.push_back({e.pid.str(), e.tid.str(), e.name, type ? *type : "", ts, dur, e.offset});
  }

 private:
  double check(const TraceEvent& e, const std::optional<double>& t, const char* member) const {
    if (!t) throw InputError(event_field(source_, e, member), "missing", "X events need it");
    if (*t < 0 || *t > kMaxAbsoluteMicros) {
      throw InputError(event_field(source_, e, member), shown_number(*t),
                       "microseconds in [0, 1e17]");
    }
    return *t;
  }
  const std::string& source_;
};

}  // namespace

void read_msprof_json(ByteSource& bytes, const std::string& source_name,
                      const ProfileReadOptions& options, ProfileTrace& out) {
  out.format = ProfileFormat::kMsprofJson;
  MsprofConsumer consumer(source_name);
  const TraceHeader header = stream_trace_events(bytes, source_name, consumer);
  if (!header.top_level_array) {
    throw InputError(source_name + ": JSON", "an object",
                     "msprof's timeline is a top-level array of events");
  }
  // Kernel tasks: the X events of the "Ascend Hardware" process.
  std::vector<const MsprofConsumer::Task*> kept;
  double first = 1e300;
  for (const auto& t : consumer.tasks) {
    const auto p = consumer.process_names.find(t.pid);
    if (p == consumer.process_names.end() || p->second != "Ascend Hardware") continue;
    kept.push_back(&t);
    first = std::min(first, t.ts);
  }
  if (kept.empty()) {
    throw InputError(source_name + ": traceEvents", "no kernel tasks",
                     "expected X events in the \"Ascend Hardware\" process");
  }
  ProfileBuilder builder(out, source_name, options.clock_mhz);
  for (const MsprofConsumer::Task* t : kept) {
    const double ts = t->ts - first;
    if (ts > ProfileBuilder::kMaxMicros) {
      throw InputError(source_name + ", byte " + std::to_string(t->offset) + ": ts",
                       shown_number(t->ts), "more than 1e12 us after the first task");
    }
    const auto thread = consumer.thread_names.find(t->pid + '\n' + t->tid);
    const std::string lane_name =
        thread != consumer.thread_names.end() ? thread->second : "Stream " + t->tid;
    const Unit unit = t->type == "AI_VECTOR_CORE" ? Unit::kAiv0 : Unit::kAic;
    builder.add_op(builder.lane(0, unit, lane_name), ts, t->dur, t->name, t->offset);
  }
  builder.finish();
}

}  // namespace amla
