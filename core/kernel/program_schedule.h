#pragma once
// The kernel program as a ProgramSource: sets up each AI core's tasks, flags and buffers, and
// emits one round of one core at a time in the Preload Pipeline's order (spec
// ascend910-and-kernel.md, section 6):
//   round r:  MM1(task r) | Vec1(task r-1) | MM2(task r-1) | after-MM2 work (task r-preload)
// then a closing round with the core's flash-decoding combines. With preload 0 there is no
// overlap: round r runs all four stages of task r, one after the other.
#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"
#include "core/kernel/plan.h"
#include "core/kernel/program_context.h"
#include "core/ops/program.h"

namespace amla::program {

class KernelProgram final : public ProgramSource {
 public:
  KernelProgram(const KernelConfig& config, const HardwareModel& hw, const Plan& plan);

  ProgramLayout& layout() override { return ctx_.layout; }
  int cores() const override { return ctx_.plan.cores; }
  bool emit_next_round(int core, InstructionSink& sink) override;

 private:
  void setup_core(int core);

  ProgramContext ctx_;
};

}  // namespace amla::program
