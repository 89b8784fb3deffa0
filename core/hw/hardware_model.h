#pragma once
// The simulated machine: one Ascend 910B / 910C configuration. Every number is a named parameter
// with its unit and source (see resources/presets/*.json); estimates are parameters, never
// constants in code (spec ascend910-and-kernel.md).
#include <cstdint>
#include <string>
#include <vector>

namespace amla {

struct HardwareModel {
  std::string name;
  std::string description;

  // Organisation.
  int dies = 1;            // 910C package = 2 dies, each with its own HBM and L2
  int aic_per_die = 24;    // AI cores (one Cube core + two Vector cores each)
  int aiv_per_aic = 2;     // fixed at 2 on this generation
  double clock_ghz = 1.8;  // Cube and Vector clock (Vector assumed equal)

  // Cube (per AIC).
  double cube_flops_per_cycle = 8192;  // 16x16x16 BF16 MAC per cycle
  double mmad_startup_cycles = 6;      // per mmad instruction

  // Vector (per AIV).
  double vector_bytes_per_repeat = 256;
  double vector_cycles_tensor_tensor = 2;          // per repeat: add, mul, exp, compare
  double vector_cycles_tensor_scalar = 1;          // per repeat: scale, broadcast, cast
  double vector_cycles_divide = 4;                 // per repeat
  double vector_reduce_cycles_per_element = 0.06;  // row max / row sum
  double vector_startup_cycles = 12;               // per instruction

  // Data movers, per core, bytes per cycle at full efficiency.
  double mte2_gm_to_l1_bytes_per_cycle = 78;
  double mte2_gm_to_ub_bytes_per_cycle = 59;
  double mte1_l1_to_l0a_bytes_per_cycle = 256;
  double mte1_l1_to_l0b_bytes_per_cycle = 128;
  double fixp_bytes_per_cycle = 56;  // fitted (pto-isa gives 41): see the README model section
  double mte3_bytes_per_cycle = 109;
  // DMA efficiency bytes / (bytes + this): small transfers fall short of the peak.
  double dma_half_efficiency_bytes = 860;

  // Shared per die.
  double hbm_bandwidth_gb_per_s = 1600;
  double l2_bandwidth_gb_per_s = 7000;
  double hbm_capacity_gb = 64;
  double l2_capacity_mb = 192;
  double l2_hit_latency_cycles = 50;
  double hbm_extra_latency_cycles = 150;
  double atomic_rmw_factor = 2.0;  // an atomic add moves this many times its bytes through L2

  // On-chip buffers, bytes.
  std::int64_t l1_bytes = 512 * 1024;
  std::int64_t l0a_bytes = 64 * 1024;
  std::int64_t l0b_bytes = 64 * 1024;
  std::int64_t l0c_bytes = 128 * 1024;
  std::int64_t ub_bytes = 192 * 1024;

  // Synchronisation and launch.
  double intra_core_flag_latency_cycles = 0;
  double cross_core_flag_latency_cycles = 1000;
  int cross_core_flag_max_pending = 15;
  double scalar_setup_cycles = 200;  // SCALAR work (addresses, loop bounds) before each stage
  double block_dispatch_cycles = 0;  // per job start on a core
  double kernel_launch_us = 0;       // added once to the makespan

  int total_aic() const { return dies * aic_per_die; }
  double cube_peak_tflops() const { return total_aic() * cube_flops_per_cycle * clock_ghz / 1e3; }
  double hbm_bytes_per_cycle_per_die() const { return hbm_bandwidth_gb_per_s / clock_ghz; }
  double l2_bytes_per_cycle_per_die() const { return l2_bandwidth_gb_per_s / clock_ghz; }
  double hbm_total_gb_per_s() const { return hbm_bandwidth_gb_per_s * dies; }
};

// One parameter's documentation, for dumps and the GUI.
struct ParameterInfo {
  std::string key;
  std::string unit;
  std::string source;  // [O] official, [H] Huawei code, [T] third party, [D] derived, [E] estimate
};

}  // namespace amla
