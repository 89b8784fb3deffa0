#pragma once
// PASA's evaluation grid (spec pasa.md): one numerics run per (mean, Am) point of
// pasa_grid_means() x pasa_grid_amplitudes(), reporting each variant's relative RMSE and
// overflow count: where plain FP16 breaks and whether PASA holds.
#include <cstdint>
#include <vector>

#include "core/common/job_control.h"
#include "core/numerics/heatmaps.h"
#include "core/numerics/numerics_run.h"

namespace amla {

struct PasaGridCell {
  NumericsVariant variant;
  double relative_rmse = 0;
  std::uint64_t overflow_count = 0;
  std::uint64_t nonfinite_outputs = 0;  // outputs inf/NaN where the golden is finite
};

struct PasaGridPoint {
  double mean = 0;
  double amplitude = 0;
  std::vector<PasaGridCell> cells;  // config.variants, in order
};

// `base` gives everything but mean and amplitude; its distribution must use them
// (pasa-uniform, pasa-hybrid or resonance). Progress counts grid points.
std::vector<PasaGridPoint> run_pasa_grid(const InputSpec& base, const NumericsConfig& config,
                                         const JobControl& control = {});

// (Am, mean) -> log10 of one variant's relative RMSE over the grid's points; x is the index of Am
// in pasa_grid_amplitudes() (its values are not evenly spaced), y the mean. A point whose output
// overflowed to inf/NaN has no finite error: NaN (drawn blank, "overflowed"). The colour scale
// spans every variant's values, so the variants' grids compare side by side.
HeatmapGrid pasa_grid_heatmap(const std::vector<PasaGridPoint>& points, NumericsVariant variant);

}  // namespace amla
