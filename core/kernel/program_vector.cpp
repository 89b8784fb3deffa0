#include "core/kernel/program_vector.h"

#include <algorithm>

namespace amla::program {

namespace {

// Rows of O (latent_dim FP32 values each, times `parts` for a combine) per UB chunk.
int o_rows_per_chunk(const ProgramContext& ctx, int parts = 1) {
  return std::max(1, ctx.tiling.ub_chunk_bytes / (ctx.latent_dim * 4 * parts));
}

// AMLA's rescale of O, after Vec1 of every block but the first: as_int32(O) += N, N broadcast
// over rows x latent_dim and added in GM by the MTE3 INT32 atomic add. It must not start before
// the previous block's P V has landed in O, and MM2's next FixPipe waits for it (o_rescaled).
void emit_add_n(ProgramContext& ctx, int core, int aiv, int task_id, int rows,
                InstructionSink& sink) {
  CoreState& state = ctx.cores[static_cast<std::size_t>(core)];
  const HardwareModel& hw = ctx.hw;
  const Unit unit = aiv_unit(aiv);
  const Task& previous = ctx.plan.tasks[static_cast<std::size_t>(task_id - 1)];
  const int rows_per_chunk = o_rows_per_chunk(ctx);
  const int chunks = ceil_div(rows, rows_per_chunk);
  for (int c = 0; c < chunks; ++c) {
    const int rows_in_chunk = std::min(rows_per_chunk, rows - c * rows_per_chunk);
    const double bytes = double(rows_in_chunk) * ctx.latent_dim * 4;
    const int out_use =
        ctx.new_use(state.slots.ub_out[aiv].take(), 1, task_id, OpKind::kVecBroadcastN);
    Instr broadcast =
        OpBuilder::compute(OpKind::kVecBroadcastN, task_id,
                           ctx.ops.vector_cycles(1, hw.vector_cycles_tensor_scalar, bytes));
    broadcast.take(out_use);
    broadcast.set(state.flags.ub_computed[aiv]);
    ctx.push(core, unit, Pipe::kVector, broadcast, sink);

    Instr add = ctx.ops.transfer(OpKind::kAtomicAddN, task_id, bytes, hw.mte3_bytes_per_cycle,
                                 Level::kL2, state.die, hw.atomic_rmw_factor);
    add.wait(state.flags.ub_computed[aiv]);
    if (c == 0) add.wait(ctx.pv_landed_flag(state, previous, aiv));
    add.give(out_use);
    if (c == chunks - 1) add.set(state.flags.o_rescaled);
    ctx.push(core, unit, Pipe::kMte3, add, sink);
  }
  if (chunks == 0) {
    Instr idle = OpBuilder::compute(OpKind::kVecScalars, task_id, hw.vector_startup_cycles);
    idle.wait(ctx.pv_landed_flag(state, previous, aiv));
    idle.set(state.flags.o_rescaled);
    ctx.push(core, unit, Pipe::kVector, idle, sink);
  }
}

}  // namespace

void emit_vec1(ProgramContext& ctx, int core, int aiv, int task_id, InstructionSink& sink) {
  CoreState& state = ctx.cores[static_cast<std::size_t>(core)];
  const HardwareModel& hw = ctx.hw;
  const Task& task = ctx.plan.tasks[static_cast<std::size_t>(task_id)];
  const Job& job = ctx.plan.jobs[static_cast<std::size_t>(task.job)];
  const SoftmaxWork work = ctx.variant.softmax(task);
  const Unit unit = aiv_unit(aiv);
  const int rows = aiv_rows(job.rows, aiv);
  const int kv_tokens = task.tokens;
  const int setup = ctx.aiv_setup(core, aiv, rows, task_id, sink);
  const int s_use = ctx.gm.s_of_task[static_cast<std::size_t>(task_id)];
  int& p_use = ctx.gm.p_of_task[static_cast<std::size_t>(task_id)];
  if (p_use < 0) p_use = ctx.new_use(state.slots.gm_p.take(), 1, task_id, OpKind::kStoreP);
  // Whole rows of S (FP32) per UB chunk.
  const int rows_per_chunk = std::max(1, ctx.tiling.ub_chunk_bytes / (kv_tokens * 4));
  const int chunks = ceil_div(rows, rows_per_chunk);
  for (int c = 0; c < chunks; ++c) {
    const int rows_in_chunk = std::min(rows_per_chunk, rows - c * rows_per_chunk);
    const int in_use = ctx.new_use(state.slots.ub_in[aiv].take(), 1, task_id, OpKind::kLoadS);
    Instr load_s = ctx.ops.transfer(OpKind::kLoadS, task_id, double(rows_in_chunk) * kv_tokens * 4,
                                    hw.mte2_gm_to_ub_bytes_per_cycle, Level::kL2, state.die);
    if (c == 0) {
      load_s.wait(ctx.s_written_flag(state, job, aiv));
      load_s.wait(setup);
    }
    load_s.take(in_use);
    if (c == chunks - 1) load_s.give(s_use);
    load_s.set(state.flags.ub_loaded[aiv]);
    ctx.push(core, unit, Pipe::kMte2, load_s, sink);

    const double elements = double(rows_in_chunk) * kv_tokens;
    const int out_use =
        ctx.new_use(state.slots.ub_out[aiv].take(), 1, task_id, OpKind::kVecSoftmax);
    // Row max and row sum reduce every element once each.
    Instr softmax = OpBuilder::compute(
        OpKind::kVecSoftmax, task_id,
        ctx.ops.vector_cycles(work.chunk.instructions, work.chunk.cycles_per_repeat, elements * 4,
                              2 * elements));
    softmax.wait(state.flags.ub_loaded[aiv]);
    softmax.take(out_use);
    if (!state.ub_static_taken[aiv]) {  // temp, mask and row state stay for the whole kernel
      softmax.take(ctx.new_use(state.slots.ub_static[aiv], 1, task_id, OpKind::kVecSoftmax));
      state.ub_static_taken[aiv] = true;
    }
    softmax.give(in_use);
    softmax.set(state.flags.ub_computed[aiv]);
    ctx.push(core, unit, Pipe::kVector, softmax, sink);

    Instr store_p = ctx.ops.transfer(OpKind::kStoreP, task_id, elements * 2,
                                     hw.mte3_bytes_per_cycle, Level::kL2, state.die);
    store_p.wait(state.flags.ub_computed[aiv]);
    store_p.give(out_use);
    if (c == 0) store_p.take(p_use);
    if (c == chunks - 1) store_p.set(state.flags.p_written);
    ctx.push(core, unit, Pipe::kMte3, store_p, sink);
  }
  // The per-row scalars, one FP32 value per row each.
  Instr scalars = OpBuilder::compute(
      OpKind::kVecScalars, task_id,
      ctx.ops.vector_cycles(work.row_scalar_instructions, hw.vector_cycles_tensor_tensor,
                            std::max(1, rows) * 4.0));
  if (chunks == 0) {  // no rows for this AIV: still take part in the hand-offs
    scalars.wait(ctx.s_written_flag(state, job, aiv));
    scalars.give(s_use);
    scalars.set(state.flags.p_written);
    scalars.wait(setup);
  }
  ctx.push(core, unit, Pipe::kVector, scalars, sink);

  if (work.adds_n_to_o) emit_add_n(ctx, core, aiv, task_id, rows, sink);
}

void emit_after_mm2(ProgramContext& ctx, int core, int aiv, int task_id, InstructionSink& sink) {
  CoreState& state = ctx.cores[static_cast<std::size_t>(core)];
  const HardwareModel& hw = ctx.hw;
  const Task& task = ctx.plan.tasks[static_cast<std::size_t>(task_id)];
  const Job& job = ctx.plan.jobs[static_cast<std::size_t>(task.job)];
  const AfterMm2Work work = ctx.variant.after_mm2(task);
  if (!work.runs) return;
  const Unit unit = aiv_unit(aiv);
  const int rows = aiv_rows(job.rows, aiv);
  const bool split = job.parts > 1;
  const bool final_block = task.last_of_job;
  const int setup = ctx.aiv_setup(core, aiv, rows, task_id, sink);
  const int rows_per_chunk = o_rows_per_chunk(ctx);
  const int chunks = ceil_div(rows, rows_per_chunk);
  int& o_use = ctx.gm.o_of_job[static_cast<std::size_t>(task.job)];
  const int pv_use = ctx.gm.pv_of_task[static_cast<std::size_t>(task_id)];
  if (work.opens_o && o_use < 0)
    o_use = ctx.new_use(state.slots.gm_o.take(), kAivs, task_id, OpKind::kStoreO);
  const int combine_done = ctx.combine_done_of_job[static_cast<std::size_t>(task.job)];
  const OpKind pass = final_block ? OpKind::kVecFinal : OpKind::kVecRescale;
  for (int c = 0; c < chunks; ++c) {
    const int rows_in_chunk = std::min(rows_per_chunk, rows - c * rows_per_chunk);
    const double bytes = double(rows_in_chunk) * ctx.latent_dim * 4;
    const int first_in = ctx.new_use(state.slots.ub_in[aiv].take(), 1, task_id, work.first_load);
    Instr first = ctx.ops.transfer(work.first_load, task_id, bytes,
                                   hw.mte2_gm_to_ub_bytes_per_cycle, Level::kL2, state.die);
    if (c == 0) {
      first.wait(ctx.pv_landed_flag(state, task, aiv));
      first.wait(setup);
    }
    first.take(first_in);
    if (c == chunks - 1 && work.first_load_frees_pv) first.give(pv_use);
    first.set(state.flags.ub_loaded[aiv]);
    ctx.push(core, unit, Pipe::kMte2, first, sink);
    int loads = 1;
    int old_o_in = -1;
    if (work.loads_old_o) {
      old_o_in = ctx.new_use(state.slots.ub_in[aiv].take(), 1, task_id, OpKind::kLoadO);
      Instr old_o = ctx.ops.transfer(OpKind::kLoadO, task_id, bytes,
                                     hw.mte2_gm_to_ub_bytes_per_cycle, Level::kL2, state.die);
      if (c == 0) old_o.wait(state.flags.o_stored[aiv]);
      old_o.take(old_o_in);
      old_o.set(state.flags.ub_loaded[aiv]);
      ctx.push(core, unit, Pipe::kMte2, old_o, sink);
      loads = 2;
    }

    const double repeats = ctx.ops.vector_repeats(bytes);
    const double cycles =
        repeats * work.rescale.cycles_per_repeat + repeats * work.final.cycles_per_repeat +
        (work.rescale.instructions + work.final.instructions) * hw.vector_startup_cycles;
    const int out_use = ctx.new_use(state.slots.ub_out[aiv].take(), 1, task_id, pass);
    Instr vector = OpBuilder::compute(pass, task_id, cycles);
    vector.wait(state.flags.ub_loaded[aiv], static_cast<std::int16_t>(loads));
    vector.take(out_use);
    vector.give(first_in);
    if (old_o_in >= 0) vector.give(old_o_in);
    vector.set(state.flags.ub_computed[aiv]);
    ctx.push(core, unit, Pipe::kVector, vector, sink);

    Instr store;
    if (final_block) {
      // A KV part writes an FP32 partial and its log-sum-exp for the combine; a whole job BF16.
      store = split ? ctx.ops.transfer(OpKind::kStoreOut, task_id,
                                       double(rows_in_chunk) * (ctx.latent_dim * 4 + 4),
                                       hw.mte3_bytes_per_cycle, Level::kL2, state.die)
                    : ctx.ops.transfer(OpKind::kStoreOut, task_id,
                                       double(rows_in_chunk) * ctx.latent_dim * 2,
                                       hw.mte3_bytes_per_cycle, Level::kHbm, state.die);
      if (c == chunks - 1 && o_use >= 0) store.give(o_use);
      if (c == chunks - 1 && split) store.set(combine_done);
    } else {
      store = ctx.ops.transfer(OpKind::kStoreO, task_id, bytes, hw.mte3_bytes_per_cycle, Level::kL2,
                               state.die);
      if (c == 0 && work.opens_o) store.take(o_use);
      if (c == chunks - 1) store.set(state.flags.o_stored[aiv]);
    }
    store.wait(state.flags.ub_computed[aiv]);
    store.give(out_use);
    ctx.push(core, unit, Pipe::kMte3, store, sink);
  }
  if (chunks == 0) {  // no rows for this AIV: still take part in the hand-offs
    Instr idle = OpBuilder::compute(OpKind::kVecScalars, task_id, hw.vector_startup_cycles);
    idle.wait(ctx.pv_landed_flag(state, task, aiv));
    idle.wait(setup);
    if (work.first_load_frees_pv) idle.give(pv_use);
    if (final_block && o_use >= 0) idle.give(o_use);
    if (final_block && split) idle.set(combine_done);
    ctx.push(core, unit, Pipe::kVector, idle, sink);
  }
}

void emit_combine(ProgramContext& ctx, int core, int combine, InstructionSink& sink) {
  CoreState& state = ctx.cores[static_cast<std::size_t>(core)];
  const HardwareModel& hw = ctx.hw;
  const CombineJob& combine_job = ctx.plan.combines[static_cast<std::size_t>(combine)];
  const int parts_done = ctx.combine_done[static_cast<std::size_t>(combine)];
  for (int aiv = 0; aiv < kAivs; ++aiv) {
    const Unit unit = aiv_unit(aiv);
    const int rows = aiv_rows(combine_job.rows, aiv);
    // Every part's FP32 rows and log-sum-exp sit in UB together.
    const int rows_per_chunk = o_rows_per_chunk(ctx, std::max(1, combine_job.parts));
    const int chunks = ceil_div(rows, rows_per_chunk);
    for (int c = 0; c < chunks; ++c) {
      const int rows_in_chunk = std::min(rows_per_chunk, rows - c * rows_per_chunk);
      const double bytes = double(rows_in_chunk) * (ctx.latent_dim * 4 + 4) * combine_job.parts;
      const int in_use = ctx.new_use(state.slots.ub_in[aiv].take(), 1, -1, OpKind::kLoadO);
      Instr load = ctx.ops.transfer(OpKind::kLoadO, -1, bytes, hw.mte2_gm_to_ub_bytes_per_cycle,
                                    Level::kL2, state.die);
      // Each part's two AIVs set the level flag once.
      if (c == 0) load.wait(parts_done, static_cast<std::int16_t>(kAivs * combine_job.parts));
      load.take(in_use);
      load.set(state.flags.ub_loaded[aiv]);
      ctx.push(core, unit, Pipe::kMte2, load, sink);
      // Per part: exp(lse - max), scale, accumulate; then divide and cast.
      const double cycles = (3 * combine_job.parts + 2) * hw.vector_startup_cycles +
                            ctx.ops.vector_repeats(double(rows_in_chunk) * ctx.latent_dim * 4) *
                                (combine_job.parts * (hw.vector_cycles_tensor_tensor +
                                                      hw.vector_cycles_tensor_scalar) +
                                 hw.vector_cycles_divide);
      const int out_use = ctx.new_use(state.slots.ub_out[aiv].take(), 1, -1, OpKind::kCombine);
      Instr merge = OpBuilder::compute(OpKind::kCombine, -1, cycles);
      merge.wait(state.flags.ub_loaded[aiv]);
      merge.take(out_use);
      merge.give(in_use);
      merge.set(state.flags.ub_computed[aiv]);
      ctx.push(core, unit, Pipe::kVector, merge, sink);

      Instr store =
          ctx.ops.transfer(OpKind::kStoreOut, -1, double(rows_in_chunk) * ctx.latent_dim * 2,
                           hw.mte3_bytes_per_cycle, Level::kHbm, state.die);
      store.wait(state.flags.ub_computed[aiv]);
      store.give(out_use);
      ctx.push(core, unit, Pipe::kMte3, store, sink);
    }
  }
}

}  // namespace amla::program
