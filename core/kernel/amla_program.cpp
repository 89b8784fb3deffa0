#include "core/kernel/amla_program.h"

#include "core/kernel/program_schedule.h"

namespace amla {

namespace {

class CountingSink : public InstructionSink {
 public:
  void push(int lane, const Instr&) override {
    ++count;
    if (per_lane) ++(*per_lane)[static_cast<std::size_t>(lane)];
  }
  std::int64_t count = 0;
  std::vector<std::int64_t>* per_lane = nullptr;
};

}  // namespace

std::unique_ptr<ProgramSource> make_kernel_program(const KernelConfig& config,
                                                   const HardwareModel& hw, const Plan& plan) {
  return std::make_unique<program::KernelProgram>(config, hw, plan);
}

ProgramCounts count_program(const KernelConfig& config, const HardwareModel& hw, const Plan& plan,
                            const JobControl& job) {
  program::KernelProgram program(config, hw, plan);
  ProgramCounts counts;
  counts.lane_ops.assign(static_cast<std::size_t>(program.cores()) * kUnitCount * kPipeCount, 0);
  CountingSink sink;
  sink.per_lane = &counts.lane_ops;
  for (int c = 0; c < program.cores(); ++c) {
    while (program.emit_next_round(c, sink)) {
      counts.slot_uses += static_cast<std::int64_t>(program.layout().uses.size());
      program.layout().uses.clear();  // only the count matters here
      job.check_cancelled();
    }
  }
  counts.ops = sink.count;
  return counts;
}

}  // namespace amla
