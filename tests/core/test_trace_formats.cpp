// The compact trace formats (issue 16, item 5): the gzip stream, the gzip Chrome trace (the same
// bytes as the plain one once inflated), the Perfetto trace read back with the generated classes
// and compared with the Chrome trace of the same run, and the table that picks a format.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

#include "core/common/gzip_ostream.h"
#include "core/hw/hardware_presets.h"
#include "core/run/simulation_run.h"
#include "core/sim/chrome_trace_writer.h"
#include "core/sim/perfetto_trace.pb.h"
#include "core/sim/perfetto_trace_writer.h"
#include "core/sim/trace_export.h"
#include "core/sim/trace_lanes.h"
#include "tests/core/gunzip.h"

namespace amla {
namespace {

namespace pb = perfetto::protos;
using nlohmann::json;

using amla::testing::gunzip;

// A small real run: two batches on the 910C die, every kind of lane, flags and counters.
const SimulationRun& small_run() {
  static const SimulationRun run = [] {
    KernelConfig c;
    c.problem.batch = 2;
    c.problem.kv_len = 1024;
    return run_simulation(find_preset("910C-die"), c);
  }();
  return run;
}

std::string written(const Trace& trace, TraceFormat format) {
  std::ostringstream out;
  write_trace(trace, out, format);
  return out.str();
}

// ---- The gzip stream ------------------------------------------------------------------------

TEST(GzipOstream, InflatesToWhatWasWrittenAcrossManyBufferFills) {
  // Text that compresses, then noise that does not: several input and output buffers' worth.
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "{\"name\":\"op " + std::to_string(i % 97) + "\"},\n";
  std::mt19937 rng(7);
  for (int i = 0; i < (1 << 20); ++i) text += static_cast<char>(rng());
  std::ostringstream sink;
  GzipOstream gz(sink, 6);
  // Mixed writes: single characters (overflow) and blocks of odd sizes (xsputn).
  std::size_t at = 0;
  for (std::size_t step = 1; at < text.size(); step = step * 3 % 70001 + 1) {
    const std::size_t n = std::min(step, text.size() - at);
    if (n == 1) {
      gz.put(text[at]);
    } else {
      gz.write(text.data() + at, static_cast<std::streamsize>(n));
    }
    at += n;
  }
  gz.flush();  // a flush in the middle must not end the stream
  ASSERT_TRUE(gz.finish());
  EXPECT_TRUE(gz.finish());  // idempotent
  EXPECT_LT(sink.str().size(), text.size());
  EXPECT_TRUE(gunzip(sink.str()) == text);  // not EXPECT_EQ: a failure would print megabytes
  gz << "late";
  EXPECT_FALSE(gz.good()) << "a write after finish() must fail, not vanish";
}

TEST(GzipOstream, EmptyInputIsAValidEmptyGzipFile) {
  std::ostringstream sink;
  GzipOstream gz(sink);
  ASSERT_TRUE(gz.finish());
  EXPECT_EQ(sink.str().substr(0, 2), "\x1f\x8b");  // gzip magic
  EXPECT_EQ(gunzip(sink.str()), "");
}

// A sink that accepts `room` bytes and then fails every write, like a full disk.
class FullSink : public std::streambuf {
 public:
  explicit FullSink(std::size_t room) : room_(room) {}

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    const auto take = std::min<std::streamsize>(n, static_cast<std::streamsize>(room_));
    room_ -= static_cast<std::size_t>(take);
    return take;
  }
  int_type overflow(int_type) override { return traits_type::eof(); }

