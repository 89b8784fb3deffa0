#pragma once
// Turns a Plan into the per-lane instruction streams of the AMLA kernel (or its MUL baseline),
// as the shipped kernel issues them (spec ascend910-and-kernel.md, section 6): MM1 and MM2 on the
// Cube core with their L1 / L0 tiling, Vec1 / the rescale / Vec2 on the two Vector cores, joined
// by intra-core flags, cross-core flags and buffer slots, in the Preload Pipeline's order.
// Generated lazily, one round of one core at a time.
#include <atomic>
#include <memory>

#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"
#include "core/kernel/plan.h"
#include "core/sim/program.h"

namespace amla {

std::unique_ptr<ProgramSource> make_kernel_program(const KernelConfig& config,
                                                   const HardwareModel& hw, const Plan& plan);

// Exact number of ops the program will record, by emitting it into a counter (cheap: no
// simulation). For the memory budget.
// Checks `cancel` between rounds and throws Cancelled when it is set.
std::int64_t count_program_ops(const KernelConfig& config, const HardwareModel& hw,
                               const Plan& plan, const std::atomic<bool>* cancel = nullptr);

}  // namespace amla
