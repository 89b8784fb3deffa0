#include "core/numerics/pasa_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/common/input_error.h"

namespace amla {

std::vector<PasaGridPoint> run_pasa_grid(const InputSpec& base, const NumericsConfig& config,
                                         const JobControl& control) {
  const auto d = base.distribution;
  if (d != InputDistribution::kPasaUniform && d != InputDistribution::kPasaHybrid &&
      d != InputDistribution::kResonance) {
    throw InputError("dist", distribution_name(d),
                     "the grid varies mean and Am: pasa-uniform, pasa-hybrid or resonance");
  }
  NumericsConfig run_config = config;
  run_config.record_growth = false;
  std::vector<PasaGridPoint> points;
  const double total =
      static_cast<double>(pasa_grid_means().size() * pasa_grid_amplitudes().size());
  for (double mean : pasa_grid_means()) {
    for (double amplitude : pasa_grid_amplitudes()) {
      control.check_cancelled();
      InputSpec spec = base;
      spec.mean = mean;
      spec.amplitude = amplitude;
      const NumericsRun run = run_numerics(generate_inputs(spec), run_config);
      PasaGridPoint point{mean, amplitude, {}};
      for (NumericsVariant v : run.variants) {
        const VariantResult& r = run.result(v);
        point.cells.push_back(
            {v, r.metrics.relative_rmse, r.overflow.total(), r.metrics.nonfinite_mismatches});
      }
      points.push_back(point);
      control.report(static_cast<double>(points.size()) / total);
    }
  }
  return points;
}

HeatmapGrid pasa_grid_heatmap(const std::vector<PasaGridPoint>& points, NumericsVariant variant) {
  const auto& means = pasa_grid_means();
  const auto& amplitudes = pasa_grid_amplitudes();
  HeatmapGrid g;
  g.title = std::string(variant_info(variant).label) + " (blank: overflowed)";
  g.x_label = "Am index (0.5, 5, 10, 20)";
  g.y_label = "mean";
  g.value_label = "log10 relative RMSE";
  g.nx = static_cast<int>(amplitudes.size());
  g.ny = static_cast<int>(means.size());
  g.x0 = -0.5;
  g.dx = 1;
  g.dy = means.size() > 1 ? means[1] - means[0] : 1;
  g.y0 = means.front() - g.dy / 2;
  g.values.assign(static_cast<std::size_t>(g.nx * g.ny), std::numeric_limits<double>::quiet_NaN());
  // One colour scale for every variant of the grid, so side-by-side plots compare.
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& p : points) {
    for (const auto& c : p.cells) {
      if (!std::isfinite(c.relative_rmse)) continue;
      const double v = std::log10(std::max(c.relative_rmse, 1e-16));
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (hi > lo) {
    g.scale_lo = lo;
    g.scale_hi = hi;
  }
  for (const auto& p : points) {
    const auto ix =
        std::find(amplitudes.begin(), amplitudes.end(), p.amplitude) - amplitudes.begin();
    const auto iy = std::find(means.begin(), means.end(), p.mean) - means.begin();
    if (ix >= g.nx || iy >= g.ny) continue;
    for (const auto& c : p.cells) {
      if (c.variant != variant) continue;
      // An exact output (relative RMSE 0) is drawn at 1e-16, below any rounding error.
      if (std::isfinite(c.relative_rmse)) {
        g.at(static_cast<int>(ix), static_cast<int>(iy)) =
            std::log10(std::max(c.relative_rmse, 1e-16));
      }
    }
  }
  return g;
}

}  // namespace amla
