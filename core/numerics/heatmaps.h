#pragma once
// The data behind the Numerics page's heatmaps, with axes and units, and for each cell the
// (input, shift, compensation) it stands for so a click can load it into the bit view.
#include <cstdint>
#include <string>
#include <vector>

#include "core/numerics/numerics_run.h"

namespace amla {

// An outlined area of a heatmap with its name (AMLA's operating range), in axis units.
struct HeatmapRegion {
  double x0 = 0, x1 = 0;
  double y0 = 0, y1 = 0;
  std::string label;
};

struct HeatmapGrid {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::string value_label;  // with units
  int nx = 0;
  int ny = 0;
  double x0 = 0, dx = 1;  // cell i covers [x0 + i dx, x0 + (i+1) dx)
  double y0 = 0, dy = 1;
  std::vector<double> values;  // ny rows of nx; NaN = no data
  // The colour scale's range when several grids are compared on one scale (hi > lo); otherwise
  // the range of the finite values.
  double scale_lo = 0, scale_hi = 0;
  std::vector<HeatmapRegion> regions;  // drawn over the cells, on screen and in exports

  double at(int ix, int iy) const { return values[static_cast<std::size_t>(iy) * nx + ix]; }
  double& at(int ix, int iy) { return values[static_cast<std::size_t>(iy) * nx + ix]; }
  // Range over the finite values (0, 1 when there are none).
  std::pair<double, double> finite_range() const;
  // Cell under a point, or -1 when outside.
  int cell_x(double x) const;
  int cell_y(double y) const;
};

// One value for the bit view: input bits, exponent shift n and compensation addend.
struct BitProbe {
  std::uint32_t input_bits = 0;
  std::int64_t shift = 0;
  std::int64_t compensation = 0;
};

// Where AMLA works: dn in [clamp_value, 0] (the running max never falls; the clamp bounds the
// drop) on normal inputs (biased exponent 1..254), in the exponent x dn heatmap's units.
HeatmapRegion amla_operating_range(int clamp_value = AmlaSwitches{}.clamp_value);

// (input biased exponent 0..255, dn) -> bits of error log2(1 + |ULP distance|) of the exponent
// add against ldexp; 32 where a NaN is involved. The input fraction is fixed (fraction_bits).
HeatmapGrid exponent_shift_heatmap(int dn_min, int dn_max, std::uint32_t fraction_bits = 0x400000);
BitProbe exponent_shift_probe(const HeatmapGrid& grid, int ix, int iy,
                              std::uint32_t fraction_bits = 0x400000);

// (fraction f in [0,1), mismatch e) -> relative error of adding round(mantissa_mean e 2^23) to
// F = 1.f instead of multiplying by (1 + e).
HeatmapGrid mantissa_compensation_heatmap(double mantissa_mean, int f_steps = 128, int e_steps = 64,
                                          double e_max = 1.0 / 256);
BitProbe mantissa_compensation_probe(const HeatmapGrid& grid, double mantissa_mean, int ix, int iy);

// (row, output column) -> |out - golden| in BF16 ULPs at the row's largest |golden|.
HeatmapGrid output_error_heatmap(const VariantResult& variant, const MatrixD& golden,
                                 const std::string& variant_name);
// The AMLA accumulator element and the last integer add applied to it.
BitProbe output_error_probe(const NumericsRun& run, int row, int column);

// The column of a row where a variant's output is furthest from the golden (NaN counts as the
// furthest): the most telling element of the row.
int worst_output_column(const VariantResult& variant, const MatrixD& golden, int row);

// (row, KV block) -> log10 of the relative RMS error of the running output.
HeatmapGrid error_growth_heatmap(const VariantResult& variant, const std::string& variant_name);

}  // namespace amla
