#include "core/sim/simulator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "core/common/background_release.h"
#include "core/common/cancelled.h"
#include "core/common/input_error.h"
#include "core/sim/event_queue.h"
#include "core/sim/op_recorder.h"
#include "core/sim/ring_queue.h"
#include "core/sim/shared_transfers.h"

namespace amla {

namespace {

constexpr int kLanesPerCore = kUnitCount * kPipeCount;
constexpr double kMaxCycles = 1125899906842624.0;  // 2^50

// std::llround, inline: it is a library call, made a few times per op. Times are >= 0 here;
// the fraction of a double is exact, so this rounds half away from zero exactly as llround does.
inline std::int64_t round_cycle(double t) {
  if (!(t >= 0 && t < 9.0e18)) return std::llround(t);
  const auto whole = static_cast<std::int64_t>(t);
  return whole + (t - static_cast<double>(whole) >= 0.5 ? 1 : 0);
}

// An op by lane and index within the lane (recorded ops of a lane are numbered in order).
struct OpRef {
  std::int32_t lane = -1;
  std::int64_t op = -1;
};

struct PendingSet {
  double ready;
  std::int32_t lane;
  std::int64_t op;  // index of the setting op within its lane
};

// What every wait, set and consume of a flag reads (its definition's numbers copied in) fills the
// first cache line: there are a thousand or more flags, and the event loop reads one or two per
// op, mostly from outside the first-level cache.
struct alignas(64) FlagState {
  RingQueue<PendingSet> pending;  // counters: sets not yet consumed, in order
  double latency = 0;             // from FlagDef
  std::int32_t max_pending = 0;
  bool level = false;
  bool cross_core = false;
  std::vector<std::int32_t> waiters;
  double consumed_at = -1;  // the last consumption (room for a setter at max pending)
  OpRef consumer;
  std::vector<double> level_ready;   // level flags: every set's visible time
  std::vector<OpRef> level_setters;  // level flags: the op behind each set (wait reasons)
};

struct SlotState {
  std::int32_t holder = -1;  // slot use holding it
  std::int32_t releases_left = 0;
  std::int32_t track = 0;  // its buffer, and its bytes (from the slot's definition)
  std::int64_t size = 0;
  std::vector<std::int32_t> waiters;
  double released_at = -1;  // the last time it was freed, and by which op (wait reasons)
  OpRef releaser;
};

struct LaneState {
  RingQueue<Instr> queue;  // while busy, its front is the running op's instruction
  bool busy = false;
  bool queued_for_try = false;
  double start = 0;
  double free_at = 0;         // when the previous op ended
  bool room_blocked = false;  // the head waited for room in a flag counter
  WaitReason reason = WaitReason::kLane;
  OpRef blocker;
  std::int32_t reason_id = -1;
};

struct ResourceState {
  double capacity = 0;  // bytes per cycle
  SharedTransfers active;
  double last_update = 0;
  // The next completion, kept here rather than in the event heap: every start or end of a
  // transfer moves it, and the heap filled with the superseded ones.
  bool due_pending = false;
  double due = 0;
  Event due_event;  // (due, its push order), built once: the event loop compares it every turn
};

struct PendingEdge {
  std::int32_t set_lane;
  std::int64_t set_op;
  std::int32_t wait_lane;
  std::int64_t wait_op;
  double set_cycle, ready_cycle;
  std::int16_t flag;
};

class Simulator {
 public:
  Simulator(ProgramSource& program, const SimulationOptions& options)
      : program_(program),
        options_(options),
        layout_(program.layout()),
        lanes_(static_cast<std::size_t>(program.cores()) * kLanesPerCore),
        recorder_(lanes_.size(), options.lane_ops, options.record_reasons, options.keep_trace,
                  options.trace_writing) {
    if (!options.keep_trace) trace_.trace_dropped = options.no_trace_reason;
    // At least one round at a time, whatever the window.
    options_.dispatch_window = std::max<std::int64_t>(1, options_.dispatch_window);
    const int cores = program.cores();
    // Events name their lane in kIndexBits bits.
    if (lanes_.size() >= static_cast<std::size_t>(Event::kMaxIndex) ||
        layout_.resources.size() >= static_cast<std::size_t>(Event::kMaxIndex)) {
      throw InputError("hardware", std::to_string(cores) + " cores",
                       "at most " + std::to_string(Event::kMaxIndex / kLanesPerCore - 1));
    }
    core_queued_.assign(cores, 0);
    tries_.resize(lanes_.size());
    core_done_.assign(cores, false);
    resources_.resize(layout_.resources.size());
    for (std::size_t r = 0; r < resources_.size(); ++r) {
      resources_[r].capacity = layout_.resources[r].bytes_per_cycle;
    }
  }

