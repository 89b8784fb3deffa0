#include "core/numerics/pasa_grid.h"

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

}  // namespace amla
