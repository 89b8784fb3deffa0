#pragma once
// Everything the AMLA kernel and its multiply baseline do differently, one function per stage
// boundary. The stage emitters (program_matmul, program_vector) follow what these return and never
// look at the variant themselves.
//
//   AMLA: O lives in GM as FP32 from a job's first block to its last. MM2's FixPipe writes it on
//     the first block and adds P V into it atomically after that; before that add, Vec1 applies
//     the new row max to O by adding N to its INT32 bits (an MTE3 atomic add). Only the last
//     block has a Vec2: load O, guard, divide by l c^, cast.
//   Baseline (MUL): MM2's FixPipe writes P V into a workspace slot. After every MM2 the Vector
//     cores load P V and the old O, compute O * exp(m_old - m_new) + P V and store O back; on the
//     last block the same pass divides and casts.
#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"
#include "core/kernel/plan.h"
#include "core/ops/pipes.h"

namespace amla::program {

// A Vector pass over a chunk: its instructions and the cycles they spend per repeat.
struct VectorPass {
  int instructions = 0;
  double cycles_per_repeat = 0;
};

// Vec1 of a block on each AIV.
struct SoftmaxWork {
  VectorPass chunk;  // per S chunk: scale, row max, subtract, exp, row sum, (x c^,) cast
  int row_scalar_instructions = 0;  // AMLA: n, dn, c, c^, k, e, N; baseline: exp(m_old - m_new)
  bool adds_n_to_o = false;         // then rescale O by the INT32 atomic add of N
};

// Where MM2's FixPipe puts P V.
enum class Mm2Destination {
  kNewO,      // writes O, opening the job's O slot
  kAddIntoO,  // FP32 atomic add into O, once both AIVs have rescaled it
  kPvSlot,    // writes a P V partial into a workspace slot of the task
};

// What each AIV does on a block once its MM2 has landed.
struct AfterMm2Work {
  bool runs = false;
  OpKind first_load = OpKind::kLoadO;  // the accumulated O, or this block's P V
  bool first_load_frees_pv = false;    // P V's slot is free once both AIVs have loaded it
  bool loads_old_o = false;            // the O the previous block's update stored
  bool opens_o = false;                // a job's first block opens O's slot; its store takes it
  VectorPass rescale;                  // O * exp(m_old - m_new) + P V
  VectorPass final;                    // the job's last block: divide by l (x c^), cast
};

class VariantRules {
 public:
  VariantRules(KernelVariant variant, const HardwareModel& hw) : variant_(variant), hw_(hw) {}

  SoftmaxWork softmax(const Task& task) const;
  Mm2Destination mm2_destination(const Task& task) const;
  // The pipe that first takes MM2's hand-off of `task`, on an AIV that has rows.
  Pipe pv_consumer(const Task& task) const;
  AfterMm2Work after_mm2(const Task& task) const;

 private:
  KernelVariant variant_;
  const HardwareModel& hw_;
};

}  // namespace amla::program
