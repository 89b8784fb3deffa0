#pragma once
// A program given by hand as a fixed list of (lane, instruction), all in one round of core 0:
// the simulator's tests and the critical path's tests build their exact cases with it.
#include <string>
#include <utility>
#include <vector>

#include "core/ops/program.h"

namespace amla::testing {

class FixedProgram : public ProgramSource {
 public:
  // Cross-core flags are also recorded as arrows (FlagEdge) in the trace.
  explicit FixedProgram(bool cross_core_flags = false) : cross_core_flags_(cross_core_flags) {}

  ProgramLayout& layout() override { return layout_; }
  int cores() const override { return 1; }
  bool emit_next_round(int, InstructionSink& sink) override {
    if (emitted_) return false;
    emitted_ = true;
    for (const auto& [lane, in] : instrs_) sink.push(lane, in);
    return true;
  }
  int flag(double latency, int max_pending = 1 << 20) {
    FlagDef f;
    f.name = "flag " + std::to_string(layout_.flags.size());
    f.latency = latency;
    f.max_pending = max_pending;
    f.cross_core = cross_core_flags_;
    layout_.flags.push_back(f);
    return static_cast<int>(layout_.flags.size()) - 1;
  }
  void add(Unit u, Pipe p, const Instr& in) { instrs_.push_back({lane_index(0, u, p), in}); }

  ProgramLayout layout_;
  std::vector<std::pair<int, Instr>> instrs_;
  bool emitted_ = false;

 private:
  bool cross_core_flags_;
};

// A tenancy of `slot` by `task`, freed after `releases` release marks.
inline SlotInterval slot_use(int slot, int releases, int task, OpKind producer) {
  SlotInterval use;
  use.slot = slot;
  use.task = task;
  use.producer = producer;
  use.releases = static_cast<std::uint8_t>(releases);
  return use;
}

inline Instr compute(OpKind kind, double cycles) {
  Instr in;
  in.kind = kind;
  in.work = cycles;
  return in;
}

inline Instr transfer(OpKind kind, double bytes, double peak, int resource) {
  Instr in;
  in.kind = kind;
  in.work = bytes;
  in.peak = static_cast<float>(peak);
  in.resource = static_cast<std::int8_t>(resource);
  return in;
}

}  // namespace amla::testing