  Trace run() {
    for (int c = 0; c < program_.cores(); ++c) generate(c);
    drain_tries();
    std::uint64_t handled = 0;
    Event e;
    while (true) {
      while (next_event(e)) {
        advance_clock(e.time());
        handle(e);
        drain_tries();
        if ((++handled & 4095) == 0) report_progress();
      }
      // Superseded completions used to sit in the heap and move the clock when they came up
      // (doing nothing else); the clock still ends where they would have moved it.
      if (!(superseded_due_ <= now_)) advance_clock(superseded_due_);
      // Nothing left to happen. Either everything ran, or what remains can never start.
      if (!force_generation()) break;
    }
    check_finished();
    // Progress says 100% from here on, but gathering the trace of a long run still takes seconds:
    // build_trace checks the cancel flag between bounded pieces of work, so Cancel stays prompt.
    options_.job.report(1.0);
    return build_trace();
  }

 private:
  // ---- program generation -------------------------------------------------------------------
  struct LaneSink : InstructionSink {
    Simulator* sim;
    void push(int lane, const Instr& in) override {
      sim->lanes_[static_cast<std::size_t>(lane)].queue.push_back(in);
      ++sim->core_queued_[static_cast<std::size_t>(lane_core(lane))];
    }
  };

  bool generate(int core) {
    if (core_done_[core]) return false;
    LaneSink sink;
    sink.sim = this;
    if (!program_.emit_next_round(core, sink)) {
      core_done_[core] = true;
      return false;
    }
    flags_.reserve(layout_.flags.size());
    for (std::size_t k = flags_.size(); k < layout_.flags.size(); ++k) {
      const FlagDef& def = layout_.flags[k];
      FlagState& f = flags_.emplace_back();
      f.latency = def.latency;
      f.max_pending = def.max_pending;
      f.level = def.level;
      f.cross_core = def.cross_core;
    }
    for (std::size_t k = slots_.size(); k < layout_.slot_defs.size(); ++k) {
      slots_.emplace_back();
      slots_.back().track = layout_.slot_defs[k].track;
      slots_.back().size = layout_.slot_defs[k].size;
    }
    for (int l = 0; l < kLanesPerCore; ++l) schedule_try(core * kLanesPerCore + l);
    return true;
  }

  void maybe_generate(int core) {
    while (!core_done_[core] && core_queued_[core] < options_.dispatch_window) {
      if (!generate(core)) break;
    }
  }

  bool force_generation() {
    bool any = false;
    for (int c = 0; c < program_.cores(); ++c) {
      if (!core_done_[c] && generate(c)) any = true;
    }
    drain_tries();
    return any;
  }

  // ---- scheduling ---------------------------------------------------------------------------
  void advance_clock(double time) {
    now_ = time;
    if (now_ >= SlotInterval::kMaxCycle && recorder_.keeps_trace()) drop_trace_past_cycle_limit();
    // Backstop for parameters each in range but absurd together: stop at 2^50 cycles, before
    // the double clock stops resolving whole cycles (2^53) or int64 cycle counts overflow.
    if (!(now_ < kMaxCycles)) {
      throw InputError("hardware", "a run longer than 2^50 cycles",
                       "a rate, bandwidth or latency parameter is far off; check --hw / --set");
    }
  }

  // Trace cycle counts are 32-bit (half the memory): a run that outlasts them keeps its metrics.
  void drop_trace_past_cycle_limit() {
    recorder_.drop_trace();
    edges_ = {};
    trace_.trace_dropped =
        "the run outlasts the trace's 2^32 cycles (" +
        std::to_string(static_cast<double>(SlotInterval::kMaxCycle) / (options_.clock_ghz * 1e6)) +
        " ms at " + std::to_string(options_.clock_ghz) + " GHz)";
  }

