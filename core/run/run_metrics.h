#pragma once
// What a run achieved, computed from its trace: makespan, TFLOPS and utilisation against the
// Cube peak, HBM and L2 traffic and bandwidth, busy fraction and bubbles per pipe, the bound
// classification and the load balance across cores.
#include <array>
#include <cstdint>
#include <string>

#include "core/common/job_control.h"
#include "core/hw/hardware_model.h"
#include "core/kernel/kernel_config.h"
#include "core/ops/trace.h"
#include "core/run/roofline.h"

namespace amla {

struct PipeStats {
  double busy_fraction = 0;  // busy cycles / (lanes x makespan), over the lanes that have it
  double bubble_cycles = 0;  // idle cycles between a lane's first and last op, summed
  std::int64_t bubbles = 0;  // idle gaps between consecutive ops
  std::int64_t ops = 0;
};

struct SimulationMetrics {
  std::int64_t makespan_cycles = 0;
  double makespan_us = 0;  // includes the kernel launch
  double total_flops = 0;  // 2 * B * q_tokens * heads * S_k * 1088
  double tflops = 0;
  double peak_tflops = 0;
  double flops_utilization = 0;  // 0..1
  double hbm_bytes = 0;
  double l2_bytes = 0;  // as the L2 sees them (atomics count read + write)
  double hbm_gb_per_s = 0;
  double hbm_bandwidth_utilization = 0;
  double l2_bandwidth_utilization = 0;
  // Per unit (AIC, AIV0, AIV1) and pipe, over the cores: never averaged across units, so the
  // AIC's MTE2 at 96% is not hidden by the AIVs' 12%. Pipes a unit lacks stay zero.
  std::array<std::array<PipeStats, kPipeCount>, kUnitCount> unit_pipes{};
  const PipeStats& pipe(Unit u, Pipe p) const {
    return unit_pipes[static_cast<std::size_t>(u)][static_cast<std::size_t>(p)];
  }
  std::string bound;  // cube, vector, hbm, l2, fixpipe, mte2 or sync
  // The bound as the busiest unit and pipe and its busy fraction: the figure the per-unit table
  // shows for it, so the headline cannot contradict the table.
  Unit bound_unit = Unit::kAic;
  Pipe bound_pipe = Pipe::kCube;
  double bound_busy = 0;
  std::string bound_unit_pipe() const;  // "AIC MTE2"
  // The run on one roof per memory level (HBM, L2, the movers into L1 and UB, the FixPipe).
  Roofline roofline;
  double core_cube_busy_min = 0, core_cube_busy_mean = 0, core_cube_busy_max = 0;
  double load_imbalance = 1;  // max / mean Cube busy time over cores
  std::int64_t events = 0;    // ops simulated
};

// `job`'s cancel flag is checked between lanes (a long run's metrics take a while).
SimulationMetrics compute_metrics(const Trace& trace, const HardwareModel& hw,
                                  const Problem& problem, const JobControl& job = {});

}  // namespace amla
