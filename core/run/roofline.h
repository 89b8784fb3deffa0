#pragma once
// The hierarchical roofline (Nsight Compute's): one ceiling per level the data crosses on its way
// to and from the Cube, not the HBM roof alone. Each level has its own arithmetic intensity (the
// run's FLOPs per byte that level moved) and its own attainable TFLOPS = min(Cube peak, the
// level's aggregate bandwidth x that intensity). The run sits at the same TFLOPS on every level;
// the level whose roof is lowest limits it. An MTE2-bound run therefore sits on the MTE2 roof,
// even where the HBM roof alone would call it compute-bound.
#include <array>
#include <cstdint>

#include "core/hw/hardware_model.h"

namespace amla {

enum class RoofLevel : std::uint8_t {
  kHbm,      // HBM, every die
  kL2,       // L2, every die (an atomic add counts its read and its write)
  kMte2L1,   // the AIC's MTE2: GM into L1 / L0A / L0B, every core
  kMte2Ub,   // the AIVs' MTE2: GM into UB, every vector core
  kFixpipe,  // the AIC's FixPipe out of L0C, every core
};
inline constexpr int kRoofLevelCount = 5;

const char* roof_level_key(RoofLevel level);    // "hbm", "l2", "mte2_l1", "mte2_ub", "fixpipe"
const char* roof_level_label(RoofLevel level);  // "HBM", "L2", "MTE2 into L1", ...

// Bytes each level moved over the run.
struct RoofTraffic {
  std::array<double, kRoofLevelCount> bytes{};
  double& at(RoofLevel level) { return bytes[static_cast<std::size_t>(level)]; }
};

struct RoofCeiling {
  RoofLevel level = RoofLevel::kHbm;
  double bandwidth_gb_per_s = 0;  // the level's peak over the whole machine
  double bytes = 0;               // what the run moved through it (0: the level is unused)
  double intensity = 0;           // FLOP per byte of this level (0 when unused)
  double ridge = 0;               // FLOP per byte where this roof meets the Cube peak
  double attainable_tflops = 0;   // min(peak, bandwidth x intensity); the peak when unused
  double use = 0;                 // the run's TFLOPS / attainable: 0..1
};

struct Roofline {
  double peak_tflops = 0;
  double achieved_tflops = 0;
  std::array<RoofCeiling, kRoofLevelCount> ceilings{};
  // The lowest roof over the run's point, or -1 when every used level's roof is above the Cube
  // peak (the run can only be limited by the Cube itself there).
  int limit = -1;
  const RoofCeiling& at(RoofLevel level) const { return ceilings[static_cast<std::size_t>(level)]; }
  // "MTE2 into L1", or "Cube peak" when no memory level's roof is below the peak.
  const char* limit_label() const;
};

Roofline compute_roofline(const HardwareModel& hw, double total_flops, double achieved_tflops,
                          const RoofTraffic& traffic);

}  // namespace amla