  // The earliest of the heap's events and the resources' completions, by (time, push order).
  bool next_event(Event& e) {
    if (first_due_ >= 0 && (events_.empty() || first_due_event().before(events_.top()))) {
      e = first_due_event();
      resources_[static_cast<std::size_t>(first_due_)].due_pending = false;
      find_first_due();
      return true;
    }
    if (events_.empty()) return false;
    e = events_.pop();
    return true;
  }

  const Event& first_due_event() const {
    return resources_[static_cast<std::size_t>(first_due_)].due_event;
  }

  // Kept up whenever a resource's completion changes (a few times per transfer), rather than
  // searched for at every event.
  void find_first_due() {
    first_due_ = -1;
    for (std::size_t i = 0; i < resources_.size(); ++i) {
      const ResourceState& r = resources_[i];
      if (r.due_pending && (first_due_ < 0 || r.due_event.before(first_due_event()))) {
        first_due_ = static_cast<int>(i);
      }
    }
  }

  void push_event(double time, EventType type, std::int32_t index) {
    events_.push({time, next_seq(), type, index});
  }

  std::uint64_t next_seq() {
    // 2^40 events would take weeks to simulate; stop cleanly rather than wrap the order.
    if (seq_ + 1 >= Event::kMaxSeq) throw std::length_error("more than 2^40 simulator events");
    return seq_++;
  }

  void schedule_try(int lane) {
    LaneState& L = lanes_[static_cast<std::size_t>(lane)];
    if (L.queued_for_try) return;
    L.queued_for_try = true;
    tries_[tries_size_++] = lane;  // at most one entry per lane: no room check
  }

  void drain_tries() {
    while (tries_size_ > 0) {
      const int lane = tries_[--tries_size_];
      lanes_[static_cast<std::size_t>(lane)].queued_for_try = false;
      try_start(lane);
    }
  }

  void wake(std::vector<std::int32_t>& waiters) {
    for (int lane : waiters) schedule_try(lane);
    waiters.clear();
  }

  // Checks everything the head instruction needs; registers the lane where it must wait.
  bool ready_to_start(int lane, const Instr& in) {
    for (int i = 0; i < in.n_waits; ++i) {
      const FlagRef& w = in.waits[i];
      FlagState& f = flags_[static_cast<std::size_t>(w.flag)];
      double ready_at = 0;
      if (f.level) {
        if (static_cast<int>(f.level_ready.size()) < w.count) {
          f.waiters.push_back(lane);
          return false;
        }
        ready_at = f.level_ready[static_cast<std::size_t>(w.count - 1)];
      } else {
        if (static_cast<int>(f.pending.size()) < w.count) {
          f.waiters.push_back(lane);
          return false;
        }
        ready_at = f.pending[static_cast<std::size_t>(w.count - 1)].ready;
      }
      if (ready_at > now_) {
        push_event(ready_at, EventType::kRetry, lane);
        return false;
      }
    }
    for (int i = 0; i < in.n_acquire; ++i) {
      const int use = in.acquire[i];
      SlotState& s = slots_[static_cast<std::size_t>(layout_.uses[use].slot)];
      if (s.holder != -1 && s.holder != use) {
        s.waiters.push_back(lane);
        return false;
      }
    }
    for (int i = 0; i < in.n_sets; ++i) {
      const FlagRef& st = in.sets[i];
      FlagState& f = flags_[static_cast<std::size_t>(st.flag)];
      if (!f.level && static_cast<int>(f.pending.size()) + st.count > f.max_pending) {
        f.waiters.push_back(lane);  // woken when someone consumes
        lanes_[static_cast<std::size_t>(lane)].room_blocked = true;
        return false;
      }
    }
    return true;
  }

  void try_start(int lane) {
    LaneState& L = lanes_[static_cast<std::size_t>(lane)];
    if (L.busy) return;
    const int core = lane_core(lane);
    if (L.queue.empty()) {
      maybe_generate(core);
      if (L.queue.empty()) return;
    }
    const Instr& in = L.queue.front();
    if (!ready_to_start(lane, in)) return;

    --core_queued_[core];
    L.busy = true;
    L.start = now_;
    const std::int64_t op_index = recorder_.recorded(lane);
    // The lane's next instruction was generated long ago and is out of the cache by now: fetch
    // it while the op runs, as reading it when the op ends led the profile.
    if (L.queue.size() > 1) prefetch_instruction(L.queue[1]);
    if (options_.record_reasons) find_reason(lane, L);
    for (int i = 0; i < in.n_waits; ++i) consume(in.waits[i], lane, op_index);
    for (int i = 0; i < in.n_acquire; ++i) acquire(in.acquire[i]);
    if (in.is_transfer()) {
      if (in.latency > 0) {
        push_event(now_ + in.latency, EventType::kDataStart, lane);
      } else {
        begin_data(lane);
      }
    } else {
      push_event(now_ + in.work, EventType::kLaneDone, lane);
    }
    if (core_queued_[core] < options_.dispatch_window) maybe_generate(core);
  }

