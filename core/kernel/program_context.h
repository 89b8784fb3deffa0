#pragma once
// What the stage emitters of the kernel program share: the configuration and plan, the layout
// being built, each AI core's flags, slot rings and progress, and which slot use holds each
// task's (or job's) GM workspace buffers until their consumers release them.
#include <vector>

#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"
#include "core/kernel/plan.h"
#include "core/kernel/program_layout.h"
#include "core/kernel/program_ops.h"
#include "core/kernel/program_variant.h"
#include "core/ops/program.h"

namespace amla::program {

struct CoreState {
  std::vector<int> tasks;     // Plan task indices in execution order
  std::vector<int> combines;  // Plan combine indices, run in the closing round
  int round = 0;
  int rounds = 0;
  int die = 0;
  CoreFlags flags;
  CoreSlots slots;
  bool ub_static_taken[kAivs] = {};  // the first Vec1 on each AIV takes the static UB slot
};

// Slot uses of the GM workspace, opened by the stage that first writes a buffer and released by
// its consumers; -1 until opened.
struct WorkspaceUses {
  std::vector<int> s_of_task;   // S: FixPipe of MM1 -> the two Vec1s
  std::vector<int> p_of_task;   // P~: Vec1 -> MM2's loads
  std::vector<int> pv_of_task;  // P V (baseline): FixPipe of MM2 -> the two updates
  std::vector<int> o_of_job;    // O: held from a job's first block to its last
};

struct ProgramContext {
  ProgramContext(const KernelConfig& kernel_config, const HardwareModel& hardware,
                 const Plan& kernel_plan)
      : config(kernel_config),
        hw(hardware),
        plan(kernel_plan),
        tiling(config.tiling),
        head_dim(config.problem.latent_dim + config.problem.rope_dim),
        latent_dim(config.problem.latent_dim),
        ops(hw),
        variant(config.variant, hw) {}
  ProgramContext(const ProgramContext&) = delete;
  ProgramContext& operator=(const ProgramContext&) = delete;

  KernelConfig config;
  HardwareModel hw;
  const Plan& plan;
  const Tiling& tiling;
  int head_dim = 576;    // Q and K columns: latent + rope
  int latent_dim = 512;  // V and O columns
  OpBuilder ops;
  VariantRules variant;
  ProgramLayout layout;
  std::vector<CoreState> cores;
  WorkspaceUses gm;
  std::vector<int> combine_done;         // per combine: the level flag its parts set
  std::vector<int> combine_done_of_job;  // per job: that flag when the job is a KV part, else -1
  std::vector<int> scratch_left_uses, scratch_l0c_uses;  // reused by every matmul

  int new_use(int slot, int releases, int task, OpKind producer) {
    return program::new_use(layout, slot, releases, task, producer);
  }

  static void push(int core, Unit unit, Pipe pipe, const Instr& in, InstructionSink& sink) {
    sink.push(lane_index(core, unit, pipe), in);
  }

  // The SCALAR setup before a stage (addresses, loop bounds; `extra` cycles on top); its flag
  // lets the stage's first op start.
  int scalar_setup(int core, Unit unit, int flag, int task, double extra, InstructionSink& sink) {
    Instr setup = OpBuilder::compute(OpKind::kScalarSetup, task, hw.scalar_setup_cycles + extra);
    setup.set(flag);
    push(core, unit, Pipe::kScalar, setup, sink);
    return flag;
  }

  // The same before a Vector core's stage: it lets MTE2 start the first load or, on an AIV
  // without rows, VECTOR start its hand-off op.
  int aiv_setup(int core, int aiv, int rows, int task, InstructionSink& sink) {
    const CoreFlags& flags = cores[static_cast<std::size_t>(core)].flags;
    return scalar_setup(core, aiv_unit(aiv),
                        rows > 0 ? flags.scalar_to_mte2[aiv] : flags.scalar_to_vector[aiv], task, 0,
                        sink);
  }

  // The pipe of AIV `aiv` that takes MM1's hand-off (S written) of a task of `job`: MTE2 loads S;
  // an AIV without rows only takes part in the hand-offs, on VECTOR.
  Pipe s_consumer(const Job& job, int aiv) const {
    return aiv_rows(job.rows, aiv) > 0 ? Pipe::kMte2 : Pipe::kVector;
  }
  // The same for MM2's hand-off (P V landed) of `task`.
  Pipe pv_consumer(const Task& task, int aiv) const {
    if (aiv_rows(plan.jobs[task.job].rows, aiv) == 0) return Pipe::kVector;
    return variant.pv_consumer(task);
  }
  int s_written_flag(const CoreState& state, const Job& job, int aiv) const {
    return state.flags.s_written[aiv][static_cast<int>(s_consumer(job, aiv))];
  }
  // The flag the MM2 of `producer` sets for AIV `aiv`.
  int pv_landed_flag(const CoreState& state, const Task& producer, int aiv) const {
    return state.flags.pv_landed[aiv][static_cast<int>(pv_consumer(producer, aiv))];
  }
};

}  // namespace amla::program
