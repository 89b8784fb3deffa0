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

namespace amla {

// Which units a line's ops run on (a line of the AIC's MM1 does not claim an AIV's set-up).
enum class PseudoSide : std::uint8_t { kAny, kAic, kAiv };

struct PseudoLine {
  int indent = 0;    // nesting depth (two spaces each when printed)
  std::string text;  // the statement, in the kernel's own names
  PseudoSide side = PseudoSide::kAny;
  std::vector<OpKind> ops;         // the op kinds this line produces
  std::vector<std::string> flags;  // routes it sets or waits for, as program_layout names them
                                   // ("AIV" stands for either Vector core)
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
// The line as printed: indentation and text.
std::string pseudo_line_string(const PseudoLine& line);

}  // namespace amla