  static void prefetch_instruction(const Instr& in) {
    const char* p = reinterpret_cast<const char*>(&in);
    for (std::size_t b = 0; b < sizeof(Instr); b += 64) __builtin_prefetch(p + b);
  }

  // The constraint of the op about to start (the queue's head) that was satisfied last: the
  // previous op of the lane unless a flag, a slot or room in a flag counter came strictly later.
  // Called before the op consumes its flags, so the releasing sets are still pending.
  void find_reason(int lane, LaneState& L) {
    const Instr& in = L.queue.front();
    const bool room_blocked = L.room_blocked;
    L.room_blocked = false;
    double latest = L.free_at;
    L.reason = WaitReason::kLane;
    L.reason_id = -1;
    const std::int64_t previous = recorder_.recorded(lane) - 1;
    L.blocker = previous < 0 ? OpRef{} : OpRef{static_cast<std::int32_t>(lane), previous};
    if (now_ <= latest) return;  // started as its lane came free: nothing came later
    const auto consider = [&](double t, WaitReason r, std::int32_t id, OpRef by) {
      if (t > latest) {
        latest = t;
        L.reason = r;
        L.reason_id = id;
        L.blocker = by;
      }
    };
    for (int i = 0; i < in.n_waits; ++i) {
      const FlagRef& w = in.waits[i];
      const FlagState& f = flags_[static_cast<std::size_t>(w.flag)];
      const auto k = static_cast<std::size_t>(w.count - 1);
      if (f.level) {
        consider(f.level_ready[k], WaitReason::kFlag, w.flag, f.level_setters[k]);
      } else {
        const PendingSet& ps = f.pending[k];
        consider(ps.ready, WaitReason::kFlag, w.flag, {ps.lane, ps.op});
      }
    }
    for (int i = 0; i < in.n_acquire; ++i) {
      const std::int32_t slot = layout_.uses[static_cast<std::size_t>(in.acquire[i])].slot;
      const SlotState& st = slots_[static_cast<std::size_t>(slot)];
      if (st.holder == -1) consider(st.released_at, WaitReason::kSlot, slot, st.releaser);
    }
    if (room_blocked) {
      for (int i = 0; i < in.n_sets; ++i) {
        const FlagState& f = flags_[static_cast<std::size_t>(in.sets[i].flag)];
        consider(f.consumed_at, WaitReason::kFlagRoom, in.sets[i].flag, f.consumer);
      }
    }
  }

  void consume(const FlagRef& w, int lane, std::int64_t op_index) {
    FlagState& f = flags_[static_cast<std::size_t>(w.flag)];
    if (f.level) return;  // a barrier is seen, not taken
    for (int k = 0; k < w.count; ++k) {
      const PendingSet ps = f.pending.front();
      f.pending.pop_front();
      if (f.cross_core && recorder_.keeps_trace()) {
        edges_.push_back({ps.lane, ps.op, lane, op_index, ps.ready - f.latency, ps.ready,
                          static_cast<std::int16_t>(w.flag % 32768)});
      }
    }
    f.consumed_at = now_;
    f.consumer = {static_cast<std::int32_t>(lane), op_index};
    wake(f.waiters);  // setters blocked on max_pending may go on
  }

  void acquire(int use) {
    SlotState& s = slots_[static_cast<std::size_t>(layout_.uses[use].slot)];
    if (s.holder == use) return;  // a second writer of the same tenant
    s.holder = use;
    s.releases_left = layout_.uses[use].releases;
    if (recorder_.keeps_trace()) {
      const std::int64_t t = round_cycle(now_);
      layout_.uses[use].start = static_cast<std::uint32_t>(t);
      recorder_.change_buffer(s.track, t, s.size);
    }
  }

