#include "core/numerics/heatmaps.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/numerics/float_bits.h"

namespace amla {
namespace {

TEST(Heatmaps, ExponentShiftGridMatchesTheBitRules) {
  const HeatmapGrid g = exponent_shift_heatmap(-160, 40);
  EXPECT_EQ(g.nx, 201);
  EXPECT_EQ(g.ny, 256);
  const int ix = g.cell_x(-3.0);
  EXPECT_EQ(g.at(ix, 127), 0.0);                 // 1.5 * 2^-3: exact
  EXPECT_GT(g.at(ix, 0), 10.0);                  // subnormal input: far off
  EXPECT_EQ(g.at(ix, 255), 32.0);                // NaN input (fraction set): NaN involved
  EXPECT_GT(g.at(g.cell_x(-130.0), 127), 10.0);  // wraps below the normal range
  EXPECT_EQ(g.at(g.cell_x(-126.0), 127), 0.0);   // 1.5 * 2^-126 is still normal: exact
  const BitProbe p = exponent_shift_probe(g, ix, 127);
  EXPECT_EQ(p.shift, -3);
  EXPECT_EQ(p.input_bits, 0x3FC00000u);
}

TEST(Heatmaps, MantissaCompensationIsBestNearTheMeanMantissa) {
  const HeatmapGrid g = mantissa_compensation_heatmap(1.5, 128, 64);
  const int top = g.ny - 1;                                    // e near +2^-8
  const double at_mean = std::fabs(g.at(g.cell_x(0.5), top));  // 1 + f = 1.5
  const double at_one = std::fabs(g.at(g.cell_x(0.0), top));   // 1 + f = 1.0
  const double at_two = std::fabs(g.at(g.cell_x(0.99), top));  // 1 + f = 2.0
  EXPECT_LT(at_mean, 1e-5);
  EXPECT_GT(at_one, 1e-3);  // the add overshoots by 1.5x when the mantissa is 1.0
  EXPECT_GT(at_two, 5e-4);  // and undershoots when it is near 2.0
  const BitProbe p = mantissa_compensation_probe(g, 1.5, g.cell_x(0.5), top);
  EXPECT_EQ(p.shift, 0);
  EXPECT_GT(p.compensation, 0);
  EXPECT_EQ(fields_of(p.input_bits).exponent, 127u);
}

TEST(Heatmaps, OutputErrorAndGrowthComeFromTheRun) {
  InputSpec spec;
  spec.rows = 8;
  spec.kv_len = 1024;
  const NumericsRun run = run_numerics(generate_inputs(spec), {});
  const HeatmapGrid out = output_error_heatmap(run.amla, run.golden, "AMLA");
  EXPECT_EQ(out.nx, 512);
  EXPECT_EQ(out.ny, 8);
  const auto [lo, hi] = out.finite_range();
  EXPECT_GE(lo, 0.0);
  EXPECT_LE(hi, 2.0);  // BF16 output within a couple of ULPs of the golden
  const HeatmapGrid growth = error_growth_heatmap(run.baseline, "baseline");
  EXPECT_EQ(growth.nx, run.kv_blocks);
  EXPECT_LT(growth.finite_range().second, -2.0);
  const BitProbe probe = output_error_probe(run, 3, 7);
  EXPECT_EQ(probe.input_bits, bits_of(run.amla.last_rescale_input(3, 7)));
  EXPECT_EQ(exponent_addend(probe.shift, probe.compensation), run.amla.last_addend[3]);
}

// Inside the operating range the add is exact wherever the result stays normal too.
TEST(Heatmaps, OperatingRangeIsExactWhereTheResultIsNormalToo) {
  const HeatmapGrid g = exponent_shift_heatmap(-160, 40);
  const HeatmapRegion range = amla_operating_range();
  int checked = 0;
  for (int iy = 0; iy < g.ny; ++iy) {
    for (int ix = 0; ix < g.nx; ++ix) {
      const double dn = g.x0 + (ix + 0.5) * g.dx;
      const double exponent = g.y0 + (iy + 0.5) * g.dy;
      const bool inside =
          dn > range.x0 && dn < range.x1 && exponent > range.y0 && exponent < range.y1;
      if (inside && exponent + dn >= 1) {
        EXPECT_EQ(g.at(ix, iy), 0.0) << "dn " << dn << " exponent " << exponent;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 31 * 200);
}

TEST(Heatmaps, OperatingRangeFollowsTheClampValue) {
  const HeatmapRegion r = amla_operating_range(-20);
  EXPECT_EQ(r.x0, -20.5);
  EXPECT_EQ(r.x1, 0.5);
  EXPECT_EQ(r.label, "AMLA's operating range: dn in [-20, 0], normal inputs");
  // The run-independent heatmap outlines the kernel's default clamp.
  const HeatmapGrid g = exponent_shift_heatmap(-40, 10);
  ASSERT_EQ(g.regions.size(), 1u);
  EXPECT_EQ(g.regions[0].x0, AmlaSwitches{}.clamp_value - 0.5);
  EXPECT_TRUE(mantissa_compensation_heatmap(1.5).regions.empty());
}

}  // namespace
}  // namespace amla
