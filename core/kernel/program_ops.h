#pragma once
// How the kernel program prices one op: a transfer is bytes at a peak rate scaled by DMA
// efficiency, with the latency and the shared resource (L2 or HBM of the core's die) of where its
// far end lives; a compute op is cycles from the Cube's fractal count or the Vector's repeats.
// Inline: every emitted op goes through here.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/hw/hardware_model.h"
#include "core/ops/program.h"

namespace amla::program {

// Where a transfer's far end lives: buffers of the core itself, or GM served by the die's L2
// (workspace and data the kernel read just before) or by its HBM.
enum class Level { kLocal, kL2, kHbm };

inline int ceil_div(int a, int b) { return (a + b - 1) / b; }

class OpBuilder {
 public:
  explicit OpBuilder(const HardwareModel& hw) : hw_(hw) {}

  // `factor`: bytes the shared resource sees per byte moved (an atomic add reads and writes).
  Instr transfer(OpKind kind, int task, double bytes, double rate, Level level, int die,
                 double factor = 1.0) const {
    Instr in;
    in.kind = kind;
    in.task = task;
    in.work = bytes;
    const double efficiency = bytes / (bytes + hw_.dma_half_efficiency_bytes);
    in.peak = static_cast<float>(std::max(1e-3, rate * efficiency));
    in.resource_factor = static_cast<float>(factor);
    if (level == Level::kL2) {
      in.resource = static_cast<std::int8_t>(die * 2 + 1);
      in.latency = static_cast<float>(hw_.l2_hit_latency_cycles);
    } else if (level == Level::kHbm) {
      in.resource = static_cast<std::int8_t>(die * 2);
      in.latency = static_cast<float>(hw_.l2_hit_latency_cycles + hw_.hbm_extra_latency_cycles);
    }
    return in;
  }

  static Instr compute(OpKind kind, int task, double cycles, double flops = 0) {
    Instr in;
    in.kind = kind;
    in.task = task;
    in.work = std::max(1.0, cycles);
    in.flops = flops;
    return in;
  }

  // One mmad over an m x n x k slice: start-up plus one pass per 16x16x16 fractal. (Counted in
  // integers: the sizes are positive, and this runs for every k-slice.)
  double mmad_cycles(int m, int n, int k) const {
    const double fractals =
        static_cast<double>(std::int64_t{ceil_div(m, 16)} * ceil_div(n, 16) * ceil_div(k, 16));
    return hw_.mmad_startup_cycles + fractals * 8192.0 / hw_.cube_flops_per_cycle;
  }

  double vector_repeats(double bytes) const {
    return std::ceil(bytes / hw_.vector_bytes_per_repeat);
  }

  // `instructions` vector instructions over `bytes`: start-up each, plus per-repeat costs, plus
  // the reductions (row max, row sum) per element.
  double vector_cycles(int instructions, double cycles_per_repeat, double bytes,
                       double reduced_elements = 0) const {
    return instructions * hw_.vector_startup_cycles + vector_repeats(bytes) * cycles_per_repeat +
           reduced_elements * hw_.vector_reduce_cycles_per_element;
  }

 private:
  const HardwareModel& hw_;
};

}  // namespace amla::program