  void release(int use, OpRef by) {
    SlotState& s = slots_[static_cast<std::size_t>(layout_.uses[use].slot)];
    if (s.holder != use) return;
    if (--s.releases_left > 0) return;
    s.holder = -1;
    s.released_at = now_;
    s.releaser = by;
    if (recorder_.keeps_trace()) {
      const std::int64_t t = round_cycle(now_);
      layout_.uses[use].end = static_cast<std::uint32_t>(t);
      recorder_.change_buffer(s.track, t, -s.size);
    }
    wake(s.waiters);
  }

  // ---- transfers and fair sharing -----------------------------------------------------------
  void begin_data(int lane) {
    const Instr& in = lanes_[static_cast<std::size_t>(lane)].queue.front();
    if (in.resource < 0) {
      push_event(now_ + in.work / in.peak, EventType::kLaneDone, lane);
      return;
    }
    ResourceState& r = resources_[static_cast<std::size_t>(in.resource)];
    advance(r);
    r.active.add(lane, in.peak, in.resource_factor, in.work);
    reshare(static_cast<int>(in.resource));
  }

  void advance(ResourceState& r) {
    const double dt = now_ - r.last_update;
    if (dt > 0) {
      r.active.advance(dt);
    }
    r.last_update = now_;
  }

  // Max-min fair rates in the resource's units (bytes x factor), each transfer capped by its own
  // pipe's peak; then the next completion is scheduled.
  void reshare(int index) {
    ResourceState& r = resources_[static_cast<std::size_t>(index)];
    if (r.due_pending) {
      // A NaN sticks, so the clock's check still throws on it.
      superseded_due_ = r.due < superseded_due_ ? superseded_due_ : r.due;
      r.due_pending = false;
    }
    if (!r.active.empty()) {
      const double next = r.active.share(r.capacity);
      r.due = now_ + next;
      r.due_event = Event(r.due, next_seq(), EventType::kResourceDone, index);
      r.due_pending = true;
    }
    find_first_due();
  }

  // Only the resource's current completion is ever handled (reshare replaces it).
  void resource_done(int index) {
    ResourceState& r = resources_[static_cast<std::size_t>(index)];
    advance(r);
    finished_.clear();
    r.active.take_finished(finished_);
    reshare(index);
    // complete() starts nothing itself (tries wait for drain_tries), so finished_ stays as is.
    for (int lane : finished_) complete(lane);
  }

  // ---- completion ---------------------------------------------------------------------------
  void complete(int lane) {
    LaneState& L = lanes_[static_cast<std::size_t>(lane)];
    const Instr& in = L.queue.front();
    // The lane tries its next instruction right after this: fetch it now, while the op is
    // recorded (the fetch when it started may have been evicted since).
    if (L.queue.size() > 1) prefetch_instruction(L.queue[1]);
    const std::int64_t op_index = recorder_.recorded(lane);
    OpRecord op;
    op.start = round_cycle(L.start);
    op.end = std::max<std::int64_t>(op.start, round_cycle(now_));
    op.kind = in.kind;
    op.task = in.task;
    op.bytes = in.is_transfer() ? in.work : 0.0;
    op.flops = in.flops;
    // Resources come in (HBM, L2) pairs per die: even = HBM.
    op.level = in.resource < 0 ? 0 : (in.resource % 2 == 0 ? 2 : 1);
    op.traffic = in.resource < 0 ? 0.0f : static_cast<float>(in.work * in.resource_factor);
    for (int i = 0; i < in.n_sets; ++i) {
      const FlagRef& st = in.sets[i];
      FlagState& f = flags_[static_cast<std::size_t>(st.flag)];
      for (int k = 0; k < st.count; ++k) {
        if (f.level) {
          f.level_ready.push_back(now_ + f.latency);
          f.level_setters.push_back({static_cast<std::int32_t>(lane), op_index});
        } else {
          f.pending.push_back({now_ + f.latency, lane, op_index});
        }
      }
      wake(f.waiters);
    }
    if (options_.record_reasons) {
      // Cycles beyond what the op would take alone at its own peak rate.
      const double alone = in.is_transfer() ? in.latency + in.work / in.peak : in.work;
      op.shared_cycles =
          in.resource < 0 ? 0.0f : static_cast<float>(std::max(0.0, (now_ - L.start) - alone));
      op.blocker_lane = L.blocker.lane;
      op.blocker_op = static_cast<std::int32_t>(L.blocker.op);  // (OpStore checks lanes' sizes)
      op.reason_id = L.reason_id;
      op.reason = L.reason;
    }
    recorder_.record(lane, op);
    if (L.queue.size() > 1) {
      // By now the next instruction has come in: fetch the slot uses it will check.
      const Instr& next = L.queue[1];
      for (int i = 0; i < next.n_acquire; ++i) __builtin_prefetch(&layout_.uses[next.acquire[i]]);
    }
    for (int i = 0; i < in.n_release; ++i) {
      release(in.release[i], {static_cast<std::int32_t>(lane), op_index});
    }
    L.queue.pop_front();  // (`in` is gone from here on)
    L.free_at = now_;
    L.busy = false;
    ++ops_done_;
    schedule_try(lane);
  }

