#pragma once
// The kernel program's layout (core/ops/program.h) as the stage emitters see it: for each AI
// core, the flags that join its lanes and the slot rings inside its buffers; the slot uses made
// while emitting. The flags, tracks and slots are numbered in the order they are added here, and
// the trace shows their names, so both stay as they are.
#include <cstdint>
#include <string>

#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"
#include "core/kernel/plan.h"
#include "core/ops/program.h"

namespace amla::program {

// Vector cores per Cube core: each takes half of a task's rows.
constexpr int kAivs = 2;

inline Unit aiv_unit(int aiv) { return aiv == 0 ? Unit::kAiv0 : Unit::kAiv1; }

// The rows of a `rows`-row task that Vector core `aiv` works on (the first takes the odd one).
inline int aiv_rows(int rows, int aiv) {
  const int first = (rows + 1) / 2;
  return aiv == 0 ? first : rows - first;
}

// A ring of equally sized slots inside one buffer; the next tile takes the next slot.
struct SlotRing {
  int first = 0;
  int count = 1;
  int next = 0;
  int take() {
    const int slot = first + next;
    if (++next == count) next = 0;
    return slot;
  }
};

// Flag indices of one AI core (its AIC and two AIVs).
struct CoreFlags {
  // Within the AIC.
  int qp_loaded = 0;   // MTE2 -> MTE1: a Q (MM1) or P~ (MM2) tile is in L1
  int kv_loaded = 0;   // MTE2 -> MTE1: a K (MM1) or V (MM2) tile is in L1
  int l0a_filled = 0;  // MTE1 -> CUBE
  int l0b_filled = 0;  // MTE1 -> CUBE
  int l0c_done = 0;    // CUBE -> FIXP: an L0C tile has all its k-slices
  int aic_scalar = 0;  // SCALAR -> MTE2: a matmul's setup is done
  // AIC -> AIV, one counter per consuming pipe of each AIV (a counter shared by two pipes would
  // let the wrong one take a set).
  int s_written[kAivs][kPipeCount] = {};  // MM1's S is in GM
  int pv_landed[kAivs][kPipeCount] = {};  // MM2's P V is in GM (added into O, or in its slot)
  // Both AIVs -> AIC, waited with count kAivs.
  int p_written = 0;   // Vec1's P~ is in GM
  int o_rescaled = 0;  // AMLA: N has been added into O
  // Within each AIV.
  int ub_loaded[kAivs] = {};         // MTE2 -> VECTOR
  int ub_computed[kAivs] = {};       // VECTOR -> MTE3
  int o_stored[kAivs] = {};          // MTE3 -> MTE2: the baseline's O is back in GM
  int scalar_to_mte2[kAivs] = {};    // SCALAR -> MTE2: a stage's setup is done
  int scalar_to_vector[kAivs] = {};  // SCALAR -> VECTOR: the same, on an AIV without rows
};

// Slot rings of one AI core.
struct CoreSlots {
  SlotRing l1_qp, l1_kv;                 // L1: Q / P~ tiles; K / V tiles
  SlotRing l0a, l0b, l0c;                // L0: matmul operand slices; accumulator tiles
  SlotRing ub_in[kAivs], ub_out[kAivs];  // UB: loaded chunks; computed chunks
  int ub_static[kAivs] = {};             // UB: temp, mask and row state, held all kernel long
  SlotRing gm_s, gm_p, gm_o, gm_pv;      // GM workspace: S, P~, O, P V (baseline)
};

// The HBM and the L2 of each die, in the order Instr::resource indexes them (die * 2 + 0 / 1).
void add_shared_resources(ProgramLayout& layout, const HardwareModel& hw);

// The level flag the parts of flash-decoding combine `combine` set when they are done.
int add_combine_flag(ProgramLayout& layout, const HardwareModel& hw, int combine);

CoreFlags add_core_flags(ProgramLayout& layout, const HardwareModel& hw, int core);

// The core's buffer tracks (L1, L0A, L0B, L0C, the UB of each AIV, its GM workspace) and the
// slot rings the tiling cuts them into.
CoreSlots add_core_buffers(ProgramLayout& layout, const HardwareModel& hw, int core,
                           const Tiling& tiling, const TileBytes& tiles, int latent_dim);

// A new tenancy of `slot`, freed after `releases` release marks. Returns its index.
inline int new_use(ProgramLayout& layout, int slot, int releases, int task, OpKind producer) {
  SlotInterval use;
  use.slot = slot;
  use.task = task;
  use.producer = producer;
  use.releases = static_cast<std::uint8_t>(releases);  // 1 or kAivs
  layout.uses.push_back(use);
  return static_cast<int>(layout.uses.size()) - 1;
}

}  // namespace amla::program
