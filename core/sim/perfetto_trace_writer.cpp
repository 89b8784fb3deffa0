#include "core/sim/perfetto_trace_writer.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "core/sim/chrome_trace_writer.h"
#include "core/sim/perfetto_trace.pb.h"
#include "core/sim/trace_lanes.h"

namespace amla {
namespace {

namespace pb = perfetto::protos;

// Every packet of the file is on one sequence (a file has one writer).
constexpr std::uint32_t kSequenceId = 1;

// Track uuids: the run's root, then a block of 32 per core (the core, then its lanes by
// unit * kPipeCount + pipe, under 32), then the counters in buffer-track order.
constexpr std::uint64_t kRootUuid = 1;
constexpr std::uint64_t kCoreBlock = 32;
static_assert(kUnitCount * kPipeCount < kCoreBlock);
std::uint64_t core_uuid(int core) { return 2 + static_cast<std::uint64_t>(core) * kCoreBlock; }
std::uint64_t lane_uuid(int lane) {
  return core_uuid(lane_core(lane)) + 1 +
         static_cast<std::uint64_t>(lane % (kUnitCount * kPipeCount));
}
std::uint64_t counter_uuid(const Trace& trace, std::size_t track) {
  return core_uuid(trace.cores) + track;
}
// Counters sort below the lanes of their core.
constexpr int kCounterRankBase = 1000;

// Interned ids (0 means "none" to Perfetto): names by op kind, categories by pipe, then the
// argument names.
std::uint64_t name_iid(OpKind k) { return static_cast<std::uint64_t>(k) + 1; }
std::uint64_t category_iid(Pipe p) { return static_cast<std::uint64_t>(p) + 1; }
enum ArgIid : std::uint64_t { kStartCycle = 1, kEndCycle, kTask, kBytes, kFlops };
constexpr std::pair<ArgIid, const char*> kArgNames[] = {{kStartCycle, "start_cycle"},
                                                        {kEndCycle, "end_cycle"},
                                                        {kTask, "task"},
                                                        {kBytes, "bytes"},
                                                        {kFlops, "flops"}};

// Writes packets as the repeated field 1 of Trace, one at a time, through a buffered stream.
class PacketStream {
 public:
  explicit PacketStream(std::ostream& out) : raw_(&out, 1 << 16), coded_(&raw_) {}
  void write(const pb::TracePacket& packet) {
    constexpr std::uint32_t kPacketTag = (1 << 3) | 2;  // field 1, length-delimited
    coded_.WriteTag(kPacketTag);
    coded_.WriteVarint32(static_cast<std::uint32_t>(packet.ByteSizeLong()));
    packet.SerializeWithCachedSizes(&coded_);
  }