  void handle(const Event& e) {
    switch (e.type()) {
      case EventType::kLaneDone:
        complete(e.index());
        break;
      case EventType::kDataStart:
        begin_data(e.index());
        break;
      case EventType::kResourceDone:
        resource_done(e.index());
        break;
      case EventType::kRetry:
        schedule_try(e.index());
        break;
    }
  }

  void report_progress() {
    options_.job.check_cancelled();
    if (options_.expected_ops > 0) {
      options_.job.report(std::min(
          1.0, static_cast<double>(ops_done_) / static_cast<double>(options_.expected_ops)));
    }
  }

  // ---- the end ------------------------------------------------------------------------------
  std::string describe_wait(int lane, const Instr& in) {
    std::ostringstream s;
    s << "core " << lane_core(lane) << " " << unit_name(lane_unit(lane)) << " "
      << pipe_name(lane_pipe(lane)) << " " << op_kind_name(in.kind) << " (task " << in.task
      << ") waits for ";
    for (int i = 0; i < in.n_waits; ++i) {
      const FlagRef& w = in.waits[i];
      const FlagState& f = flags_[static_cast<std::size_t>(w.flag)];
      const FlagDef& def = layout_.flags[static_cast<std::size_t>(w.flag)];
      const std::size_t have = def.level ? f.level_ready.size() : f.pending.size();
      if (static_cast<int>(have) < w.count) {
        s << "flag '" << def.name << "' (" << have << " of " << w.count
          << " sets available; nobody left to set it)";
        return s.str();
      }
    }
    for (int i = 0; i < in.n_acquire; ++i) {
      const SlotInterval& use = layout_.uses[static_cast<std::size_t>(in.acquire[i])];
      const SlotState& st = slots_[static_cast<std::size_t>(use.slot)];
      if (st.holder != -1 && st.holder != in.acquire[i]) {
        const SlotInterval& holder = layout_.uses[static_cast<std::size_t>(st.holder)];
        s << "buffer slot '" << layout_.slot_defs[static_cast<std::size_t>(use.slot)].name
          << "' of "
          << layout_.tracks[static_cast<std::size_t>(layout_.slot_defs[use.slot].track)].name
          << ", still held by " << op_kind_name(holder.producer) << " of task " << holder.task;
        return s.str();
      }
    }
    s << "room in a flag counter (max pending reached)";
    return s.str();
  }

  void check_finished() {
    std::vector<std::string> stuck;
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
      const LaneState& L = lanes_[l];
      if (L.busy || L.queue.empty()) continue;
      stuck.push_back(describe_wait(static_cast<int>(l), L.queue.front()));
    }
    if (stuck.empty()) return;
    std::string report = "the program can never finish: ";
    for (std::size_t i = 0; i < stuck.size() && i < 4; ++i) report += (i ? "; " : "") + stuck[i];
    if (stuck.size() > 4) report += "; and " + std::to_string(stuck.size() - 4) + " more lanes";
    throw InputError("tiling", "deadlock", report);
  }

  // Checks the cancel flag once every kCancelStride items of a loop.
  static constexpr std::size_t kCancelStride = 1 << 16;
  void check_cancelled_every(std::size_t i) const {
    if (i % kCancelStride == 0) options_.job.check_cancelled();
  }

