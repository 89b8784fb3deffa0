#include "core/run/roofline.h"

#include <algorithm>

namespace amla {

const char* roof_level_key(RoofLevel level) {
  switch (level) {
    case RoofLevel::kHbm:
      return "hbm";
    case RoofLevel::kL2:
      return "l2";
    case RoofLevel::kMte2L1:
      return "mte2_l1";
    case RoofLevel::kMte2Ub:
      return "mte2_ub";
    case RoofLevel::kFixpipe:
      return "fixpipe";
  }
  return "?";
}

const char* roof_level_label(RoofLevel level) {
  switch (level) {
    case RoofLevel::kHbm:
      return "HBM";
    case RoofLevel::kL2:
      return "L2";
    case RoofLevel::kMte2L1:
      return "MTE2 into L1";
    case RoofLevel::kMte2Ub:
      return "MTE2 into UB";
    case RoofLevel::kFixpipe:
      return "FixPipe out of L0C";
  }
  return "?";
}

const char* Roofline::limit_label() const {
  return limit < 0 ? "Cube peak" : roof_level_label(static_cast<RoofLevel>(limit));
}

namespace {

// A level's peak over the whole machine, in GB/s (bytes per cycle x Gcycles per second).
double level_bandwidth_gb_per_s(const HardwareModel& hw, RoofLevel level) {
  const double cores = hw.total_aic();
  switch (level) {
    case RoofLevel::kHbm:
      return hw.hbm_bandwidth_gb_per_s * hw.dies;
    case RoofLevel::kL2:
      return hw.l2_bandwidth_gb_per_s * hw.dies;
    case RoofLevel::kMte2L1:
      return hw.mte2_gm_to_l1_bytes_per_cycle * hw.clock_ghz * cores;
    case RoofLevel::kMte2Ub:
      return hw.mte2_gm_to_ub_bytes_per_cycle * hw.clock_ghz * cores * hw.aiv_per_aic;
    case RoofLevel::kFixpipe:
      return hw.fixp_bytes_per_cycle * hw.clock_ghz * cores;
  }
  return 0;
}

}  // namespace

Roofline compute_roofline(const HardwareModel& hw, double total_flops, double achieved_tflops,
                          const RoofTraffic& traffic) {
  Roofline r;
  r.peak_tflops = hw.cube_peak_tflops();
  r.achieved_tflops = achieved_tflops;
  double lowest = r.peak_tflops;
  for (int i = 0; i < kRoofLevelCount; ++i) {
    const auto level = static_cast<RoofLevel>(i);
    RoofCeiling& c = r.ceilings[static_cast<std::size_t>(i)];
    c.level = level;
    c.bandwidth_gb_per_s = level_bandwidth_gb_per_s(hw, level);
    c.bytes = traffic.bytes[static_cast<std::size_t>(i)];
    // GB/s x FLOP/B = GFLOP/s; the ridge is where it reaches the peak (TFLOPS x 1000).
    c.ridge = c.bandwidth_gb_per_s > 0 ? r.peak_tflops * 1e3 / c.bandwidth_gb_per_s : 0;
    c.attainable_tflops = r.peak_tflops;
    if (c.bytes > 0 && total_flops > 0) {
      c.intensity = total_flops / c.bytes;
      c.attainable_tflops = std::min(r.peak_tflops, c.bandwidth_gb_per_s * c.intensity / 1e3);
    }
    c.use = c.attainable_tflops > 0 ? achieved_tflops / c.attainable_tflops : 0;
    if (c.bytes > 0 && c.attainable_tflops < lowest) {
      lowest = c.attainable_tflops;
      r.limit = i;
    }
  }
  return r;
}

}  // namespace amla