 private:
  google::protobuf::io::OstreamOutputStream raw_;
  google::protobuf::io::CodedOutputStream coded_;  // declared last: flushes into raw_ first
};

pb::TrackDescriptor* new_track(pb::TracePacket& p, std::uint64_t uuid, const std::string& name) {
  p.Clear();
  p.set_trusted_packet_sequence_id(kSequenceId);
  pb::TrackDescriptor* d = p.mutable_track_descriptor();
  d->set_uuid(uuid);
  d->set_name(name);
  return d;
}

void write_interned_names(PacketStream& s, pb::TracePacket& p) {
  p.Clear();
  p.set_trusted_packet_sequence_id(kSequenceId);
  p.set_sequence_flags(pb::TracePacket::SEQ_INCREMENTAL_STATE_CLEARED);
  pb::InternedData* data = p.mutable_interned_data();
  for (int k = 0; k < kOpKindCount; ++k) {
    pb::EventName* n = data->add_event_names();
    n->set_iid(name_iid(static_cast<OpKind>(k)));
    n->set_name(op_kind_name(static_cast<OpKind>(k)));
  }
  for (int i = 0; i < kPipeCount; ++i) {
    pb::EventCategory* c = data->add_event_categories();
    c->set_iid(category_iid(static_cast<Pipe>(i)));
    c->set_name(pipe_name(static_cast<Pipe>(i)));
  }
  for (const auto& [iid, name] : kArgNames) {
    pb::DebugAnnotationName* a = data->add_debug_annotation_names();
    a->set_iid(iid);
    a->set_name(name);
  }
  s.write(p);
}

// The root, the cores, every lane the hardware has (busy or not: the Chrome trace's stable
// layout) and the counters.
void write_tracks(const Trace& trace, PacketStream& s, pb::TracePacket& p) {
  pb::TrackDescriptor* root = new_track(p, kRootUuid, "AMLA simulation");
  root->set_child_ordering(pb::TrackDescriptor::EXPLICIT);
  s.write(p);
  for (int core = 0; core < trace.cores; ++core) {
    pb::TrackDescriptor* c = new_track(p, core_uuid(core), "Core " + std::to_string(core));
    c->set_parent_uuid(kRootUuid);
    c->set_sibling_order_rank(core);
    c->set_child_ordering(pb::TrackDescriptor::EXPLICIT);
    s.write(p);
    int rank = 0;
    for (const Unit u : kTraceUnits) {
      for (const Pipe pipe : trace_pipes_of(u)) {
        pb::TrackDescriptor* l =
            new_track(p, lane_uuid(lane_index(core, u, pipe)), trace_lane_name(u, pipe));
        l->set_parent_uuid(core_uuid(core));
        l->set_sibling_order_rank(rank++);
        s.write(p);
      }
    }
  }
  for (std::size_t i = 0; i < trace.buffers.size(); ++i) {
    const BufferTrack& b = trace.buffers[i];
    pb::TrackDescriptor* d = new_track(p, counter_uuid(trace, i), trace_counter_name(b));
    d->set_parent_uuid(core_uuid(b.core));
    d->set_sibling_order_rank(kCounterRankBase + static_cast<int>(i));
    d->mutable_counter()->set_unit(pb::CounterDescriptor::UNIT_SIZE_BYTES);
    s.write(p);
  }
}

// (op, flow id) pairs sorted by op: the flows that leave or end at each op, read in op order.
struct FlowEnds {
  std::vector<std::pair<std::int64_t, std::uint64_t>> leaving, arriving;
};

FlowEnds flow_ends(const Trace& trace) {
  FlowEnds f;
  f.leaving.reserve(trace.flags.size());
  f.arriving.reserve(trace.flags.size());
  for (std::size_t e = 0; e < trace.flags.size(); ++e) {
    const std::uint64_t id = e + 1;  // the Chrome trace's flow id
    f.leaving.emplace_back(trace.flags[e].set_op, id);
    f.arriving.emplace_back(trace.flags[e].wait_op, id);
  }
  std::sort(f.leaving.begin(), f.leaving.end());
  std::sort(f.arriving.begin(), f.arriving.end());
  return f;
}

void add_arg(pb::TrackEvent* e, ArgIid name, std::int64_t value) {
  pb::DebugAnnotation* a = e->add_debug_annotations();
  a->set_name_iid(name);
  a->set_int_value(value);
}

// Byte and FLOP counts are whole numbers: as a varint they take 3-5 bytes instead of a double's 8.
void add_arg(pb::TrackEvent* e, ArgIid name, double value) {
  constexpr double kExactInteger = 9007199254740992.0;  // 2^53
  if (std::trunc(value) == value && std::fabs(value) < kExactInteger) {
    add_arg(e, name, static_cast<std::int64_t>(value));
    return;
  }
  pb::DebugAnnotation* a = e->add_debug_annotations();
  a->set_name_iid(name);
  a->set_double_value(value);
}

// Each op as a begin and an end; a lane's ops are in start order, so its slices never cross.
void write_slices(const Trace& trace, const FlowEnds& flows, PacketStream& s, pb::TracePacket& p) {
  const OpTrace& ops = trace.ops;
  auto leaving = flows.leaving.begin();
  auto arriving = flows.arriving.begin();
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const std::int64_t op = static_cast<std::int64_t>(i);
    const std::uint64_t track = lane_uuid(ops.lane[i]);
    p.Clear();
    p.set_trusted_packet_sequence_id(kSequenceId);
    p.set_sequence_flags(pb::TracePacket::SEQ_NEEDS_INCREMENTAL_STATE);
    p.set_timestamp(perfetto_trace_ns(trace, ops.start[i]));
    pb::TrackEvent* e = p.mutable_track_event();
    e->set_type(pb::TrackEvent::TYPE_SLICE_BEGIN);
    e->set_track_uuid(track);
    e->set_name_iid(name_iid(ops.kind[i]));
    e->add_category_iids(category_iid(lane_pipe(ops.lane[i])));
    add_arg(e, kStartCycle, ops.start[i]);
    add_arg(e, kEndCycle, ops.end[i]);
    add_arg(e, kTask, static_cast<std::int64_t>(ops.task[i]));
    // Transfers are measured in bytes, compute in FLOPs, as in the Chrome trace.
    if (op_kind_is_transfer(ops.kind[i])) {
      add_arg(e, kBytes, ops.bytes(i));
    } else {
      add_arg(e, kFlops, ops.flops(i));
    }
    for (; leaving != flows.leaving.end() && leaving->first == op; ++leaving) {
      e->add_flow_ids(leaving->second);
    }
    for (; arriving != flows.arriving.end() && arriving->first == op; ++arriving) {
      e->add_terminating_flow_ids(arriving->second);
    }
    s.write(p);

    p.Clear();
    p.set_trusted_packet_sequence_id(kSequenceId);
    p.set_timestamp(perfetto_trace_ns(trace, ops.end[i]));
    e = p.mutable_track_event();
    e->set_type(pb::TrackEvent::TYPE_SLICE_END);
    e->set_track_uuid(track);
    s.write(p);
  }
}

void write_counters(const Trace& trace, PacketStream& s, pb::TracePacket& p) {
  for (std::size_t t = 0; t < trace.buffers.size(); ++t) {
    const BufferTrack& b = trace.buffers[t];
    const std::uint64_t track = counter_uuid(trace, t);
    for (std::size_t i = 0; i < b.time.size(); ++i) {
      p.Clear();
      p.set_trusted_packet_sequence_id(kSequenceId);
      p.set_timestamp(perfetto_trace_ns(trace, b.time[i]));
      pb::TrackEvent* e = p.mutable_track_event();
      e->set_type(pb::TrackEvent::TYPE_COUNTER);
      e->set_track_uuid(track);
      e->set_counter_value(b.used[i]);
      s.write(p);
    }
  }
}

}  // namespace

std::uint64_t perfetto_trace_ns(const Trace& trace, std::int64_t cycle) {
  // Through integer picoseconds as the Chrome writer rounds them, then to the nearest ns; the
  // 1 ns offset is the Chrome trace's 0.001 us.
  constexpr std::int64_t kOffsetPs = 1000;
  const std::int64_t ps =
      std::llround(static_cast<double>(cycle) * (1000.0 / trace.clock_ghz)) + kOffsetPs;
  return static_cast<std::uint64_t>((ps + 500) / 1000);
}

void write_perfetto_trace(const Trace& trace, std::ostream& out) {
  check_trace_exportable(trace);
  PacketStream stream(out);
  pb::TracePacket packet;  // one message, cleared and refilled: no allocation per packet
  write_interned_names(stream, packet);
  write_tracks(trace, stream, packet);
  write_slices(trace, flow_ends(trace), stream, packet);
  write_counters(trace, stream, packet);
}

}  // namespace amla