  // Each buffer's occupancy: the steps built as slots were taken and given back, closed with
  // the slots still held at the end.
  void build_buffer_steps(Trace& t, std::int64_t end_cycle, const std::vector<std::int32_t>& held) {
    for (const std::int32_t slot : held) {
      const SlotState& s = slots_[static_cast<std::size_t>(slot)];
      steps_[static_cast<std::size_t>(s.track)].add(end_cycle, -s.size);
    }
    for (std::size_t b = 0; b < t.buffers.size() && b < steps_.size(); ++b) {
      options_.job.check_cancelled();
      t.buffers[b].time = std::move(steps_[b].time);
      t.buffers[b].used = std::move(steps_[b].used);
    }
    steps_ = {};
  }

  // The program's slot uses become the trace's intervals: those never taken are dropped, and
  // those still held at the end are held until then.
  // Returns the slots of the uses still held at the end.
  std::vector<std::int32_t> build_slot_intervals(Trace& t) {
    for (const SlotDef& d : layout_.slot_defs) t.slot_places.push_back({d.track, d.offset, d.size});
    t.slot_intervals = std::move(layout_.uses);
    layout_.uses = {};
    const auto end_cycle = static_cast<std::uint32_t>(round_cycle(now_));
    std::vector<std::int32_t> held;
    std::size_t kept = 0;
    for (std::size_t u = 0; u < t.slot_intervals.size(); ++u) {
      check_cancelled_every(u);
      SlotInterval& s = t.slot_intervals[u];
      if (s.start == SlotInterval::kUnset) continue;
      if (s.end == SlotInterval::kUnset) {
        s.end = end_cycle;
        held.push_back(s.slot);
      }
      t.slot_intervals[kept++] = s;
    }
    t.slot_intervals.resize(kept);
    t.slot_intervals.shrink_to_fit();
    return held;
  }

  Trace build_trace() {
    // A member, not a local: a cancel half-way leaves it to be freed with the simulator.
    Trace& t = trace_;
    t.cores = program_.cores();
    t.clock_ghz = options_.clock_ghz;
    recorder_.finish(t.ops, steps_, t.lane_totals, options_.job);
    steps_.resize(layout_.tracks.size());
    lanes_ = {};
    t.flag_names.reserve(layout_.flags.size());
    for (const FlagDef& f : layout_.flags) t.flag_names.push_back({f.name, f.route});
    t.buffers = layout_.tracks;
    if (!t.has_ops()) return std::move(t);
    t.flags.reserve(edges_.size());
    for (std::size_t k = 0; k < edges_.size(); ++k) {
      const PendingEdge& e = edges_[k];
      check_cancelled_every(k);
      t.flags.push_back({recorder_.global_index(e.set_lane, e.set_op),
                         recorder_.global_index(e.wait_lane, e.wait_op), round_cycle(e.set_cycle),
                         round_cycle(e.ready_cycle), e.flag});
    }
    edges_ = {};
    const std::vector<std::int32_t> held = build_slot_intervals(t);
    build_buffer_steps(t, round_cycle(now_), held);
    return std::move(t);
  }

  ProgramSource& program_;
  SimulationOptions options_;
  ProgramLayout& layout_;
  std::vector<LaneState> lanes_;
  OpRecorder recorder_;
  std::vector<FlagState> flags_;
  std::vector<SlotState> slots_;
  std::vector<OccupancySteps> steps_;  // by buffer track, from the recorder at the end
  std::vector<ResourceState> resources_;
  std::vector<std::int64_t> core_queued_;
  std::vector<bool> core_done_;
  EventQueue events_;
  std::vector<int> tries_;  // a stack of the lanes to try, one slot per lane
  std::size_t tries_size_ = 0;
  std::vector<PendingEdge> edges_;
  std::vector<std::int32_t> finished_;
  std::uint64_t seq_ = 0;
  double superseded_due_ = 0;  // the latest superseded resource completion
  int first_due_ = -1;         // the resource whose completion comes first, -1 = none pending
  double now_ = 0;
  std::int64_t ops_done_ = 0;
  Trace trace_;
};

}  // namespace

Trace simulate(ProgramSource& program, const SimulationOptions& options) {
  auto sim = std::make_unique<Simulator>(program, options);
  try {
    return sim->run();
  } catch (const Cancelled&) {
    // Its destructor touches neither the program nor the options, so it may outlive them.
    release_in_background(std::move(sim));
    throw;
  }
}

}  // namespace amla
