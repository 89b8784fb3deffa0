#pragma once
// One simulation, end to end: configuration -> plan -> instruction streams -> simulation ->
// trace and metrics. The memory budget is checked before anything big is allocated.
#include <cstdint>
#include <string>

#include "core/common/job_control.h"
#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"
#include "core/kernel/plan.h"
#include "core/ops/trace.h"
#include "core/run/run_metrics.h"
#include "core/sim/simulator.h"

namespace amla {

// Whether a run keeps its trace (every op, slot interval and buffer step, for the views) or only
// the lanes' totals its metrics come from.
enum class TraceKeeping : std::uint8_t {
  kIfItFits,     // the trace when it fits the memory budget, else metrics only (and says why)
  kMetricsOnly,  // metrics only (sweeps, sensitivity): a quarter of the memory
  kRequired,     // the trace, or InputError when it would not fit (a trace file is asked for)
};

struct SimulationControl {
  JobControl job;                         // progress over the simulated ops; cancel
  std::uint64_t memory_budget_bytes = 0;  // 0 = the default budget
  bool record_reasons = true;             // the ops' wait reasons (off only to measure their cost)
  TraceKeeping keep = TraceKeeping::kIfItFits;
  TraceWriting trace_writing = TraceWriting::kAuto;  // which thread writes a kept trace
};

struct SimulationRun {
  HardwareModel hardware;
  KernelConfig config;
  Plan plan;
  Trace trace;
  SimulationMetrics metrics;
  std::int64_t planned_ops = 0;
  double wall_seconds = 0;
  // Set when the run is an imported profile (the file it came from): its kernel, tiling and
  // problem are unknown, so pages show the file instead of a configuration and give no advice.
  std::string profile_source;

  bool is_profile() const { return !profile_source.empty(); }
};

// How pages and figures name a run in a line: "amla, preload 2" for a simulation,
// "profile NAME" for an imported one.
std::string run_kind_label(const SimulationRun& run);

// Bytes a run of `ops` ops takes with its trace (ops, slot intervals, buffer steps) and without
// (the program's slot uses, which the simulator reads until the end).
double trace_memory_bytes(std::int64_t ops);
double metrics_only_memory_bytes(std::int64_t ops);

// What a run checks before it allocates anything: the configuration's validation and an early
// estimate of the run's memory (without its trace, the least it can take) against the budget. The
// studio calls it on every edit, so a hopeless configuration is marked before Run is pressed.
// Throws InputError.
void preflight_check(const HardwareModel& hw, const KernelConfig& config,
                     std::uint64_t budget_bytes);

SimulationRun run_simulation(const HardwareModel& hw, const KernelConfig& config,
                             const SimulationControl& control = {});

}  // namespace amla
