#pragma once
// The instruction streams the simulator executes: one in-order queue per (core, unit, pipe)
// lane, synchronised only by flags (counters, as SetFlag/WaitFlag and CrossCoreSetFlag are on the
// device) and by buffer slots (an op that needs space waits until the slot's previous tenant has
// been released).
#include <cstdint>
#include <string>
#include <vector>

#include "core/ops/pipes.h"
#include "core/ops/trace.h"

namespace amla {

struct FlagRef {
  std::int32_t flag = -1;
  std::int16_t count = 1;  // waits: sets consumed; sets: increments
};

struct Instr {
  OpKind kind = OpKind::kLoadQ;
  std::int8_t resource = -1;  // shared resource (HBM or L2 of a die), -1 = core-local
  std::uint8_t n_waits = 0, n_sets = 0, n_acquire = 0, n_release = 0;
  std::int32_t task = -1;
  float latency = 0;          // cycles before the data moves (transfers)
  float peak = 0;             // transfer: bytes per cycle at most (with DMA efficiency)
  float resource_factor = 1;  // bytes the shared resource sees per byte moved (atomics: RMW)
  double work = 0;            // compute: cycles; transfer: bytes
  double flops = 0;
  FlagRef waits[2];
  FlagRef sets[3];
  std::int32_t acquire[2] = {-1, -1};  // slot uses taken when the op starts
  std::int32_t release[2] = {-1, -1};  // slot uses given back (one releaser each) when it ends

  bool is_transfer() const { return peak > 0; }
  void wait(std::int32_t flag, std::int16_t count = 1) { waits[n_waits++] = {flag, count}; }
  void set(std::int32_t flag, std::int16_t count = 1) { sets[n_sets++] = {flag, count}; }
  void take(std::int32_t use) { acquire[n_acquire++] = use; }
  void give(std::int32_t use) { release[n_release++] = use; }
};

struct FlagDef {
  std::string name;    // the whole name: "core 4 C1->V1 (S written, to AIV0 VECTOR)"
  std::string route;   // the hand-off in the kernel's stage or pipe names: "C1->V1"
  double latency = 0;  // cycles from set to visible
  int max_pending = 1 << 20;
  bool cross_core = false;  // recorded as arrows in the trace
  bool level = false;       // barrier: waits need count sets in total and consume nothing
};

struct SlotDef {
  std::int32_t track = 0;  // BufferTrack index
  std::int64_t offset = 0;
  std::int64_t size = 0;
  std::string name;
};

struct SharedResource {
  std::string name;
  double bytes_per_cycle = 0;
};

// Everything about the program that is not the instruction streams themselves.
struct ProgramLayout {
  int cores = 0;
  std::vector<FlagDef> flags;
  std::vector<SlotDef> slot_defs;
  // Every tenancy of a slot so far, indexed by Instr::acquire / release; the simulator fills in
  // when each was held, and the trace keeps them as its slot intervals.
  std::vector<SlotInterval> uses;
  std::vector<BufferTrack> tracks;  // capacity and names; the simulator fills time/used
  std::vector<SharedResource> resources;
};

// Emits instructions lazily, one round of one core at a time, so the simulator never holds the
// whole program. push() receives (lane index, instruction).
class InstructionSink {
 public:
  virtual ~InstructionSink() = default;
  virtual void push(int lane, const Instr& instr) = 0;
};

class ProgramSource {
 public:
  virtual ~ProgramSource() = default;
  virtual ProgramLayout& layout() = 0;
  virtual int cores() const = 0;
  // Emits the next round of `core`; returns false when the core has nothing left.
  virtual bool emit_next_round(int core, InstructionSink& sink) = 0;
};

}  // namespace amla
