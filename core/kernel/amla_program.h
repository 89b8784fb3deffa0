#pragma once
// Turns a Plan into the per-lane instruction streams of the AMLA kernel (or its MUL baseline),
// as the shipped kernel issues them (spec ascend910-and-kernel.md, section 6): MM1 and MM2 on the
// Cube core with their L1 / L0 tiling, Vec1 / the rescale / Vec2 on the two Vector cores, joined
// by intra-core flags, cross-core flags and buffer slots, in the Preload Pipeline's order.
// Generated lazily, one round of one core at a time.
//
// Built by the program_* files beside this one: program_schedule (the ProgramSource and the
// Preload Pipeline's rounds), program_matmul (MM1 and MM2 through one tiled-matmul emitter),
// program_vector (Vec1, AMLA's add of N, the update and Vec2, the combine), program_variant
// (everything AMLA and the baseline do differently), program_layout (flags, buffer tracks, slot
// rings), program_ops (what one op costs) and program_context (the state they share).
#include <atomic>
#include <memory>
#include <vector>

#include "core/common/job_control.h"
#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"
#include "core/kernel/plan.h"
#include "core/ops/program.h"

namespace amla {

std::unique_ptr<ProgramSource> make_kernel_program(const KernelConfig& config,
                                                   const HardwareModel& hw, const Plan& plan);

// The size of a program, found by emitting it into a counter (cheap: no simulation): the ops it
// will record in all and per lane, and its buffer slot uses. For the memory budget, and so the
// simulator can size its arrays once.
struct ProgramCounts {
  std::int64_t ops = 0;
  std::int64_t slot_uses = 0;
  std::vector<std::int64_t> lane_ops;
};

// Checks for cancellation between rounds (throws Cancelled); reports no progress. With two or
// more hardware threads, half the cores are counted on a second thread.
ProgramCounts count_program(const KernelConfig& config, const HardwareModel& hw, const Plan& plan,
                            const JobControl& job = {});

}  // namespace amla
