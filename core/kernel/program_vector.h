#pragma once
// The Vector cores' stages. Each AIV takes half of a task's rows and streams them through its UB
// in chunks: MTE2 loads a chunk from GM, VECTOR computes, MTE3 stores the result. An AIV without
// rows still takes part in every hand-off, with one short VECTOR op.
#include "core/kernel/program_context.h"

namespace amla::program {

// Vec1: softmax of S into P~ and the per-row scalars; AMLA then rescales O by adding N.
void emit_vec1(ProgramContext& ctx, int core, int aiv, int task_id, InstructionSink& sink);

// After MM2 has landed: the baseline's update of O (every block) and Vec2 (the job's last block).
void emit_after_mm2(ProgramContext& ctx, int core, int aiv, int task_id, InstructionSink& sink);

// The flash-decoding combine of a row block's KV parts (both AIVs).
void emit_combine(ProgramContext& ctx, int core, int combine, InstructionSink& sink);

}  // namespace amla::program
