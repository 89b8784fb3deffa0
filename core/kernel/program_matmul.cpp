#include "core/kernel/program_matmul.h"

#include <algorithm>

namespace amla::program {

namespace {

// One L0 k-slice: MTE1 moves the left slice (Q or P~) into L0A and the right one (K or V) into
// L0B, then the Cube accumulates their product into the L0C tile.
struct KSlice {
  OpKind mmad = OpKind::kMmadQK;
  int rows = 0, cols = 0, depth = 0;  // M, N and this slice's K
  bool waits_for_left_tile = false;   // the first slice of a freshly loaded L1 tile
  int frees_left_tile = -1;           // the last slice of an L1 tile releases its slot use
  bool waits_for_right_tile = false;
  int frees_right_tile = -1;
  bool opens_l0c = false;   // first slice into a fresh L0C tile
  bool closes_l0c = false;  // last slice: hand the tile to FixPipe
};

void emit_k_slice(ProgramContext& ctx, int core, int task, const KSlice& slice, int& l0c_use,
                  InstructionSink& sink) {
  CoreState& state = ctx.cores[static_cast<std::size_t>(core)];
  const HardwareModel& hw = ctx.hw;
  const int a_use = ctx.new_use(state.slots.l0a.take(), 1, task, OpKind::kMoveL0A);
  Instr move_a = ctx.ops.transfer(OpKind::kMoveL0A, task, double(slice.rows) * slice.depth * 2,
                                  hw.mte1_l1_to_l0a_bytes_per_cycle, Level::kLocal, state.die);
  if (slice.waits_for_left_tile) move_a.wait(state.flags.qp_loaded);
  move_a.take(a_use);
  if (slice.frees_left_tile >= 0) move_a.give(slice.frees_left_tile);
  move_a.set(state.flags.l0a_filled);
  ctx.push(core, Unit::kAic, Pipe::kMte1, move_a, sink);

  const int b_use = ctx.new_use(state.slots.l0b.take(), 1, task, OpKind::kMoveL0B);
  Instr move_b = ctx.ops.transfer(OpKind::kMoveL0B, task, double(slice.depth) * slice.cols * 2,
                                  hw.mte1_l1_to_l0b_bytes_per_cycle, Level::kLocal, state.die);
  if (slice.waits_for_right_tile) move_b.wait(state.flags.kv_loaded);
  move_b.take(b_use);
  if (slice.frees_right_tile >= 0) move_b.give(slice.frees_right_tile);
  move_b.set(state.flags.l0b_filled);
  ctx.push(core, Unit::kAic, Pipe::kMte1, move_b, sink);

  Instr mmad =
      OpBuilder::compute(slice.mmad, task, ctx.ops.mmad_cycles(slice.rows, slice.cols, slice.depth),
                         2.0 * slice.rows * slice.cols * slice.depth);
  mmad.wait(state.flags.l0a_filled);
  mmad.wait(state.flags.l0b_filled);
  mmad.give(a_use);
  mmad.give(b_use);
  if (slice.opens_l0c) {
    l0c_use = ctx.new_use(state.slots.l0c.take(), 1, task, slice.mmad);
    mmad.take(l0c_use);
  }
  if (slice.closes_l0c) mmad.set(state.flags.l0c_done);
  ctx.push(core, Unit::kAic, Pipe::kCube, mmad, sink);
}

}  // namespace

void emit_tiled_matmul(ProgramContext& ctx, int core, const MatmulStage& mm,
                       InstructionSink& sink) {
  CoreState& state = ctx.cores[static_cast<std::size_t>(core)];
  const HardwareModel& hw = ctx.hw;
  const int task_id = mm.task_id;
  const int m_tile = ctx.tiling.m_tile;
  const int m_tiles = ceil_div(mm.rows, m_tile);
  const int n_tiles = ceil_div(mm.cols, mm.n_tile);
  const int k_tiles = ceil_div(mm.depth, mm.k_tile);
  int setup = ctx.scalar_setup(core, Unit::kAic, state.flags.aic_scalar, task_id,
                               mm.setup_extra_cycles, sink);
  // The left tile of (m, k) and the L0C tile of m, as slot uses.
  std::vector<int>& left_uses = ctx.scratch_left_uses;
  std::vector<int>& l0c_uses = ctx.scratch_l0c_uses;
  left_uses.assign(static_cast<std::size_t>(m_tiles * k_tiles), -1);
  l0c_uses.assign(static_cast<std::size_t>(m_tiles), -1);
  bool first_left_load = true, first_fixpipe = true;
  for (int n = 0; n < n_tiles; ++n) {
    const int n_size = std::min(mm.n_tile, mm.cols - n * mm.n_tile);
    for (int k = 0; k < k_tiles; ++k) {
      const int k_size = std::min(mm.k_tile, mm.depth - k * mm.k_tile);
      const int right_use = ctx.new_use(state.slots.l1_kv.take(), 1, task_id, mm.right.load);
      Instr load_right =
          ctx.ops.transfer(mm.right.load, task_id, double(k_size) * n_size * 2,
                           hw.mte2_gm_to_l1_bytes_per_cycle, mm.right.level, state.die);
      if (setup >= 0) {  // the first load starts after the SCALAR setup
        load_right.wait(setup);
        setup = -1;
      }
      load_right.take(right_use);
      load_right.set(state.flags.kv_loaded);
      ctx.push(core, Unit::kAic, Pipe::kMte2, load_right, sink);

      for (int m = 0; m < m_tiles; ++m) {
        const int m_size = std::min(m_tile, mm.rows - m * m_tile);
        int& left_use = left_uses[static_cast<std::size_t>(m * k_tiles + k)];
        if (n == 0) {
          left_use = ctx.new_use(state.slots.l1_qp.take(), 1, task_id, mm.left.load);
          Instr load_left =
              ctx.ops.transfer(mm.left.load, task_id, double(m_size) * k_size * 2,
                               hw.mte2_gm_to_l1_bytes_per_cycle, mm.left.level, state.die);
          if (first_left_load) {
            if (mm.left.first_wait.flag >= 0)
              load_left.wait(mm.left.first_wait.flag, mm.left.first_wait.count);
            first_left_load = false;
          }
          load_left.take(left_use);
          if (m == m_tiles - 1 && k == k_tiles - 1 && mm.left.freed_by_last_load >= 0)
            load_left.give(mm.left.freed_by_last_load);
          load_left.set(state.flags.qp_loaded);
          ctx.push(core, Unit::kAic, Pipe::kMte2, load_left, sink);
        }
        const int slices = ceil_div(k_size, mm.k_slice);
        for (int s = 0; s < slices; ++s) {
          KSlice slice;
          slice.mmad = mm.mmad;
          slice.rows = m_size;
          slice.cols = n_size;
          slice.depth = std::min(mm.k_slice, k_size - s * mm.k_slice);
          slice.waits_for_left_tile = n == 0 && s == 0;
          slice.frees_left_tile = n == n_tiles - 1 && s == slices - 1 ? left_use : -1;
          slice.waits_for_right_tile = m == 0 && s == 0;
          slice.frees_right_tile = m == m_tiles - 1 && s == slices - 1 ? right_use : -1;
          slice.opens_l0c = k == 0 && s == 0;
          slice.closes_l0c = k == k_tiles - 1 && s == slices - 1;
          emit_k_slice(ctx, core, task_id, slice, l0c_uses[static_cast<std::size_t>(m)], sink);
        }
      }
    }
    // The L0C tiles of this N tile have their whole depth: FixPipe them out.
    for (int m = 0; m < m_tiles; ++m) {
      const int m_size = std::min(m_tile, mm.rows - m * m_tile);
      Instr fixpipe =
          ctx.ops.transfer(mm.fixpipe, task_id, double(m_size) * n_size * 4,
                           hw.fixp_bytes_per_cycle, Level::kL2, state.die, mm.fixpipe_factor);
      if (first_fixpipe) {
        if (mm.first_fixpipe_wait.flag >= 0)
          fixpipe.wait(mm.first_fixpipe_wait.flag, mm.first_fixpipe_wait.count);
        if (mm.output_ring) {
          *mm.output_use = ctx.new_use(mm.output_ring->take(), kAivs, task_id, mm.fixpipe);
          fixpipe.take(*mm.output_use);
        }
        first_fixpipe = false;
      }
      fixpipe.wait(state.flags.l0c_done);
      fixpipe.give(l0c_uses[static_cast<std::size_t>(m)]);
      if (n == n_tiles - 1 && m == m_tiles - 1) {
        for (int aiv = 0; aiv < kAivs; ++aiv) fixpipe.set(mm.done_flags[aiv]);
      }
      ctx.push(core, Unit::kAic, Pipe::kFixp, fixpipe, sink);
    }
  }
}

void emit_mm1(ProgramContext& ctx, int core, int task_id, InstructionSink& sink) {
  CoreState& state = ctx.cores[static_cast<std::size_t>(core)];
  const Task& task = ctx.plan.tasks[static_cast<std::size_t>(task_id)];
  const Job& job = ctx.plan.jobs[static_cast<std::size_t>(task.job)];
  MatmulStage mm;
  mm.mmad = OpKind::kMmadQK;
  mm.task_id = task_id;
  mm.rows = job.rows;
  mm.cols = task.tokens;
  mm.depth = ctx.head_dim;
  mm.n_tile = ctx.tiling.mm1_n_tile;
  mm.k_tile = ctx.tiling.l1_k_split;
  mm.k_slice = ctx.tiling.mm1_k_slice;
  mm.setup_extra_cycles = task.first_of_job ? ctx.hw.block_dispatch_cycles : 0.0;
  // Q comes from HBM once per job; the job's later blocks find it in L2.
  mm.left.load = OpKind::kLoadQ;
  mm.left.level = task.first_of_job ? Level::kHbm : Level::kL2;
  mm.right.load = OpKind::kLoadK;
  mm.right.level = Level::kHbm;
  mm.fixpipe = OpKind::kFixpS;
  mm.output_ring = &state.slots.gm_s;
  mm.output_use = &ctx.gm.s_of_task[static_cast<std::size_t>(task_id)];
  for (int aiv = 0; aiv < kAivs; ++aiv) mm.done_flags[aiv] = ctx.s_written_flag(state, job, aiv);
  emit_tiled_matmul(ctx, core, mm, sink);
}

void emit_mm2(ProgramContext& ctx, int core, int task_id, InstructionSink& sink) {
  CoreState& state = ctx.cores[static_cast<std::size_t>(core)];
  const Task& task = ctx.plan.tasks[static_cast<std::size_t>(task_id)];
  const Job& job = ctx.plan.jobs[static_cast<std::size_t>(task.job)];
  MatmulStage mm;
  mm.mmad = OpKind::kMmadPV;
  mm.task_id = task_id;
  mm.rows = job.rows;
  mm.cols = ctx.latent_dim;
  mm.depth = task.tokens;
  mm.n_tile = ctx.tiling.mm2_n_tile;
  mm.k_tile = ctx.tiling.mm2_k_split;
  mm.k_slice = ctx.tiling.mm2_k_slice;
  // P~ is loaded once both Vec1s have written it; its GM slot is free after the last load.
  mm.left.load = OpKind::kLoadP;
  mm.left.level = Level::kL2;
  mm.left.first_wait = {state.flags.p_written, kAivs};
  mm.left.freed_by_last_load = ctx.gm.p_of_task[static_cast<std::size_t>(task_id)];
  // V is the K rows MM1 just read: L2 hits.
  mm.right.load = OpKind::kLoadV;
  mm.right.level = Level::kL2;
  switch (ctx.variant.mm2_destination(task)) {
    case Mm2Destination::kNewO:
      mm.fixpipe = OpKind::kFixpO;
      mm.output_ring = &state.slots.gm_o;
      mm.output_use = &ctx.gm.o_of_job[static_cast<std::size_t>(task.job)];
      break;
    case Mm2Destination::kAddIntoO:
      mm.fixpipe = OpKind::kFixpO;
      mm.fixpipe_factor = ctx.hw.atomic_rmw_factor;
      mm.first_fixpipe_wait = {state.flags.o_rescaled, kAivs};
      break;
    case Mm2Destination::kPvSlot:
      mm.fixpipe = OpKind::kFixpPV;
      mm.output_ring = &state.slots.gm_pv;
      mm.output_use = &ctx.gm.pv_of_task[static_cast<std::size_t>(task_id)];
      break;
  }
  for (int aiv = 0; aiv < kAivs; ++aiv) mm.done_flags[aiv] = ctx.pv_landed_flag(state, task, aiv);
  emit_tiled_matmul(ctx, core, mm, sink);
}

}  // namespace amla::program
