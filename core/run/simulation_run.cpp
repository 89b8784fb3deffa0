#include "core/run/simulation_run.h"

#include <chrono>

#include "core/common/background_release.h"
#include "core/common/cancelled.h"
#include "core/common/memory_budget.h"
#include "core/common/page_prefault.h"
#include "core/kernel/amla_program.h"
#include "core/sim/simulator.h"

namespace amla {

double trace_memory_bytes(std::int64_t ops) {
  // Per op: the trace's columns with the wait reasons (32 B) and about 0.7 slot uses (the
  // program's, which become the slot intervals: 14 B) with about 1.4 buffer steps (11 B). The
  // peak measured at batch 512, S_k 65536 (24M ops) is 59.6 B per op.
  return static_cast<double>(ops) * 64.0;
}

double metrics_only_memory_bytes(std::int64_t ops) {
  // Per op: about 0.7 slot uses of 20 B the simulator reads until the end; the lanes' totals
  // and the instruction queues do not grow with the run.
  return static_cast<double>(ops) * 16.0;
}

void preflight_check(const HardwareModel& hw, const KernelConfig& config,
                     std::uint64_t budget_bytes) {
  validate_kernel_config(config, hw);
  // Every task records well over 100 ops: refuse a hopeless size before planning it.
  constexpr std::int64_t kMinOpsPerTask = 100;
  const std::int64_t tasks = count_tasks(config);
  check_memory_budget("trace", std::to_string(tasks) + " tasks",
                      metrics_only_memory_bytes(tasks * kMinOpsPerTask), budget_bytes);
}

SimulationRun run_simulation(const HardwareModel& hw, const KernelConfig& config,
                             const SimulationControl& control) {
  const auto t0 = std::chrono::steady_clock::now();
  // On the heap, with the program: a cancelled run hands them to a thread to free (a long run's
  // trace takes longer to free than the cancel may take).
  auto run = std::make_unique<SimulationRun>();
  std::unique_ptr<ProgramSource> program;
  try {
    run->hardware = hw;
    run->config = config;
    const std::uint64_t budget =
        control.memory_budget_bytes ? control.memory_budget_bytes : default_memory_budget_bytes();
    preflight_check(hw, config, budget);
    run->plan = make_plan(config, hw);
    const ProgramCounts counts = count_program(config, hw, run->plan, control.job);
    run->planned_ops = counts.ops;
    const double trace_bytes = trace_memory_bytes(run->planned_ops);
    if (control.keep == TraceKeeping::kRequired) {
      check_memory_budget("trace", std::to_string(run->planned_ops) + " ops", trace_bytes, budget);
    }
    const bool keep =
        control.keep != TraceKeeping::kMetricsOnly && trace_bytes <= static_cast<double>(budget);
    if (!keep) {
      check_memory_budget("trace", std::to_string(run->planned_ops) + " ops",
                          metrics_only_memory_bytes(run->planned_ops), budget);
    }

    program = make_kernel_program(config, hw, run->plan);
    std::vector<SlotInterval>& uses = program->layout().uses;
    uses.reserve(static_cast<std::size_t>(counts.slot_uses));
    // The run writes them all, a page fault each 4 KiB: mapped meanwhile on another thread
    // (and joined before the program may be freed, when this scope ends).
    const PagePrefault uses_pages(uses.data(), uses.capacity() * sizeof(SlotInterval));
    SimulationOptions options;
    options.clock_ghz = hw.clock_ghz;
    options.expected_ops = run->planned_ops;
    options.lane_ops = &counts.lane_ops;
    options.job = control.job;
    options.record_reasons = control.record_reasons;
    options.keep_trace = keep;
    options.trace_writing = control.trace_writing;
    if (!keep) {
      options.no_trace_reason = control.keep == TraceKeeping::kMetricsOnly
                                    ? "only the metrics were asked for"
                                    : "its trace (" + std::to_string(run->planned_ops) + " ops, " +
                                          format_bytes(trace_bytes) +
                                          ") would not fit the memory budget of " +
                                          format_bytes(static_cast<double>(budget));
    }
    run->trace = simulate(*program, options);
    release_in_background(std::move(program));
    run->metrics = compute_metrics(run->trace, hw, config.problem, control.job);
  } catch (const Cancelled&) {
    release_in_background(std::move(program));
    release_in_background(std::move(run));
    throw;
  }
  run->wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return std::move(*run);
}

std::string run_kind_label(const SimulationRun& run) {
  if (run.is_profile()) return run.hardware.name;
  return std::string(variant_name(run.config.variant)) + ", preload " +
         std::to_string(run.config.tiling.preload);
}

}  // namespace amla
