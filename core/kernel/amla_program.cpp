#include "core/kernel/amla_program.h"

#include <exception>
#include <thread>

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

namespace {

// Counts cores [first, last) into `counts` (sized for every lane), on its own program: a core's
// rounds depend on that core's tasks alone.
void count_cores(const KernelConfig& config, const HardwareModel& hw, const Plan& plan,
                 const JobControl& job, int first, int last, ProgramCounts& counts) {
  program::KernelProgram program(config, hw, plan);
  CountingSink sink;
  sink.per_lane = &counts.lane_ops;
  for (int c = first; c < last; ++c) {
    while (program.emit_next_round(c, sink)) {
      counts.slot_uses += static_cast<std::int64_t>(program.layout().uses.size());
      program.layout().uses.clear();  // only the count matters here
      job.check_cancelled();
    }
  }
  counts.ops += sink.count;
}

}  // namespace

ProgramCounts count_program(const KernelConfig& config, const HardwareModel& hw, const Plan& plan,
                            const JobControl& job) {
  const std::size_t lanes = static_cast<std::size_t>(plan.cores) * kUnitCount * kPipeCount;
  ProgramCounts counts;
  counts.lane_ops.assign(lanes, 0);
  // Counting is a few percent of a run, all of it before the simulation starts: with a core to
  // spare, a second thread counts half the cores.
  const int half = std::thread::hardware_concurrency() >= 2 ? plan.cores / 2 : 0;
  if (half == 0) {
    count_cores(config, hw, plan, job, 0, plan.cores, counts);
    return counts;
  }
  ProgramCounts other;
  other.lane_ops.assign(lanes, 0);
  std::exception_ptr other_error;
  std::thread helper([&] {
    try {
      count_cores(config, hw, plan, job, half, plan.cores, other);
    } catch (...) {
      other_error = std::current_exception();
    }
  });
  try {
    count_cores(config, hw, plan, job, 0, half, counts);
  } catch (...) {
    helper.join();  // it stops soon too when cancelled, or finishes its half
    throw;
  }
  helper.join();
  if (other_error) std::rethrow_exception(other_error);
  counts.ops += other.ops;
  counts.slot_uses += other.slot_uses;
  for (std::size_t l = 0; l < lanes; ++l) counts.lane_ops[l] += other.lane_ops[l];
  return counts;
}

}  // namespace amla