 private:
  std::size_t room_;
};

TEST(GzipOstream, AFailingSinkIsReportedAndLeftFailed) {
  FullSink full(1000);
  std::ostream sink(&full);
  GzipOstream gz(sink, 1);
  std::mt19937 rng(3);
  for (int i = 0; i < (1 << 20); ++i) gz.put(static_cast<char>(rng()));
  EXPECT_FALSE(gz.finish());
  EXPECT_FALSE(sink.good());
}

// ---- The gzip Chrome trace -------------------------------------------------------------------

TEST(TraceFormats, GzipTraceInflatesToExactlyThePlainJson) {
  const Trace& trace = small_run().trace;
  const std::string plain = written(trace, TraceFormat::kChrome);
  const std::string gz = written(trace, TraceFormat::kChromeGzip);
  ASSERT_GT(plain.size(), 100000u);
  EXPECT_LT(gz.size() * 5, plain.size()) << "JSON this repetitive compresses at least 5x";
  EXPECT_TRUE(gunzip(gz) == plain);
}

// ---- The Perfetto trace, read back -----------------------------------------------------------

// A slice as Perfetto would reconstruct it: a begin and the end that closes it on its track.
struct Slice {
  std::uint64_t begin_ns = 0, end_ns = 0;
  std::string name, category;
  std::map<std::string, double> args;
  std::vector<std::uint64_t> flows_out, flows_in;
};

struct ParsedPerfetto {
  std::map<std::uint64_t, pb::TrackDescriptor> tracks;
  std::map<std::uint64_t, std::vector<Slice>> slices;  // by track uuid, in begin order
  std::map<std::uint64_t, std::vector<std::pair<std::uint64_t, std::int64_t>>> counters;
  std::string error;  // the first thing wrong with the stream, if any
};

ParsedPerfetto parse_perfetto(const std::string& bytes) {
  ParsedPerfetto r;
  pb::Trace trace;
  if (!trace.ParseFromString(bytes)) {
    r.error = "not a Trace message";
    return r;
  }
  std::map<std::uint64_t, std::string> names, categories, arg_names;
  std::map<std::uint64_t, std::vector<Slice>> open;  // per track, a stack of open slices
  bool interned = false;
  for (const pb::TracePacket& p : trace.packet()) {
    if (p.trusted_packet_sequence_id() != 1) r.error = "packet off the one sequence";
    if (p.has_interned_data()) {
      if (!(p.sequence_flags() & pb::TracePacket::SEQ_INCREMENTAL_STATE_CLEARED)) {
        r.error = "interned data without SEQ_INCREMENTAL_STATE_CLEARED";
      }
      interned = true;
      for (const auto& n : p.interned_data().event_names()) names[n.iid()] = n.name();
      for (const auto& c : p.interned_data().event_categories()) categories[c.iid()] = c.name();
      for (const auto& a : p.interned_data().debug_annotation_names())
        arg_names[a.iid()] = a.name();
    }
    if (p.has_track_descriptor()) {
      if (!r.tracks.emplace(p.track_descriptor().uuid(), p.track_descriptor()).second) {
        r.error = "track uuid defined twice";
      }
    }
    if (!p.has_track_event()) continue;
    const pb::TrackEvent& e = p.track_event();
    if (!r.tracks.count(e.track_uuid())) r.error = "event before or without its track";
    switch (e.type()) {
      case pb::TrackEvent::TYPE_SLICE_BEGIN: {
        if (!interned || !(p.sequence_flags() & pb::TracePacket::SEQ_NEEDS_INCREMENTAL_STATE)) {
          r.error = "an interned reference without the interned data";
        }
        Slice s;
        s.begin_ns = p.timestamp();
        s.name = names.at(e.name_iid());
        for (const auto iid : e.category_iids()) s.category += categories.at(iid);
        for (const auto& a : e.debug_annotations()) {
          s.args[arg_names.at(a.name_iid())] =
              a.has_int_value() ? static_cast<double>(a.int_value()) : a.double_value();
        }
        s.flows_out.assign(e.flow_ids().begin(), e.flow_ids().end());
        s.flows_in.assign(e.terminating_flow_ids().begin(), e.terminating_flow_ids().end());
        open[e.track_uuid()].push_back(s);
        break;
      }
      case pb::TrackEvent::TYPE_SLICE_END: {
        auto& stack = open[e.track_uuid()];
        if (stack.empty()) {
          r.error = "an end without a begin";
          break;
        }
        Slice s = stack.back();
        stack.pop_back();
        s.end_ns = p.timestamp();
        if (s.end_ns < s.begin_ns) r.error = "a slice ends before it begins";
        r.slices[e.track_uuid()].push_back(s);
        break;
      }
      case pb::TrackEvent::TYPE_COUNTER:
        if (!r.tracks.at(e.track_uuid()).has_counter()) r.error = "a value on a slice track";
        r.counters[e.track_uuid()].emplace_back(p.timestamp(), e.counter_value());
        break;
      default:
        r.error = "unexpected event type";
    }
  }
  for (const auto& [uuid, stack] : open) {
    if (!stack.empty()) r.error = "a slice never ends";
  }
  return r;
}

// The Chrome trace of the same run, grouped the same way: by lane and counter name.
struct ParsedChrome {
  std::map<std::string, std::vector<json>> slices;                    // "Core 0/AIC / CUBE"
  std::map<std::string, std::vector<std::int64_t>> counters;          // "Core 0/L1"
  std::map<std::int64_t, std::pair<std::string, std::string>> flows;  // id -> (from, to) lane
};

ParsedChrome parse_chrome(const std::string& text) {
  ParsedChrome r;
  const json doc = json::parse(text);
  std::map<int, std::string> process;
  std::map<std::pair<int, int>, std::string> thread;
  for (const json& e : doc["traceEvents"]) {
    if (e["name"] == "process_name") process[e["pid"]] = e["args"]["name"];
    if (e["name"] == "thread_name") thread[{e["pid"], e["tid"]}] = e["args"]["name"];
  }
  const auto lane = [&](const json& e) {
    return process.at(e["pid"]) + "/" + thread.at({e["pid"], e["tid"]});
  };
  for (const json& e : doc["traceEvents"]) {
    const std::string ph = e["ph"];
    if (ph == "X") r.slices[lane(e)].push_back(e);
    if (ph == "C") {
      r.counters[process.at(e["pid"]) + "/" + e["name"].get<std::string>()].push_back(
          e["args"]["bytes"]);
    }
    if (ph == "s") r.flows[e["id"]].first = lane(e);
    if (ph == "f") r.flows[e["id"]].second = lane(e);
  }
  return r;
}

// A track's name with its parents': "Core 0/AIC / CUBE".
std::string track_path(const ParsedPerfetto& p, std::uint64_t uuid) {
  const pb::TrackDescriptor& t = p.tracks.at(uuid);
  if (!t.has_parent_uuid() || p.tracks.at(t.parent_uuid()).name() == "AMLA simulation") {
    return t.name();
  }
  return track_path(p, t.parent_uuid()) + "/" + t.name();
}

TEST(TraceFormats, PerfettoTraceHasTheChromeTracesLanesSlicesFlowsAndCounters) {
  const Trace& trace = small_run().trace;
  ParsedPerfetto pf = parse_perfetto(written(trace, TraceFormat::kPerfetto));
  ASSERT_EQ(pf.error, "");
  ParsedChrome ch = parse_chrome(written(trace, TraceFormat::kChrome));

  // Lanes: every lane the Chrome trace has (busy or not), by the same names, same order.
  std::map<std::string, std::uint64_t> lane_track;
  std::map<std::uint64_t, std::vector<std::pair<int, std::string>>> children;
  for (const auto& [uuid, t] : pf.tracks) {
    if (t.has_parent_uuid())
      children[t.parent_uuid()].emplace_back(t.sibling_order_rank(), t.name());
    if (!t.has_counter() && t.has_parent_uuid() && t.name().find(" / ") != std::string::npos) {
      lane_track[track_path(pf, uuid)] = uuid;
    }
  }
  std::size_t lanes_per_core = 0;
  for (const Unit u : kTraceUnits) lanes_per_core += trace_pipes_of(u).size();
  EXPECT_EQ(lane_track.size(), static_cast<std::size_t>(trace.cores) * lanes_per_core);
  for (int core = 0; core < trace.cores; ++core) {
    int rank = 0;
    for (const Unit u : kTraceUnits) {
      for (const Pipe p : trace_pipes_of(u)) {
        const std::string path = "Core " + std::to_string(core) + "/" + trace_lane_name(u, p);
        ASSERT_TRUE(lane_track.count(path)) << path;
        EXPECT_EQ(pf.tracks.at(lane_track.at(path)).sibling_order_rank(), rank++) << path;
      }
    }
  }
  // Cores in order under one root that orders its children explicitly.
  std::vector<std::pair<int, std::string>> cores;
  for (const auto& [uuid, t] : pf.tracks) {
    if (t.name() == "AMLA simulation") {
      EXPECT_EQ(t.child_ordering(), pb::TrackDescriptor::EXPLICIT);
      cores = children[uuid];
    }
  }
  ASSERT_EQ(cores.size(), static_cast<std::size_t>(trace.cores));
  std::sort(cores.begin(), cores.end());
  for (int c = 0; c < trace.cores; ++c) EXPECT_EQ(cores[c].second, "Core " + std::to_string(c));

  // Slices: per lane the same count, names, categories, args and times (to the nanosecond).
  std::size_t slices = 0;
  std::map<std::uint64_t, std::pair<std::string, std::string>> perfetto_flows;
  for (const auto& [path, uuid] : lane_track) {
    const auto found = pf.slices.find(uuid);
    const std::vector<Slice> none;
    const std::vector<Slice>& got = found == pf.slices.end() ? none : found->second;
    const std::vector<json>& want = ch.slices[path];
    ASSERT_EQ(got.size(), want.size()) << path;
    for (std::size_t i = 0; i < got.size(); ++i) {
      const Slice& s = got[i];
      const json& w = want[i];
      SCOPED_TRACE(path + " slice " + std::to_string(i));
      EXPECT_EQ(s.name, w["name"].get<std::string>());
      EXPECT_EQ(s.category, w["cat"].get<std::string>());
      const double ts_ns = w["ts"].get<double>() * 1000, dur_ns = w["dur"].get<double>() * 1000;
      EXPECT_LE(std::fabs(static_cast<double>(s.begin_ns) - ts_ns), 0.5 + 1e-6);
      EXPECT_LE(std::fabs(static_cast<double>(s.end_ns) - (ts_ns + dur_ns)), 0.5 + 1e-6);
      ASSERT_EQ(s.args.size(), w["args"].size());
      for (const auto& [key, value] : w["args"].items()) {
        EXPECT_EQ(s.args.at(key), value.get<double>()) << key;
      }
      if (i > 0) {
        EXPECT_GE(s.begin_ns, got[i - 1].end_ns) << "slices of a lane must not cross";
      }
      for (const auto id : s.flows_out) perfetto_flows[id].first = path;
      for (const auto id : s.flows_in) perfetto_flows[id].second = path;
    }
    slices += got.size();
  }
  EXPECT_EQ(slices, trace.ops.size());

  // Flows: one per flag, from the setter's lane to the waiter's, under the Chrome trace's ids.
  ASSERT_FALSE(ch.flows.empty());
  EXPECT_EQ(perfetto_flows.size(), trace.flags.size());
  EXPECT_EQ(ch.flows.size(), perfetto_flows.size());
  for (const auto& [id, ends] : ch.flows) {
    ASSERT_TRUE(perfetto_flows.count(static_cast<std::uint64_t>(id))) << "flow " << id;
    EXPECT_EQ(perfetto_flows.at(static_cast<std::uint64_t>(id)), ends) << "flow " << id;
  }

  // Counters: per core and buffer the same values in the same order, in bytes.
  std::size_t counter_tracks = 0;
  for (const auto& [uuid, t] : pf.tracks) {
    if (!t.has_counter()) continue;
    ++counter_tracks;
    EXPECT_EQ(t.counter().unit(), pb::CounterDescriptor::UNIT_SIZE_BYTES);
    const std::string path = track_path(pf, uuid);
    std::vector<std::int64_t> values;
    for (const auto& [ns, v] : pf.counters[uuid]) values.push_back(v);
    EXPECT_EQ(values, ch.counters[path]) << path;
  }
  EXPECT_EQ(counter_tracks, trace.buffers.size());
  EXPECT_EQ(ch.counters.size(), trace.buffers.size());
}

TEST(TraceFormats, PerfettoTimesAreTheChromeTracesRoundedToNanoseconds) {
  Trace t;
  t.clock_ghz = 1.8;
  EXPECT_EQ(perfetto_trace_ns(t, 0), 1u);  // the 1 ns offset: no event at 0
  EXPECT_EQ(perfetto_trace_ns(t, 1), 2u);  // 0.556 ns + 1 ns
  EXPECT_EQ(perfetto_trace_ns(t, 9), 6u);  // exactly 5 ns + 1 ns
  EXPECT_EQ(perfetto_trace_ns(t, 1800000000), 1000000001u);
}

TEST(TraceFormats, AnInconsistentTraceIsRefusedBeforeAnyByte) {
  Trace t = small_run().trace;
  t.ops.lane.set(3, -1);
  for (const TraceFormat f :
       {TraceFormat::kChrome, TraceFormat::kChromeGzip, TraceFormat::kPerfetto}) {
    std::ostringstream out;
    EXPECT_THROW(write_trace(t, out, f), std::invalid_argument);
    EXPECT_EQ(out.str(), "") << trace_format_info(f).name;
  }
}

// ---- The format table ------------------------------------------------------------------------

TEST(TraceFormats, TheExtensionPicksTheFormatAndAForcedOneWins) {
  EXPECT_EQ(trace_format_for("out/t.json", std::nullopt), TraceFormat::kChrome);
  EXPECT_EQ(trace_format_for("out/t.json.gz", std::nullopt), TraceFormat::kChromeGzip);
  EXPECT_EQ(trace_format_for("T.JSON.GZ", std::nullopt), TraceFormat::kChromeGzip);
  EXPECT_EQ(trace_format_for("t.perfetto-trace", std::nullopt), TraceFormat::kPerfetto);
  EXPECT_EQ(trace_format_for("t.pftrace", std::nullopt), TraceFormat::kPerfetto);
  // Anything else is Chrome JSON, as --trace always wrote.
  EXPECT_EQ(trace_format_for("/dev/stdout", std::nullopt), TraceFormat::kChrome);
  EXPECT_EQ(trace_format_for("t.gz", std::nullopt), TraceFormat::kChrome);
  EXPECT_EQ(trace_format_for("t.json", TraceFormat::kPerfetto), TraceFormat::kPerfetto);
  std::set<std::string> names, extensions;
  for (const TraceFormatInfo& f : trace_formats()) {
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
    EXPECT_EQ(trace_format_named(f.name), f.format);
    EXPECT_EQ(&trace_format_info(f.format), &f);
    ASSERT_FALSE(f.extensions.empty()) << f.name;
    // A format the extension cannot name (Insight's .json is Chrome's extension too) is only
    // ever chosen by name.
    if (!f.by_extension) {
      for (const std::string& ext : f.extensions) {
        EXPECT_NE(trace_format_of_extension("trace" + ext), f.format) << ext;
      }
      continue;
    }
    for (const std::string& ext : f.extensions) {
      EXPECT_TRUE(extensions.insert(ext).second) << ext;
      EXPECT_EQ(trace_format_of_extension("trace" + ext), f.format) << ext;
    }
  }
  EXPECT_EQ(trace_format_for("t.json", TraceFormat::kInsight), TraceFormat::kInsight);
  EXPECT_EQ(trace_format_named("auto"), std::nullopt);
}

}  // namespace
}  // namespace amla
