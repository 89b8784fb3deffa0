// The hierarchical roofline: exact roofs, intensities and limit from known traffic; on simulated
// runs no level carries more than its peak (every level's use is at most 1), each level's bytes
// are those of its ops, and an HBM-starved shape is limited by HBM while a reuse-starved one is
// limited by the AIC's MTE2.
#include <gtest/gtest.h>

#include <random>

#include "core/hw/hardware_presets.h"
#include "core/run/metric_catalogue.h"
#include "core/run/roofline.h"
#include "core/run/simulation_run.h"
#include "tests/core/random_kernel_config.h"

namespace amla {
namespace {

TEST(Roofline, RoofsIntensitiesAndLimitFollowFromBandwidthAndTraffic) {
  HardwareModel hw;  // 1 die, 24 AICs at 1.8 GHz: peak 24 x 8192 x 1.8 / 1000 = 353.8944 TFLOPS
  hw.hbm_bandwidth_gb_per_s = 1000;
  hw.mte2_gm_to_l1_bytes_per_cycle = 50;  // x 1.8 GHz x 24 cores = 2160 GB/s
  RoofTraffic traffic;
  traffic.at(RoofLevel::kHbm) = 1e9;     // intensity 100: roof 1000 GB/s x 100 = 100 TFLOPS
  traffic.at(RoofLevel::kMte2L1) = 4e8;  // intensity 250: roof 540 TFLOPS -> the peak
  traffic.at(RoofLevel::kFixpipe) = 0;   // unused
  const Roofline r = compute_roofline(hw, 1e11, 50.0, traffic);
  EXPECT_DOUBLE_EQ(r.peak_tflops, 24 * 8192 * 1.8 / 1e3);
  const RoofCeiling& hbm = r.at(RoofLevel::kHbm);
  EXPECT_DOUBLE_EQ(hbm.bandwidth_gb_per_s, 1000);
  EXPECT_DOUBLE_EQ(hbm.intensity, 100);
  EXPECT_DOUBLE_EQ(hbm.attainable_tflops, 100);
  EXPECT_DOUBLE_EQ(hbm.use, 0.5);
  EXPECT_DOUBLE_EQ(hbm.ridge, r.peak_tflops * 1e3 / 1000);
  const RoofCeiling& mte2 = r.at(RoofLevel::kMte2L1);
  EXPECT_DOUBLE_EQ(mte2.bandwidth_gb_per_s, 50 * 1.8 * 24);
  EXPECT_DOUBLE_EQ(mte2.intensity, 250);
  EXPECT_DOUBLE_EQ(mte2.attainable_tflops, r.peak_tflops);
  const RoofCeiling& fixpipe = r.at(RoofLevel::kFixpipe);
  EXPECT_EQ(fixpipe.intensity, 0);
  EXPECT_DOUBLE_EQ(fixpipe.attainable_tflops, r.peak_tflops);
  EXPECT_EQ(r.limit, static_cast<int>(RoofLevel::kHbm));
  EXPECT_STREQ(r.limit_label(), "HBM");

  // Less HBM traffic lifts the HBM roof above the peak: nothing below the peak is left.
  traffic.at(RoofLevel::kHbm) = 1e8;
  const Roofline free = compute_roofline(hw, 1e11, 50.0, traffic);
  EXPECT_EQ(free.limit, -1);
  EXPECT_STREQ(free.limit_label(), "Cube peak");
}

// Bytes of one unit's pipe over every core, from the ops themselves.
double op_bytes(const OpTrace& ops, bool aic, Pipe pipe) {
  double bytes = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (lane_pipe(ops.lane[i]) == pipe && (lane_unit(ops.lane[i]) == Unit::kAic) == aic) {
      bytes += ops.bytes(i);
    }
  }
  return bytes;
}

TEST(Roofline, NoLevelCarriesMoreThanItsPeakOnRandomConfigurations) {
  std::mt19937 rng(23);
  for (int i = 0; i < 12; ++i) {
    const testing::RandomRun r = testing::random_kernel_run(rng, i);
    const SimulationRun run = run_simulation(r.hardware, r.config);
    const Roofline& roof = run.metrics.roofline;
    double lowest = roof.peak_tflops;
    for (const RoofCeiling& c : roof.ceilings) {
      EXPECT_LE(c.use, 1.0 + 1e-9) << r.what << " " << roof_level_label(c.level);
      EXPECT_LE(c.attainable_tflops, roof.peak_tflops) << r.what;
      if (c.bytes > 0) lowest = std::min(lowest, c.attainable_tflops);
    }
    if (roof.limit >= 0) {
      EXPECT_DOUBLE_EQ(roof.ceilings[static_cast<std::size_t>(roof.limit)].attainable_tflops,
                       lowest)
          << r.what;
    }
    const OpTrace& ops = run.trace.ops;
    EXPECT_DOUBLE_EQ(roof.at(RoofLevel::kMte2L1).bytes, op_bytes(ops, true, Pipe::kMte2)) << r.what;
    EXPECT_DOUBLE_EQ(roof.at(RoofLevel::kMte2Ub).bytes, op_bytes(ops, false, Pipe::kMte2))
        << r.what;
    EXPECT_DOUBLE_EQ(roof.at(RoofLevel::kFixpipe).bytes, op_bytes(ops, true, Pipe::kFixp))
        << r.what;
    EXPECT_DOUBLE_EQ(roof.at(RoofLevel::kHbm).bytes, run.metrics.hbm_bytes) << r.what;
  }
}

TEST(Roofline, FewHeadsAreLimitedByHbmAndSmallTasksByTheCubeCoresMte2) {
  const HardwareModel hw = find_preset("910C-package");
  KernelConfig few_heads;  // 16 rows per request: every KV byte feeds 16 rows only
  few_heads.problem.batch = 32;
  few_heads.problem.heads = 16;
  few_heads.problem.q_tokens = 1;
  few_heads.problem.kv_len = 4096;
  few_heads.tiling.blocking.rows_per_task = 16;
  const SimulationRun hbm = run_simulation(hw, few_heads);
  EXPECT_STREQ(hbm.metrics.roofline.limit_label(), "HBM");
  // The catalogue's text is the same word, in JSON too.
  const nlohmann::json j = metrics_to_json({hbm.metrics, std::nullopt});
  EXPECT_EQ(j["roofline"]["limit"], "HBM");
  EXPECT_DOUBLE_EQ(j["roofline"]["hbm"]["use"].get<double>(),
                   hbm.metrics.roofline.at(RoofLevel::kHbm).use);

  KernelConfig small_tasks;  // 128 rows per task: Q and K are reused over half the rows
  small_tasks.problem.batch = 32;
  small_tasks.problem.kv_len = 4096;
  small_tasks.tiling.blocking.rows_per_task = 128;
  const SimulationRun mte2 = run_simulation(hw, small_tasks);
  EXPECT_STREQ(mte2.metrics.roofline.limit_label(), "MTE2 into L1");
}

}  // namespace
}  // namespace amla
