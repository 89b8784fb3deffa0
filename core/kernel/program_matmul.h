#pragma once
// The Cube core's matmuls: MM1 (S = [Q|Qrope] [K|Krope]^T) and MM2 (O (+)= P~ V), both through one
// tiled-matmul emitter with the L1 / L0 tiling of spec ascend910-and-kernel.md, section 6.
#include "core/kernel/program_context.h"

namespace amla::program {

// One operand's L1 tiles.
struct L1Operand {
  OpKind load = OpKind::kLoadQ;
  Level level = Level::kL2;
  FlagRef first_wait;           // the first load waits for it (flag -1: none)
  int freed_by_last_load = -1;  // a slot use the last load releases (the GM buffer it read)
};

// A matmul of `rows` x `depth` (left, in the QP buffers) by `depth` x `cols` (right, in the KV
// buffers), tiled: N tiles of `n_tile` columns outermost, then L1 tiles of `k_tile` along the
// depth, then L0C tiles of Tiling::m_tile rows; each L1 tile pair is fed to the Cube in k-slices.
// Left tiles stay resident across the N tiles (loaded while n == 0); a right tile is loaded per
// (n, k). FixPipe moves each finished L0C tile to GM.
struct MatmulStage {
  OpKind mmad = OpKind::kMmadQK;
  int task_id = 0;
  int rows = 0, cols = 0, depth = 0;  // M, N, K
  int n_tile = 0, k_tile = 0, k_slice = 0;
  double setup_extra_cycles = 0;  // on top of the SCALAR setup (a job's dispatch)
  L1Operand left, right;
  OpKind fixpipe = OpKind::kFixpS;
  double fixpipe_factor = 1.0;  // bytes L2 sees per byte written (atomic add: read-modify-write)
  FlagRef first_fixpipe_wait;   // the first FixPipe waits for it (flag -1: none)
  SlotRing* output_ring = nullptr;   // if set, the first FixPipe opens a use of it, released by
  int* output_use = nullptr;         // both AIVs, and stores its index here
  int done_flags[kAivs] = {-1, -1};  // set by the last FixPipe: the hand-off to each AIV
};

void emit_tiled_matmul(ProgramContext& ctx, int core, const MatmulStage& mm, InstructionSink& sink);

// MM1 of task `task_id`: S to its GM slot, then hand it to both AIVs.
void emit_mm1(ProgramContext& ctx, int core, int task_id, InstructionSink& sink);
// MM2 of task `task_id`: P~ (once both Vec1s wrote it) times V, to where the variant puts P V.
void emit_mm2(ProgramContext& ctx, int core, int task_id, InstructionSink& sink);

}  // namespace amla::program
