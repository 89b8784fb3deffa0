#include "core/numerics/numerics_metrics.h"

namespace amla {

const std::vector<NumericsMetricDef>& numerics_metric_catalogue() {
  using R = const VariantResult&;
  static const std::vector<NumericsMetricDef> list = {
      {"max_abs_err", "max abs error", "max |a - g| against the FP64 golden", false,
       [](R r) { return r.metrics.max_abs_err; }},
      {"max_rel_err", "max rel error", "max |a - g| / (|g| + 1e-6)", false,
       [](R r) { return r.metrics.max_rel_err; }},
      {"rmse", "RMSE", "sqrt(mean (a - g)^2)", false, [](R r) { return r.metrics.rmse; }},
      {"relative_rmse", "relative RMSE",
       "RMSE / RMS of the golden (PASA's figure); inf when an output is inf/NaN", false,
       [](R r) { return r.metrics.relative_rmse; }},
      {"cos_diff", "cos_diff", "1 - 2 sum(a g) / sum(a^2 + g^2), FP64; FlashMLA requires <= 5e-6",
       false, [](R r) { return r.metrics.cos_diff; }},
      {"mere", "MERE", "mean |a - g| / (|g| + 1e-7) (Ascend)", false,
       [](R r) { return r.metrics.mere; }},
      {"mare", "MARE", "max |a - g| / (|g| + 1e-7) (Ascend)", false,
       [](R r) { return r.metrics.mare; }},
      {"failing_elements", "FlashMLA failing elements",
       "elements with abs error >= 8e-4 and rel error >= 2.01/128", true,
       [](R r) { return static_cast<double>(r.metrics.failing_elements); }},
      {"nonfinite_mismatches", "non-finite mismatches",
       "outputs that are inf/NaN where the golden is not, or the other way round", true,
       [](R r) { return static_cast<double>(r.metrics.nonfinite_mismatches); }},
      {"overflow_count", "overflow count",
       "values that became inf or NaN from finite operands, summed over the kernel's stages "
       "(FP16 kernels; 0 for the FP32-accumulator ones)",
       true, [](R r) { return static_cast<double>(r.overflow.total()); }},
  };
  return list;
}

}  // namespace amla
