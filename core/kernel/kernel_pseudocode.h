#pragma once
// The kernel as pseudo-code, one listing per variant (AMLA and the multiply baseline), for the
// panel next to the timeline. Each line says which op kinds it produces (on which unit) and which
// flag routes it sets or waits for, so an op on the timeline lights its lines and a line lights
// its ops (as Compiler Explorer links source and assembly). Tests check the claims both ways
// against real runs: every op kind a variant emits is claimed by a line, every claimed kind
// occurs.
#include <cstdint>
#include <string>
#include <vector>

#include "core/kernel/kernel_config.h"
#include "core/ops/pipes.h"
#include "core/ops/trace.h"

namespace amla {

// Which units a line's ops run on (a line of the AIC's MM1 does not claim an AIV's set-up).
enum class PseudoSide : std::uint8_t { kAny, kAic, kAiv };

// The stage of the kernel a line belongs to; an op's stage tells apart the lines of kinds that
// several stages emit (the L0 moves of MM1 and MM2, the set-up before each stage).
enum class PseudoStage : std::uint8_t { kNone, kMm1, kVec1, kMm2, kVec2, kCombine };

struct PseudoLine {
  int indent = 0;    // nesting depth (two spaces each when printed)
  std::string text;  // the statement, in the kernel's own names
  PseudoSide side = PseudoSide::kAny;
  std::vector<OpKind> ops;         // the op kinds this line produces
  std::vector<std::string> flags;  // routes it sets or waits for, as program_layout names them
                                   // ("AIV" stands for either Vector core)
  PseudoStage stage = PseudoStage::kNone;
};

struct KernelPseudocode {
  KernelVariant variant = KernelVariant::kAmla;
  std::string title;
  std::vector<PseudoLine> lines;
};

const KernelPseudocode& kernel_pseudocode(KernelVariant variant);

// Bit k set: the line produces op kind k.
std::uint32_t pseudo_line_kinds(const PseudoLine& line);
// The lines that produce an op of `kind` run on `unit`, in listing order.
std::vector<int> pseudo_lines_for_op(const KernelPseudocode& code, OpKind kind, Unit unit);
// The stage op `op` of `trace` belongs to: from its kind, or for a kind several stages emit, from
// its neighbours (an L0 move feeds the next mmad of its task; a task's first set-up on a unit is
// its first stage's). kNone when that does not tell (an imported profile).
PseudoStage op_stage(const Trace& trace, std::int64_t op);
// The lines that produce op `op` of `trace`: those of its kind and unit, narrowed to its stage.
std::vector<int> pseudo_lines_for_trace_op(const KernelPseudocode& code, const Trace& trace,
                                           std::int64_t op);
// The line as printed: indentation and text.
std::string pseudo_line_string(const PseudoLine& line);

}  // namespace amla
