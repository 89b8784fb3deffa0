#include "core/numerics/heatmaps.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/numerics/float_bits.h"
#include "core/numerics/float_formats.h"

namespace amla {

std::pair<double, double> HeatmapGrid::finite_range() const {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (double v : values) {
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (lo > hi) return {0.0, 1.0};
  if (lo == hi) return {lo - 0.5, hi + 0.5};
  return {lo, hi};
}

int HeatmapGrid::cell_x(double x) const {
  const double i = std::floor((x - x0) / dx);
  return (i >= 0 && i < nx) ? static_cast<int>(i) : -1;
}

int HeatmapGrid::cell_y(double y) const {
  const double i = std::floor((y - y0) / dy);
  return (i >= 0 && i < ny) ? static_cast<int>(i) : -1;
}

HeatmapRegion amla_operating_range(int clamp_value) {
  HeatmapRegion r;
  r.x0 = clamp_value - 0.5;
  r.x1 = 0.5;
  r.y0 = 0.5;    // biased exponent 1: the smallest normal
  r.y1 = 254.5;  // biased exponent 254: the largest normal
  r.label = "AMLA's operating range: dn in [" + std::to_string(clamp_value) + ", 0], normal inputs";
  return r;
}

HeatmapGrid exponent_shift_heatmap(int dn_min, int dn_max, std::uint32_t fraction_bits) {
  HeatmapGrid g;
  g.title = "Exponent add vs ldexp";
  g.x_label = "shift dn";
  g.y_label = "input exponent field (biased, 0..255)";
  g.value_label = "bits of error: log2(1 + |ULP distance|), 32 = NaN involved";
  g.nx = dn_max - dn_min + 1;
  g.ny = 256;
  g.x0 = dn_min - 0.5;
  g.y0 = -0.5;
  g.regions.push_back(amla_operating_range());
  g.values.resize(static_cast<std::size_t>(g.nx) * g.ny);
  for (int iy = 0; iy < g.ny; ++iy) {
    for (int ix = 0; ix < g.nx; ++ix) {
      const BitProbe p = exponent_shift_probe(g, ix, iy, fraction_bits);
      const RescaleReport r = analyze_exponent_add(p.input_bits, p.shift, p.compensation);
      g.at(ix, iy) =
          r.ulp_distance ? std::log2(1.0 + std::fabs(static_cast<double>(*r.ulp_distance))) : 32.0;
    }
  }
  return g;
}

BitProbe exponent_shift_probe(const HeatmapGrid& g, int ix, int iy, std::uint32_t fraction_bits) {
  BitProbe p;
  p.input_bits = (static_cast<std::uint32_t>(iy) << 23) | (fraction_bits & kFractionMask);
  p.shift = static_cast<std::int64_t>(std::lround(g.x0 + 0.5 + ix));
  return p;
}

HeatmapGrid mantissa_compensation_heatmap(double mantissa_mean, int f_steps, int e_steps,
                                          double e_max) {
  HeatmapGrid g;
  g.title = "Mean-mantissa compensation (" + std::to_string(mantissa_mean).substr(0, 4) + ")";
  g.x_label = "fraction f of F = 1.f";
  g.y_label = "BF16 mismatch e";
  g.value_label = "relative error vs F (1 + e)";
  g.nx = f_steps;
  g.ny = e_steps;
  g.x0 = 0.0;
  g.dx = 1.0 / f_steps;
  g.y0 = -e_max;
  g.dy = 2.0 * e_max / e_steps;
  g.values.resize(static_cast<std::size_t>(g.nx) * g.ny);
  for (int iy = 0; iy < g.ny; ++iy) {
    for (int ix = 0; ix < g.nx; ++ix) {
      const BitProbe p = mantissa_compensation_probe(g, mantissa_mean, ix, iy);
      const double e = g.y0 + (iy + 0.5) * g.dy;
      const double input = float_of(p.input_bits);
      const double result =
          exponent_add(float_of(p.input_bits), exponent_addend(0, p.compensation));
      g.at(ix, iy) = result / (input * (1.0 + e)) - 1.0;
    }
  }
  return g;
}

BitProbe mantissa_compensation_probe(const HeatmapGrid& g, double mantissa_mean, int ix, int iy) {
  BitProbe p;
  const double f = g.x0 + (ix + 0.5) * g.dx;
  const double e = g.y0 + (iy + 0.5) * g.dy;
  p.input_bits = 0x3F800000u | static_cast<std::uint32_t>(std::floor(f * 8388608.0));
  p.shift = 0;
  p.compensation = round_half_away(mantissa_mean * e * 8388608.0);
  return p;
}

HeatmapGrid output_error_heatmap(const VariantResult& v, const MatrixD& golden,
                                 const std::string& variant_name) {
  HeatmapGrid g;
  g.title = "Output error, " + variant_name;
  g.x_label = "output column";
  g.y_label = "row (head x query token)";
  g.value_label = "|out - golden| in BF16 ULPs of the row's largest |golden|";
  g.nx = static_cast<int>(v.output.cols());
  g.ny = static_cast<int>(v.output.rows());
  g.x0 = -0.5;
  g.y0 = -0.5;
  g.values.resize(static_cast<std::size_t>(g.nx) * g.ny);
  for (int r = 0; r < g.ny; ++r) {
    // One BF16 ULP at the scale of the row (2^(floor(log2 max|g|) - 7)): a per-element ULP
    // would blow up near the zeros of the output and hide everything else.
    const double scale = golden.row(r).cwiseAbs().maxCoeff();
    const int exponent =
        (scale == 0 || !std::isfinite(scale)) ? -126 : std::max(-126, std::ilogb(scale));
    const double ulp = std::ldexp(1.0, exponent - 7);
    for (int c = 0; c < g.nx; ++c) {
      const double ref = golden(r, c);
      const double out = v.output(r, c);
      const double err = std::fabs(out - ref) / ulp;
      g.at(c, r) = std::isfinite(err) ? err : std::numeric_limits<double>::quiet_NaN();
    }
  }
  return g;
}

BitProbe output_error_probe(const NumericsRun& run, int row, int column) {
  BitProbe p;
  p.input_bits = bits_of(run.amla.last_rescale_input(row, column));
  const std::int32_t addend = run.amla.last_addend[static_cast<std::size_t>(row)];
  p.shift = run.amla.last_shift[static_cast<std::size_t>(row)];
  p.compensation = static_cast<std::int64_t>(addend) - p.shift * kExponentUnit;
  return p;
}

int worst_output_column(const VariantResult& v, const MatrixD& golden, int row) {
  int worst = 0;
  double worst_error = -1;
  for (int c = 0; c < v.output.cols(); ++c) {
    const double error = std::fabs(static_cast<double>(v.output(row, c)) - golden(row, c));
    const double key = std::isnan(error) ? std::numeric_limits<double>::infinity() : error;
    if (key > worst_error) {
      worst_error = key;
      worst = c;
    }
  }
  return worst;
}

HeatmapGrid error_growth_heatmap(const VariantResult& v, const std::string& variant_name) {
  HeatmapGrid g;
  g.title = "Error growth over KV blocks, " + variant_name;
  g.x_label = "KV block";
  g.y_label = "row (head x query token)";
  g.value_label = "log10 relative RMS error of the FP32 running output (2 = non-finite)";
  g.nx = static_cast<int>(v.growth.cols());
  g.ny = static_cast<int>(v.growth.rows());
  g.x0 = -0.5;
  g.y0 = -0.5;
  g.values.resize(static_cast<std::size_t>(g.nx) * g.ny);
  for (int r = 0; r < g.ny; ++r) {
    for (int b = 0; b < g.nx; ++b) {
      const double e = v.growth(r, b);
      g.at(b, r) = std::isfinite(e) ? std::clamp(std::log10(std::max(e, 1e-12)), -12.0, 2.0) : 2.0;
    }
  }
  return g;
}

}  // namespace amla
