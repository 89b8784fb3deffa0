#include "core/run/run_metrics.h"

#include <algorithm>

namespace amla {

SimulationMetrics compute_metrics(const Trace& trace, const HardwareModel& hw,
                                  const Problem& problem, const JobControl& job) {
  SimulationMetrics m;
  // The simulator's totals when it kept them (always, and the only record of a run that kept no
  // trace); otherwise summed from the ops the same way.
  const std::size_t lane_count = trace.ops.lane_begin.empty() ? 0 : trace.ops.lane_begin.size() - 1;
  std::vector<LaneTotals> summed;
  if (trace.lane_totals.empty() || trace.lane_totals.size() < lane_count) {
    summed = totals_from_ops(trace.ops);
  }
  const std::vector<LaneTotals>& totals = summed.empty() ? trace.lane_totals : summed;
  std::int64_t makespan = 0;
  for (const LaneTotals& t : totals) {
    m.events += t.ops;
    makespan = std::max(makespan, t.max_end);
  }
  m.makespan_cycles = makespan;
  const double cycle_s = 1.0 / (hw.clock_ghz * 1e9);
  const double seconds = makespan * cycle_s + hw.kernel_launch_us * 1e-6;
  m.makespan_us = seconds * 1e6;
  m.total_flops = problem.total_flops();
  m.peak_tflops = hw.cube_peak_tflops();
  m.tflops = seconds > 0 ? m.total_flops / seconds / 1e12 : 0;
  m.flops_utilization = m.peak_tflops > 0 ? m.tflops / m.peak_tflops : 0;

  for (const LaneTotals& t : totals) {
    m.hbm_bytes += t.hbm_traffic;
    m.l2_bytes += t.l2_traffic;
  }
  m.hbm_gb_per_s = seconds > 0 ? m.hbm_bytes / seconds / 1e9 : 0;
  m.hbm_bandwidth_utilization = m.hbm_gb_per_s / hw.hbm_total_gb_per_s();
  m.l2_bandwidth_utilization =
      seconds > 0 ? m.l2_bytes / seconds / 1e9 / (hw.l2_bandwidth_gb_per_s * hw.dies) : 0;

  // Busy time and bubbles per unit and pipe, over the lanes that exist on the machine.
  std::array<std::array<int, kPipeCount>, kUnitCount> lanes{};
  std::array<std::array<double, kPipeCount>, kUnitCount> busy{};
  double aic_mte2_bytes = 0;
  RoofTraffic traffic;
  traffic.at(RoofLevel::kHbm) = m.hbm_bytes;
  traffic.at(RoofLevel::kL2) = m.l2_bytes;
  std::vector<double> core_cube(static_cast<std::size_t>(trace.cores), 0.0);
  for (std::size_t lane = 0; lane < totals.size(); ++lane) {
    job.check_cancelled();
    const int l = static_cast<int>(lane);
    const Pipe pipe = lane_pipe(l);
    const Unit unit = lane_unit(l);
    if (!unit_has_pipe(unit, pipe)) continue;
    const auto u = static_cast<std::size_t>(unit);
    const auto p = static_cast<std::size_t>(pipe);
    ++lanes[u][p];
    const LaneTotals& t = totals[lane];
    PipeStats& ps = m.unit_pipes[u][p];
    ps.bubbles += t.bubbles;
    ps.bubble_cycles += t.bubble_cycles;
    ps.ops += t.ops;
    busy[u][p] += t.busy_cycles;
    if (pipe == Pipe::kCube && static_cast<std::size_t>(lane_core(l)) < core_cube.size()) {
      core_cube[static_cast<std::size_t>(lane_core(l))] += t.busy_cycles;
    }
    const double lane_bytes = (pipe == Pipe::kMte2 || pipe == Pipe::kFixp) ? t.bytes : 0.0;
    if (pipe == Pipe::kMte2 && unit == Unit::kAic) {
      aic_mte2_bytes += lane_bytes;
      traffic.at(RoofLevel::kMte2L1) += lane_bytes;
    }
    if (pipe == Pipe::kMte2 && unit != Unit::kAic) traffic.at(RoofLevel::kMte2Ub) += lane_bytes;
    if (pipe == Pipe::kFixp) traffic.at(RoofLevel::kFixpipe) += lane_bytes;
  }
  for (std::size_t u = 0; u < kUnitCount; ++u) {
    for (std::size_t p = 0; p < kPipeCount; ++p) {
      m.unit_pipes[u][p].busy_fraction =
          (lanes[u][p] > 0 && makespan > 0)
              ? busy[u][p] / (static_cast<double>(lanes[u][p]) * static_cast<double>(makespan))
              : 0;
    }
  }
  if (!core_cube.empty() && makespan > 0) {
    double sum = 0;
    m.core_cube_busy_min = 1e300;
    for (double c : core_cube) {
      sum += c;
      m.core_cube_busy_min = std::min(m.core_cube_busy_min, c / makespan);
      m.core_cube_busy_max = std::max(m.core_cube_busy_max, c / makespan);
    }
    m.core_cube_busy_mean = sum / core_cube.size() / makespan;
    m.load_imbalance = m.core_cube_busy_mean > 0 ? m.core_cube_busy_max / m.core_cube_busy_mean : 1;
  }

  const double aic_mte2_busy = m.pipe(Unit::kAic, Pipe::kMte2).busy_fraction;
  const double aic_mte2_busy_cycles = aic_mte2_busy *
                                      lanes[0][static_cast<std::size_t>(Pipe::kMte2)] *
                                      static_cast<double>(makespan);
  const bool mte2_near_peak =
      aic_mte2_busy_cycles > 0 &&
      aic_mte2_bytes / aic_mte2_busy_cycles >= 0.7 * hw.mte2_gm_to_l1_bytes_per_cycle;
  // The bound: the most used of the resources that can limit this kernel, each the busiest unit
  // that has it; when none is close to full, the cores mostly wait on each other's hand-offs.
  const double vector_busy = std::max(m.pipe(Unit::kAiv0, Pipe::kVector).busy_fraction,
                                      m.pipe(Unit::kAiv1, Pipe::kVector).busy_fraction);
  const std::pair<double, const char*> candidates[] = {
      {m.pipe(Unit::kAic, Pipe::kCube).busy_fraction, "cube"},
      {vector_busy, "vector"},
      {m.hbm_bandwidth_utilization, "hbm"},
      {m.l2_bandwidth_utilization, "l2"},
      {m.pipe(Unit::kAic, Pipe::kFixp).busy_fraction, "fixpipe"},
      // The Cube core's one in-order load pipe, when it is busy at close to its own peak rate
      // (busy but slow means the memory behind it is the limit: counted as hbm or l2 above).
      {mte2_near_peak ? aic_mte2_busy : 0.0, "mte2"},
  };
  const auto best = std::max_element(std::begin(candidates), std::end(candidates));
  m.bound = best->first >= 0.5 ? best->second : "sync";

  m.roofline = compute_roofline(hw, m.total_flops, m.tflops, traffic);

  for (const Unit unit : {Unit::kAic, Unit::kAiv0, Unit::kAiv1}) {
    for (int p = 0; p < kPipeCount; ++p) {
      const auto pipe = static_cast<Pipe>(p);
      if (unit_has_pipe(unit, pipe) && m.pipe(unit, pipe).busy_fraction > m.bound_busy) {
        m.bound_unit = unit;
        m.bound_pipe = pipe;
        m.bound_busy = m.pipe(unit, pipe).busy_fraction;
      }
    }
  }
  return m;
}

std::string SimulationMetrics::bound_unit_pipe() const {
  return std::string(unit_name(bound_unit)) + " " + pipe_name(bound_pipe);
}

}  // namespace amla
